package dev.cinema.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** PostgreSQL from zonky's binaries, with one database per service that keeps data in it. */
public final class PostgresServer extends EmbeddedServer {

    public static final List<String> DATABASES = List.of("auth", "content", "recsys");
    public static final String USER = "postgres";

    private EmbeddedPostgres postgres;

    PostgresServer(int port, Path workDir) {
        super(port, workDir);
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = startPostgres();
        } catch (IOException | RuntimeException | ExceptionInInitializerError firstFailure) {
            // An extraction of the binaries cut short leaves a directory zonky cannot reuse; zonky
            // reports that as an ExceptionInInitializerError.
            deleteRecursively(binariesDir());
            try {
                postgres = startPostgres();
            } catch (IOException e) {
                e.addSuppressed(firstFailure);
                throw new UncheckedIOException("PostgreSQL did not start; see " + logFile(), e);
            }
        }
        requirePasswordsButTheSuperusers();
        createDatabases();
    }

    /**
     * zonky's initdb trusts every local connection, whatever its user: the services' roles
     * ({@link PostgresRoles}) would log in with any password, or none. Only the superuser keeps that,
     * for the tests and local_run.sh; every other role must give its password.
     */
    private void requirePasswordsButTheSuperusers() {
        Path rules = workDir.resolve("data").resolve("pg_hba.conf");
        String wanted = """
                # written by embedded-infra's PostgresServer at every start
                local all all trust
                host all %1$s 127.0.0.1/32 trust
                host all %1$s ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """.formatted(USER);
        try {
            if (wanted.equals(Files.readString(rules))) {
                return;
            }
            Files.writeString(rules, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + rules, e);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL did not reload " + rules, e);
        }
    }

    private EmbeddedPostgres startPostgres() throws IOException {
        Path dataDir = workDir.resolve("data");
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDir().toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "300")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
    }

    private Path binariesDir() {
        return workDir.resolve("binaries");
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private void createDatabases() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            for (String database : DATABASES) {
                try (ResultSet exists = statement.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (!exists.next()) {
                        statement.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the databases " + DATABASES, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        } finally {
            postgres = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /** {@code POSTGRES_URL} has no database: each service appends its own ({@code /auth}, ...). */
    @Override
    public Map<String, String> connectionSettings() {
        return Map.of(
                "POSTGRES_URL", "postgresql://127.0.0.1:" + port,
                "POSTGRES_USER", USER,
                "POSTGRES_PASSWORD", "postgres");
    }
}
