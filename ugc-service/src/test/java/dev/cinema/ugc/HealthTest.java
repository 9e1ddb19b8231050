package dev.cinema.ugc;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The probes with no server behind the service: liveness and readiness say whether it runs, not
 * whether MongoDB or Kafka answer. The topic is not created at start here: with no broker, Kafka's
 * admin client would hold the start for its 5 s timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.kafka.admin.auto-create=false")
@AutoConfigureWebTestClient
class HealthTest {

    @Autowired
    WebTestClient client;
    @LocalManagementPort
    int managementPort;

    @Test
    void livenessAndReadinessAreUpOnTheManagementPortAlone() {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        for (String probe : new String[] {"liveness", "readiness"}) {
            management.get().uri("/actuator/health/" + probe).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
            client.get().uri("/actuator/health/" + probe).exchange().expectStatus().isUnauthorized();
        }
    }
}
