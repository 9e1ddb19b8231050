package dev.cinema.recsys;

import dev.cinema.infra.EmbeddedServers;
import dev.cinema.infra.ServerKind;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * recsys-service against real PostgreSQL, Kafka (with its topic) and Elasticsearch (with the test index), refreshing within a second,
 * pruning old event ids every half second, 100 per statement.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedServers({ServerKind.POSTGRES, ServerKind.KAFKA, ServerKind.ELASTICSEARCH})
@ExtendWith(TopicAndCatalogExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"recsys.refresh-delay=100ms", "recsys.refresh-poll=200ms", "recsys.votes-flush=300ms",
                "recsys.retention.interval=500ms", "recsys.retention.batch=100"})
@AutoConfigureWebTestClient
public @interface RecsysIntegrationTest {
}
