package dev.cinema.platform;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.Map;
import java.util.Objects;

/**
 * The platform as {@code ./local_run.sh} runs it, reached through nginx ({@code cinema.url};
 * by default http://127.0.0.1:8080, or the port {@code NGINX_PORT} names). When nothing answers
 * there, the first test class starts it with {@code ./local_run.sh start} and the last one stops it
 * again (a start that fails stops it at once); a platform that was already running is used as it
 * is and left running.
 */
public final class Platform implements BeforeAllCallback {

    // NGINX_PORT as local_run.sh reads it, so that the tests find a platform whose ports were moved
    public static final URI URL = URI.create(System.getProperty("cinema.url",
            "http://127.0.0.1:" + Objects.requireNonNullElse(System.getenv("NGINX_PORT"), "8080")));
    public static final Path ROOT = Path.of(System.getProperty("cinema.root", "..")).toAbsolutePath().normalize();
    // the platform's state, where local_run.sh keeps it (LOCAL_RUN_DIR: a second platform beside the usual one)
    public static final Path LOCAL = System.getenv("LOCAL_RUN_DIR") == null ? ROOT.resolve(".local")
            : Path.of(System.getenv("LOCAL_RUN_DIR")).toAbsolutePath().normalize();
    public static final Path LOGS = LOCAL.resolve("logs");
    private static final Duration ANSWER_WITHIN = Duration.ofMinutes(2);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).computeIfAbsent(Platform.class, key -> Running.ensure(), Running.class);
    }

    /** Whether this JVM started the platform, and so stops it when the tests are done. */
    private record Running(boolean startedHere) implements AutoCloseable {

        static Running ensure() {
            if (answers()) {
                return new Running(false);
            }
            // A start that fails stops what it started itself; one that returns has started the platform.
            LocalRun.run(Map.of(), "start");
            // It returns once every part is ready; a loaded machine may still be slow to answer.
            Instant deadline = Instant.now().plus(ANSWER_WITHIN);
            while (!answers()) {
                if (Instant.now().isAfter(deadline)) {
                    LocalRun.run(Map.of(), "stop");
                    throw new IllegalStateException("./local_run.sh start finished but " + URL + " did not answer within "
                            + ANSWER_WITHIN + "; see " + LOGS);
                }
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
            return new Running(true);
        }

        @Override
        public void close() {
            if (startedHere) {
                LocalRun.run(Map.of(), "stop");
            }
        }

        private static boolean answers() {
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
                return client.send(HttpRequest.newBuilder(URL.resolve("/api/v1/genres")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notRunning) {
                return false;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
