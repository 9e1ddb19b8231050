package dev.cinema.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A single-node KRaft broker (broker and controller in one process) run from the
 * {@code kafka_2.13} jars that Maven copies to {@code target/dist/kafka}.
 */
public final class KafkaServer extends EmbeddedServer {

    private static final String STARTED_LINE = "Kafka Server started";

    private final int controllerPort;
    private ChildProcess broker;

    KafkaServer(int port, Path workDir) {
        this(port, port == ServerKind.KAFKA.localPort() ? port + 1 : ServerKind.freePort(), workDir);
    }

    KafkaServer(int port, int controllerPort, Path workDir) {
        super(port, workDir);
        this.controllerPort = controllerPort;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            Files.createDirectories(workDir);
            Path config = writeConfig();
            Path logging = writeLoggingConfig();
            if (!Files.exists(workDir.resolve("log/meta.properties"))) {
                ChildProcess.run(List.of(Jdk.java(), "-Xmx128m", "-Dlog4j2.configurationFile=" + logging,
                                "-cp", classpath(), "kafka.tools.StorageTool", "format",
                                "-t", clusterId(), "-c", config.toString()),
                        Map.of(), workDir, Duration.ofSeconds(60));
            }
            broker = ChildProcess.start(List.of(Jdk.java(),
                            "-Xms256m", "-Xmx256m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                            "-Djava.awt.headless=true",
                            "-Dlog4j2.configurationFile=" + logging,
                            "-cp", classpath(), "kafka.Kafka", config.toString()),
                    Map.of(), workDir, logFile(), line -> line.contains(STARTED_LINE));
            broker.awaitLine(Duration.ofSeconds(90), "Kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private String classpath() {
        return Dist.kafkaClasspath().toAbsolutePath() + "/*";
    }

    private Path writeConfig() throws IOException {
        String properties = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=168
                """.formatted(port, controllerPort, workDir.resolve("log").toAbsolutePath());
        Path file = workDir.resolve("server.properties");
        Files.writeString(file, properties);
        return file;
    }

    private Path writeLoggingConfig() throws IOException {
        String config = """
                status = warn
                appender.console.type = Console
                appender.console.name = STDOUT
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = warn
                rootLogger.appenderRef.stdout.ref = STDOUT
                logger.started.name = kafka.server.KafkaRaftServer
                logger.started.level = info
                """;
        Path file = workDir.resolve("log4j2.properties");
        Files.writeString(file, config);
        return file;
    }

    /** Kafka's cluster ids are 16 random bytes in URL-safe base64; Kafka rejects ids starting with '-'. */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    @Override
    public synchronized void stop() {
        if (broker != null) {
            broker.stop(Duration.ofSeconds(30));
            broker = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return broker != null && broker.isAlive();
    }

    @Override
    public Map<String, String> connectionSettings() {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port);
    }
}
