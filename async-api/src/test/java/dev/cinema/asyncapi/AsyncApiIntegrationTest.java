package dev.cinema.asyncapi;

import dev.cinema.infra.EmbeddedServers;
import dev.cinema.infra.ServerKind;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** async-api against real Elasticsearch and Redis holding {@link TestCatalog}, recsys-service played by WireMock ({@link Recsys}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedServers({ServerKind.ELASTICSEARCH, ServerKind.REDIS})
@ExtendWith(TestCatalogExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // films-hold 0: the tests change films and expect the next answers to follow (CatalogVersionTest holds)
        properties = {"catalog.version-poll=200ms", "catalog.films-hold=0s", "feed.recsys-timeout=1500ms", "feed.ugc-timeout=1500ms"})
@AutoConfigureWebTestClient
@interface AsyncApiIntegrationTest {
}
