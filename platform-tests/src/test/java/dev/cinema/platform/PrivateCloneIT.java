package dev.cinema.platform;

import dev.cinema.infra.ServerKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A new user who is root clones the project into their home folder (mode 700) and runs
 * {@code ./local_run.sh}: the parts that run as uid 65534 (Elasticsearch, nginx's workers) must
 * start although that uid cannot enter the clone. The clone gets this build's embedded-infra jar and
 * server files (hard links), so that it starts its servers without building; it runs on free ports
 * beside the platform the other tests use.
 */
class PrivateCloneIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Path clone;
    private static Map<String, String> ports;

    @BeforeAll
    static void cloneIntoAPrivateFolder() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root runs servers as uid 65534");
        Path home = Path.of("target", "private-home").toAbsolutePath();
        deleteTree(home);
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        ports = Map.of("ELASTICSEARCH_PORT", String.valueOf(ServerKind.freePort()), "NGINX_PORT", String.valueOf(ServerKind.freePort()));
        run(List.of("git", "clone", "-q", Platform.ROOT.toString(), home.resolve("cinema").toString()));
        clone = home.resolve("cinema");
        Path built = Platform.ROOT.resolve("embedded-infra/target");
        Files.createDirectories(clone.resolve("embedded-infra/target"));
        for (String file : List.of("embedded-infra.jar", "dist")) {
            run(List.of("cp", "-al", built.resolve(file).toString(), clone.resolve("embedded-infra/target").toString()));
        }
        // Newer than the clone's sources, so local_run.sh takes it as built.
        run(List.of("touch", clone.resolve("embedded-infra/target/embedded-infra.jar").toString()));
    }

    @AfterAll
    static void clean() {
        if (clone != null) {
            LocalRun.runIn(clone, ports, "clean");
        }
    }

    @Test
    void elasticsearchAndNginxStartFromACloneThatUid65534CannotEnter() throws Exception {
        LocalRun.runIn(clone, ports, "start", "elasticsearch");
        LocalRun.runIn(clone, ports, "start", "nginx");

        HttpResponse<String> health = get("http://127.0.0.1:" + ports.get("ELASTICSEARCH_PORT") + "/_cluster/health");
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> page = get("http://127.0.0.1:" + ports.get("NGINX_PORT") + "/");
        assertThat(page.statusCode()).as("the page, read by nginx's workers as nobody").isEqualTo(200);
        assertThat(page.body()).contains("<html");
        HttpResponse<String> style = get("http://127.0.0.1:" + ports.get("NGINX_PORT") + "/style.css");
        assertThat(style.headers().firstValue("Content-Type")).hasValue("text/css");

        Path unprivileged = Path.of(Files.readString(clone.resolve(".local/data/elasticsearch/node-location.txt")).trim())
                .getParent().getParent().getParent().getParent();
        // local_run.sh (bash) and embedded-infra (Java) name the same folder for the clone.
        assertThat(unprivileged).isEqualTo(Path.of("/var/lib/cinema", "cinema-" + Integer.toHexString(clone.toString().hashCode())));
        assertThat(unprivileged.resolve("nginx/html/index.html")).exists();

        String status = LocalRun.runIn(clone, ports, "status");
        assertThat(status).containsPattern("elasticsearch +running \\(pid [0-9]+\\): .* \\(ok: cluster status (green|yellow)\\)");
        assertThat(status).containsPattern("nginx +running");

        LocalRun.runIn(clone, ports, "clean");
        assertThat(unprivileged).doesNotExist();
        assertThat(clone.resolve(".local")).doesNotExist();
        assertThat(portAnswers(Integer.parseInt(ports.get("NGINX_PORT")))).as("nginx stopped by clean").isFalse();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean portAnswers(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
