package dev.cinema.etl;

import dev.cinema.etl.EtlCli.Outcome;
import dev.cinema.etl.elastic.PostgresToElasticsearch;
import dev.cinema.etl.practicum.DemoCatalog;
import dev.cinema.etl.report.StageReport;
import dev.cinema.etl.sqlite.SqliteToPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs the stages a command asks for, once or (with --watch) until the process is told to stop. */
@Component
class EtlJob {

    private static final Logger log = LoggerFactory.getLogger(EtlJob.class);

    private final Flyway flyway;
    private final SqliteToPostgres sqliteToPostgres;
    private final PostgresToElasticsearch postgresToElasticsearch;
    private final EtlProperties properties;
    private final HeapWatch heap = new HeapWatch();
    private volatile boolean stopping;

    EtlJob(Flyway flyway, SqliteToPostgres sqliteToPostgres, PostgresToElasticsearch postgresToElasticsearch,
           EtlProperties properties) {
        this.flyway = flyway;
        this.sqliteToPostgres = sqliteToPostgres;
        this.postgresToElasticsearch = postgresToElasticsearch;
        this.properties = properties;
    }

    Outcome execute(Command command) {
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            System.err.println("catalog-etl: cannot prepare the content schema in PostgreSQL: " + firstLine(e));
            return new Outcome(EtlCli.STAGE_STOPPED, List.of());
        }
        EtlProperties settings = command.embeddings() == null ? properties : properties.withEmbeddings(command.embeddings());
        Path sqlite = command.demo() ? demoFile() : command.sqlite();
        Thread worker = Thread.currentThread();
        Thread stopper = new Thread(() -> {
            stopping = true;
            worker.interrupt();
        });
        if (command.watch()) {
            Runtime.getRuntime().addShutdownHook(stopper);
        }
        try {
            List<StageReport> reports;
            boolean first = true;
            do {
                reports = round(command, sqlite, settings, first);
                first = false;
            } while (command.watch() && !stopping && pause(settings));
            return new Outcome(exitCode(reports), reports);
        } finally {
            if (command.demo()) {
                sqlite.toFile().delete();
            }
        }
    }

    private List<StageReport> round(Command command, Path sqlite, EtlProperties settings, boolean first) {
        List<StageReport> reports = new ArrayList<>();
        if (command.loadsSqlite()) {
            StageReport loaded = sqliteToPostgres.run(sqlite);
            reports.add(loaded);
            print(loaded, command.watch());
            if (!loaded.completed()) {
                return reports;
            }
        }
        if (command.indexes()) {
            StageReport indexed = postgresToElasticsearch.run(settings, command.full() && first);
            reports.add(indexed);
            print(indexed, command.watch());
        }
        if (!command.watch()) {
            System.out.printf("peak heap used: %d MB of %d MB%n", heap.peakMegabytes(),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
        return reports;
    }

    private boolean pause(EtlProperties settings) {
        try {
            Thread.sleep(settings.watchInterval());
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void print(StageReport report, boolean quietWhenIdle) {
        if (quietWhenIdle && report.completed() && report.moved() == 0 && report.failed() == 0) {
            log.debug("{}: nothing changed", report.stage());
            return;
        }
        report.summaryLines().forEach(System.out::println);
    }

    private static int exitCode(List<StageReport> reports) {
        if (reports.stream().anyMatch(report -> !report.completed())) {
            return EtlCli.STAGE_STOPPED;
        }
        return reports.stream().anyMatch(report -> report.failed() > 0) ? EtlCli.ROWS_FAILED : EtlCli.OK;
    }

    private static Path demoFile() {
        try {
            Path file = Files.createTempFile("cinema-demo-catalog", ".sqlite");
            DemoCatalog.write(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not build the demo catalog: " + e.getMessage(), e);
        }
    }

    private static String firstLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage().lines().findFirst().orElse("");
    }
}
