package dev.cinema.platform;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The platform as {@code ./local_run.sh} runs it, reached through nginx ({@code cinema.url},
 * http://127.0.0.1:8080 by default). When nothing answers there, the first test class starts it
 * with {@code ./local_run.sh start} and the last one stops it again; a platform that was already
 * running is used as it is and left running.
 */
public final class Platform implements BeforeAllCallback {

    public static final URI URL = URI.create(System.getProperty("cinema.url", "http://127.0.0.1:8080"));
    public static final Path ROOT = Path.of(System.getProperty("cinema.root", "..")).toAbsolutePath().normalize();
    public static final Path LOGS = ROOT.resolve(".local/logs");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

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
            run("start");
            if (!answers()) {
                throw new IllegalStateException("./local_run.sh start finished but " + URL + " does not answer; see " + LOGS);
            }
            return new Running(true);
        }

        @Override
        public void close() {
            if (startedHere) {
                run("stop");
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

        private static void run(String command) {
            try {
                Path log = Path.of("target", "local_run-" + command + ".log");
                Files.createDirectories(log.getParent());
                Process process = new ProcessBuilder(ROOT.resolve("local_run.sh").toString(), command)
                        .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(START_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("./local_run.sh " + command + " took over " + START_TIMEOUT + "; see " + log.toAbsolutePath());
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("./local_run.sh " + command + " failed:\n" + Files.readString(log));
                }
            } catch (IOException failed) {
                throw new IllegalStateException("could not run ./local_run.sh " + command, failed);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }
}
