package dev.cinema.auth;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The actuator is served on the management port alone, on loopback; there, all but health need the scrape token. */
@AuthIntegrationTest
class ManagementPortIT {

    @Autowired
    WebTestClient client;
    @LocalManagementPort
    int managementPort;

    private WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    }

    @Test
    void healthIsUpWithTheDatabaseOnTheManagementPortWithoutAToken() {
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management().get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void metricsOnTheManagementPortNeedTheScrapeToken() {
        management().get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        management().get().uri("/actuator/metrics/jvm.memory.used").header("Authorization", "Bearer not-the-token").exchange()
                .expectStatus().isUnauthorized();

        management().get().uri("/actuator/metrics").header("Authorization", "Bearer " + AuthIntegrationTest.SCRAPE_TOKEN).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.names").isArray();
        management().get().uri("/actuator/metrics/jvm.memory.used").header("Authorization", "Bearer " + AuthIntegrationTest.SCRAPE_TOKEN)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.measurements[0].value").isNumber();
    }

    @Test
    void prometheusScrapesTheMetricsWithTheTokenTheRevocationFeedsAmongThem() {
        management().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        management().get().uri("/actuator/prometheus").header("Authorization", "Bearer " + AuthIntegrationTest.SCRAPE_TOKEN)
                .exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> org.assertj.core.api.Assertions.assertThat(text)
                        .contains("cinema_revocations_age_seconds", "cinema_revocations_failures_total", "jvm_memory_used_bytes"));
    }

    @Test
    void theManagementPortListensOnLoopbackAlone() throws SocketException {
        InetAddress outward = NetworkInterface.networkInterfaces().filter(this::isUp).flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()).findFirst().orElse(null);
        assumeTrue(outward != null, "this machine has no address but loopback");

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(outward, managementPort), 2_000);
            }
        }).as("connecting to the management port on " + outward.getHostAddress()).isInstanceOf(IOException.class);
    }

    private boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException gone) {
            return false;
        }
    }

    @Test
    void theServicesPortServesNoActuatorEvenToAnAdministrator() {
        String admin = (String) new AuthClient(client).tokens(AuthIntegrationTest.ADMIN_LOGIN, AuthIntegrationTest.ADMIN_PASSWORD)
                .get("access_token");
        for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/metrics", "/actuator/metrics/jvm.memory.used"}) {
            client.get().uri(path).exchange().expectStatus().isUnauthorized();
            client.get().uri(path).header("Authorization", "Bearer " + admin).exchange().expectStatus().isNotFound();
            client.get().uri(path).header("Authorization", "Bearer " + AuthIntegrationTest.SCRAPE_TOKEN).exchange()
                    .expectStatus().isUnauthorized();
        }
    }
}
