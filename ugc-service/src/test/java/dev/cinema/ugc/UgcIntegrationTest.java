package dev.cinema.ugc;

import dev.cinema.infra.EmbeddedServers;
import dev.cinema.infra.ServerKind;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The whole service on a random port against real MongoDB-wire, Kafka and Elasticsearch servers. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedServers({ServerKind.MONGO, ServerKind.KAFKA, ServerKind.ELASTICSEARCH})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ugc.events.relay-interval=50ms", "ugc.events.max-backoff=1s", "ugc.events.sweep-interval=2s"})
@AutoConfigureWebTestClient
@interface UgcIntegrationTest {
}
