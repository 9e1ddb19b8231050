package dev.cinema.infra;

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
 * must be placed where that uid can reach them.
 */
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
        // The clone's server files and programs, seen through the private folder as a clone there sees them.
        Path clone = home.resolve("clone");
        Files.createDirectories(clone);
        Path elasticsearchHome = Files.createSymbolicLink(clone.resolve(Dist.ELASTICSEARCH_DIR), Dist.elasticsearchHome().toAbsolutePath());
        Path jdk = Files.createSymbolicLink(clone.resolve("jdk"), Jdk.home().toAbsolutePath());
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
        } finally {
            node.stop();
        }

        // Started again, it reuses the copies and keeps its data.
        try (ElasticsearchServer again = new ElasticsearchServer(ServerKind.freePort(), clone.resolve(".local/data/elasticsearch"),
                elasticsearchHome, jdk, folder)) {
            again.start();
            assertThat(health(again)).contains("\"status\":\"green\"");
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
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(node.url() + "/_cluster/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
