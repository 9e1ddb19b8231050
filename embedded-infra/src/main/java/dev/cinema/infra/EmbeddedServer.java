package dev.cinema.infra;

import java.nio.file.Path;
import java.util.Map;

/**
 * A real server started from Maven artifacts. It can be stopped and started again on the same
 * port and data directory, which is how tests try the failure of a dependency.
 */
public abstract class EmbeddedServer implements AutoCloseable {

    protected final int port;
    protected final Path workDir;

    protected EmbeddedServer(int port, Path workDir) {
        this.port = port;
        this.workDir = workDir;
    }

    /** The name used by {@code local_run.sh}: postgres, kafka, elasticsearch, mongo, redis. */
    public abstract String name();

    /** Starts the server and returns once it answers requests. Does nothing when it runs already. */
    public abstract void start();

    /** Stops the server; its data stays in {@link #workDir()}. Does nothing when it is stopped. */
    public abstract void stop();

    public abstract boolean isRunning();

    /**
     * How clients reach this server, keyed by the environment variables the services read
     * ({@code POSTGRES_URL}, {@code KAFKA_BOOTSTRAP_SERVERS}, ...).
     */
    public abstract Map<String, String> connectionSettings();

    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    /** Where the server's own output goes. */
    public Path logFile() {
        return workDir.resolve(name() + ".log");
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name() + connectionSettings();
    }
}
