package dev.cinema.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * One PostgreSQL role per service, each reaching only its own database, made on an embedded server
 * by {@code deploy/postgres-roles.sql} (bundled in this jar), the same script an operator runs with
 * psql on a server of their own. Each role's password is made on first use and kept in
 * {@code <secrets>/postgres-<role>.password} (folder mode 700, files 600), so that the roles survive
 * restarts with the passwords the services are given. {@code local_run.sh} runs {@link #main} once
 * PostgreSQL is up:
 *
 * <pre>java -cp ... dev.cinema.infra.PostgresRoles --port N --secrets DIR</pre>
 *
 * It connects as {@code POSTGRES_USER} / {@code POSTGRES_PASSWORD} (postgres / postgres), the superuser.
 */
public final class PostgresRoles {

    /** A service's role: its name, and the prefix of the variables its service reads ({@code AUTH_POSTGRES_USER}, ...). */
    public enum Role {
        AUTH("auth"), CATALOG("catalog"), RECSYS("recsys"), TRAINING("recsys_training");

        private final String roleName;

        Role(String roleName) {
            this.roleName = roleName;
        }

        public String roleName() {
            return roleName;
        }

        /** The variables the service reads its login from: {@code AUTH_POSTGRES_USER}, {@code AUTH_POSTGRES_PASSWORD}. */
        public String userVariable() {
            return name() + "_POSTGRES_USER";
        }

        public String passwordVariable() {
            return name() + "_POSTGRES_PASSWORD";
        }

        /** The script's variables for it: {@code auth_user}, {@code auth_password}. */
        private String scriptPrefix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a service logs in with. */
    public record Login(String user, String password) {
    }

    static final String SCRIPT = "postgres-roles.sql";
    private static final int PASSWORD_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PostgresRoles() {
    }

    public static void main(String[] args) throws Exception {
        Integer port = null;
        Path secrets = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--secrets" -> secrets = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port == null || secrets == null) {
            System.err.println("usage: PostgresRoles --port N --secrets DIR");
            System.exit(2);
        }
        Map<Role, Login> logins = create("jdbc:postgresql://127.0.0.1:" + port + "/",
                System.getenv().getOrDefault("POSTGRES_USER", PostgresServer.USER),
                System.getenv().getOrDefault("POSTGRES_PASSWORD", "postgres"), secrets);
        System.out.println("postgres roles ready: " + logins.values().stream().map(Login::user).toList() + " (passwords in " + secrets + ")");
    }

    /** Creates the roles on the embedded server of the tests (as its superuser), with their passwords in {@code secrets}. */
    public static Map<Role, Login> create(PostgresServer server, Path secrets) {
        try {
            return create(server.jdbcUrl(""), PostgresServer.USER, "", secrets);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the services' roles", e);
        }
    }

    /**
     * Runs the script as the superuser on the server at {@code jdbcBase} (a JDBC address ending in
     * {@code /}, a database name is added) and returns each role's login.
     */
    static Map<Role, Login> create(String jdbcBase, String superuser, String superuserPassword, Path secrets) throws SQLException {
        Map<Role, Login> logins = new EnumMap<>(Role.class);
        Map<String, String> variables = new HashMap<>();
        for (Role role : Role.values()) {
            Login login = new Login(role.roleName(), password(secrets, role));
            logins.put(role, login);
            variables.put(role.scriptPrefix() + "_user", login.user());
            variables.put(role.scriptPrefix() + "_password", login.password());
        }
        new PsqlScript(script(), variables).run(database -> DriverManager.getConnection(jdbcBase + database, superuser, superuserPassword),
                "postgres");
        return logins;
    }

    private static String script() {
        try (InputStream script = PostgresRoles.class.getResourceAsStream("/" + SCRIPT)) {
            if (script == null) {
                throw new IllegalStateException(SCRIPT + " is not on the classpath (embedded-infra's build copies it from deploy/)");
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The role's password, made and written on first use; only its owner may read it. */
    static String password(Path secrets, Role role) {
        Path file = secrets.resolve("postgres-" + role.roleName() + ".password");
        try {
            if (!Files.isDirectory(secrets)) {
                Files.createDirectories(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // whatever the umask made of a folder that was there before
            Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(file)) {
                byte[] random = new byte[PASSWORD_BYTES];
                RANDOM.nextBytes(random);
                String made = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    // created with its mode: never readable by others, not even for an instant
                    Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                            made + "\n");
                } catch (FileAlreadyExistsException madeMeanwhile) {
                    // another start made it first: its password counts
                }
            }
            String password = Files.readString(file).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException(file + " is empty: delete it to have a new password made");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the password of role " + role.roleName() + " in " + file, e);
        }
    }
}
