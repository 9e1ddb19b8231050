package dev.cinema.platform;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keeps the Docker deployment ({@code deploy/docker-compose.yml}) true without a Docker engine:
 * every variable it gives a service is one that service reads, every port is the one the service
 * listens on, nginx's addresses are the services' ones, each service logs in to PostgreSQL as its own
 * role, and Debian's docker-compose accepts the file.
 */
class ComposeFileTest {

    private static final Path ROOT = Platform.ROOT;
    private static final Path COMPOSE = ROOT.resolve("deploy/docker-compose.yml");
    // a default that is itself a variable (${AUTH_POSTGRES_USER:${POSTGRES_USER:postgres}}) is found as one in turn
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}$]*))?");
    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    /** The variables a module reads, with their defaults: its application*.yml and resource-server's shared defaults. */
    private static Map<String, String> variablesOf(String module) throws IOException {
        Map<String, String> variables = new HashMap<>();
        List<Path> files;
        try (Stream<Path> resources = Files.list(ROOT.resolve(module).resolve("src/main/resources"))) {
            files = new ArrayList<>(resources.filter(file -> file.getFileName().toString().startsWith("application")).toList());
        }
        for (String shared : List.of("cinema-jwt-defaults.properties", "cinema-forwarded-defaults.properties", "cinema-management-defaults.properties")) {
            files.add(ROOT.resolve("resource-server/src/main/resources").resolve(shared));
        }
        for (Path file : files) {
            Matcher matcher = VARIABLE.matcher(Files.readString(file));
            while (matcher.find()) {
                variables.putIfAbsent(matcher.group(1), matcher.group(2));
            }
        }
        return variables;
    }

    /** The module a service's image is built from: its build folder, or the folder of its Dockerfile when the context is the repository. */
    private static String moduleOf(Map<String, Object> service) {
        Object build = service.get("build");
        if (build instanceof Map<?, ?> withContext) {
            return Path.of(withContext.get("dockerfile").toString()).getParent().getFileName().toString();
        }
        return build == null ? null : Path.of(build.toString()).getFileName().toString();
    }

    @Test
    void everyVariableGivenToAServiceIsOneItReads() throws IOException {
        Set<String> checked = new TreeSet<>();
        for (var entry : services().entrySet()) {
            String module = moduleOf(entry.getValue());
            if (module == null) {
                continue;
            }
            Set<String> read = variablesOf(module).keySet();
            assertThat(read).as("variables %s reads", module).containsAll(environment(entry.getValue()).keySet());
            checked.add(module);
        }
        assertThat(checked).containsExactlyInAnyOrder("auth-service", "ugc-service", "async-api", "recsys-service", "catalog-etl");
    }

    @Test
    void everyServiceListensWhereComposeNginxAndItsImageSayItDoes() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, Object> nginx = environment(services.get("nginx"));
        Map<String, String> nginxAddress = Map.of("auth-service", "AUTH_ADDRESS", "ugc-service", "UGC_ADDRESS",
                "async-api", "ASYNC_API_ADDRESS", "recsys-service", "RECSYS_ADDRESS");
        for (var entry : nginxAddress.entrySet()) {
            String module = entry.getKey();
            Map<String, String> variables = variablesOf(module);
            String portVariable = variables.keySet().stream()
                    .filter(name -> name.endsWith("_PORT") && !name.endsWith("_MANAGEMENT_PORT")).findFirst().orElseThrow();
            String port = variables.get(portVariable);
            String managementPort = variables.get(portVariable.replace("_PORT", "_MANAGEMENT_PORT"));
            Map<String, Object> service = services.get(module);

            assertThat(String.valueOf(environment(service).get(portVariable))).as(module + " " + portVariable).isEqualTo(port);
            assertThat(service.get("expose").toString()).as(module + " expose").contains(port);
            assertThat(nginx.get(entry.getValue())).as("nginx's " + entry.getValue()).isEqualTo(module + ":" + port);
            String dockerfile = Files.readString(ROOT.resolve(module).resolve("Dockerfile"));
            assertThat(dockerfile).as(module + "/Dockerfile").contains("EXPOSE " + port)
                    .contains("127.0.0.1:" + managementPort + "/actuator/health").doesNotContain("EXPOSE " + managementPort);
            assertThat(String.valueOf(service.get("ports"))).as(module + " publishes no management port").doesNotContain(managementPort);
        }
    }

    @Test
    void theServicesBelieveForwardedHeadersFromComposesNginxAlone() throws IOException {
        Map<String, Map<String, Object>> services = services();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> nginxNetworks = (Map<String, Map<String, Object>>) services.get("nginx").get("networks");
        String nginxAddress = String.valueOf(nginxNetworks.get("default").get("ipv4_address"));
        for (String module : List.of("auth-service", "ugc-service", "async-api", "recsys-service")) {
            assertThat(environment(services.get(module))).as(module).containsEntry("CINEMA_TRUSTED_PROXIES", nginxAddress)
                    .containsEntry("MANAGEMENT_ADDRESS", "0.0.0.0");
        }
    }

    @Test
    void theServersAreReachedThroughTheVariablesLocalRunUses() throws IOException {
        String localRun = Files.readString(ROOT.resolve("local_run.sh"));
        Set<String> servers = Set.of("POSTGRES_URL", "KAFKA_BOOTSTRAP_SERVERS", "ELASTICSEARCH_URL", "MONGODB_URI", "REDIS_URL");
        Set<String> used = new HashSet<>();
        for (Map<String, Object> service : services().values()) {
            environment(service).keySet().stream().filter(servers::contains).forEach(used::add);
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(servers);
        servers.forEach(variable -> assertThat(localRun).as("local_run.sh names " + variable).contains(variable));
    }

    /** Each PostgreSQL role's variables, by the service that logs in with them (recsys-service starts the training job with its own). */
    private static final Map<String, Set<String>> ROLES = Map.of("auth-service", Set.of("AUTH"), "catalog-etl", Set.of("CATALOG"),
            "recsys-service", Set.of("RECSYS", "TRAINING"));

    @Test
    void eachServiceLogsInToPostgresAsItsOwnRoleWithNoOtherLogin() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, Object> postgres = environment(services.get("postgres"));
        Set<String> checked = new TreeSet<>();
        for (Map<String, Object> service : services.values()) {
            Map<String, Object> environment = environment(service);
            String module = moduleOf(service);
            if (module == null) {
                continue;
            }
            if (!environment.containsKey("POSTGRES_URL")) {
                assertThat(environment.keySet()).as(module + " uses no PostgreSQL: no login").noneMatch(name -> name.contains("POSTGRES_"));
                continue;
            }
            assertThat(environment).as(module + " never logs in as the superuser").doesNotContainKeys("POSTGRES_USER", "POSTGRES_PASSWORD");
            Set<String> logins = new TreeSet<>();
            for (String variable : environment.keySet()) {
                if (variable.endsWith("_POSTGRES_USER")) {
                    logins.add(variable.substring(0, variable.length() - "_POSTGRES_USER".length()));
                }
            }
            assertThat(logins).as(module + "'s roles").isEqualTo(ROLES.get(module));
            for (String role : logins) {
                // the same role the postgres container makes, and a password required from the environment
                assertThat(environment.get(role + "_POSTGRES_USER")).as(module + " " + role).isEqualTo(postgres.get(role + "_POSTGRES_USER"));
                assertThat(String.valueOf(environment.get(role + "_POSTGRES_PASSWORD"))).as(module + " " + role + "_POSTGRES_PASSWORD")
                        .startsWith("${" + role + "_POSTGRES_PASSWORD:?").isEqualTo(postgres.get(role + "_POSTGRES_PASSWORD"));
                assertThat(variablesOf(module)).as(module + " reads its role").containsKeys(role + "_POSTGRES_USER", role + "_POSTGRES_PASSWORD");
            }
            assertThat(environment.keySet().stream().filter(name -> name.endsWith("_POSTGRES_PASSWORD")).toList())
                    .as(module + " is given no other role's password").hasSize(logins.size());
            checked.add(module);
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(ROLES.keySet());
        assertThat(new TreeSet<>(ROLES.values().stream().flatMap(Set::stream).toList())).as("distinct roles")
                .hasSize((int) ROLES.values().stream().mapToLong(Set::size).sum());
    }

    @Test
    void postgresMakesEveryRoleWithTheScriptLocalRunRunsGivingItEveryVariableItUses() throws IOException {
        Map<String, Object> postgres = services().get("postgres");
        String init = Files.readString(ROOT.resolve("deploy/postgres-init.sh"));
        // its statements, without the comments that tell how to run it
        String roles = String.join("\n", Files.readAllLines(ROOT.resolve("deploy/postgres-roles.sql")).stream()
                .filter(line -> !line.startsWith("--")).toList());
        assertThat(postgres.get("volumes").toString()).contains("./postgres-init.sh:/docker-entrypoint-initdb.d/")
                .contains("./postgres-roles.sql:/etc/cinema/postgres-roles.sql");
        assertThat(init).contains("-f /etc/cinema/postgres-roles.sql");

        Set<String> given = new TreeSet<>();
        Matcher option = Pattern.compile("-v ([a-z_]+)=\"\\$([A-Z_]+)\"").matcher(init);
        while (option.find()) {
            given.add(option.group(1));
            assertThat(environment(postgres)).as("compose gives the postgres container " + option.group(2)).containsKey(option.group(2));
        }
        Set<String> used = new TreeSet<>();
        Matcher variable = Pattern.compile(":['\"]([a-z_]+)['\"]").matcher(roles);
        while (variable.find()) {
            used.add(variable.group(1));
        }
        assertThat(given).as("the variables postgres-init.sh gives postgres-roles.sql").isEqualTo(used).isNotEmpty();
    }

    @Test
    void nginxInDockerFillsEveryPlaceholderOfTheTemplateLocalRunFills() throws IOException {
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(ROOT.resolve("nginx/nginx.conf.template")));
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        String entrypoint = Files.readString(ROOT.resolve("deploy/nginx-entrypoint.sh"));
        String localRun = Files.readString(ROOT.resolve("local_run.sh"));
        for (String placeholder : placeholders) {
            assertThat(entrypoint).as("deploy/nginx-entrypoint.sh fills @" + placeholder + "@").contains("@" + placeholder + "@");
            assertThat(localRun).as("local_run.sh fills @" + placeholder + "@").contains("@" + placeholder + "@");
        }
        Matcher variables = Pattern.compile("\\$\\{([A-Z_]+)}").matcher(entrypoint);
        Map<String, Object> nginx = environment(services().get("nginx"));
        while (variables.find()) {
            assertThat(nginx).as("compose gives nginx " + variables.group(1)).containsKey(variables.group(1));
        }
    }

    @Test
    void debiansDockerComposeAcceptsTheFile() throws Exception {
        Path dockerCompose = Stream.of("/usr/bin/docker-compose", "/usr/local/bin/docker-compose").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(dockerCompose != null, "needs Debian's docker-compose (apt-get install docker-compose)");
        ProcessBuilder check = new ProcessBuilder(dockerCompose.toString(), "-f", COMPOSE.toString(), "config", "-q").redirectErrorStream(true);
        for (String variable : List.of("POSTGRES_PASSWORD", "AUTH_POSTGRES_PASSWORD", "CATALOG_POSTGRES_PASSWORD", "RECSYS_POSTGRES_PASSWORD",
                "TRAINING_POSTGRES_PASSWORD")) {
            check.environment().put(variable, "only-for-the-check");
        }
        check.environment().put("AUTH_KEY_ENCRYPTION_KEY_FILE", "/dev/null");
        Process process = check.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
