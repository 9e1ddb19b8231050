package dev.cinema.infra;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Root runs the platform from a clone inside a mode-700 folder (a root user's home): the
 * Elasticsearch node, run as uid 65534, cannot enter it, so its program, its JDK and its files
 * must be placed where that uid can reach them. (In {@code ./mvnw verify -Plong}: 30 s of copying
 * and starting; platform-tests' {@code PrivateCloneIT} starts the platform's Elasticsearch and nginx
 * from such a clone in every {@code ./mvnw verify}.)
 */
@Tag("long")
class ElasticsearchInPrivateFolderIT {

    @TempDir
    Path dir;

    @Test
    void aNodeWhoseCloneIsInAPrivateFolderStartsFromTheUnprivilegedFolder() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root runs Elasticsearch as another uid");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // as /var/lib is
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        // The clone's server files and a JDK inside the private folder (hard links: same files, no copy).
        Path clone = home.resolve("clone");
        Files.createDirectories(clone);
        Path elasticsearchHome = hardLinked(Dist.elasticsearchHome(), clone.resolve(Dist.ELASTICSEARCH_DIR));
        Path jdk = hardLinked(Jdk.home(), clone.resolve("jdk"));
        Path shared = dir.resolve("shared");
        UnprivilegedFolder folder = new UnprivilegedFolder(shared, clone);
        assertThat(UnprivilegedFolder.reachableByOthers(clone)).isFalse();

        ElasticsearchServer node = new ElasticsearchServer(ServerKind.freePort(), clone.resolve(".local/data/elasticsearch"),
                elasticsearchHome, jdk, folder);
        try {
            node.start();

            assertThat(health(node)).contains("\"status\":\"green\"");
            assertThat(shared.resolve(Dist.ELASTICSEARCH_DIR + "/bin/elasticsearch")).isExecutable();
            assertThat(shared.resolve(".local/data/elasticsearch/node/data")).isDirectory();
            assertThat(Files.readString(clone.resolve(".local/data/elasticsearch/node-location.txt")).trim())
                    .isEqualTo(shared.resolve(".local/data/elasticsearch/node").toString());
            assertThat(UnprivilegedFolder.reachableByOthers(shared.resolve(".local/data/elasticsearch/node"))).isTrue();
            send(node, "PUT", "/kept/_doc/1?refresh=true", "{\"title\": \"Alien\"}");
        } finally {
            node.stop();
        }

        // Started again, it reuses the copies and keeps its data.
        try (ElasticsearchServer again = new ElasticsearchServer(ServerKind.freePort(), clone.resolve(".local/data/elasticsearch"),
                elasticsearchHome, jdk, folder)) {
            again.start();
            assertThat(send(again, "GET", "/kept/_doc/1", null)).contains("\"title\": \"Alien\"");
        }
    }

    @Test
    void aProgramThatOthersReachIsUsedWhereItIs() {
        Path reachable = Dist.elasticsearchHome().toAbsolutePath();
        assumeTrue(UnprivilegedFolder.reachableByOthers(reachable), "the build itself is in a private folder");

        assertThat(new UnprivilegedFolder(dir.resolve("shared"), dir).program(reachable, "es")).isEqualTo(reachable);
        assertThat(dir.resolve("shared")).doesNotExist();
    }

    private static String health(ElasticsearchServer node) throws Exception {
        return send(node, "GET", "/_cluster/health", null);
    }

    private static String send(ElasticsearchServer node, String method, String path, String json) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(node.url() + path)).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static Path hardLinked(Path from, Path to) throws Exception {
        Process copy = new ProcessBuilder("cp", "-al", from.toRealPath().toString(), to.toString()).inheritIO().start();
        assertThat(copy.waitFor()).as("cp -al " + from).isZero();
        return to;
    }
}
