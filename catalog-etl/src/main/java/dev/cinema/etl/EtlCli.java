package dev.cinema.etl;

import dev.cinema.etl.Command.Action;
import dev.cinema.etl.Command.UsageException;
import dev.cinema.etl.embedding.FilmEmbeddings;
import dev.cinema.etl.practicum.DemoCatalog;
import dev.cinema.etl.practicum.MovieLensCatalog;
import dev.cinema.etl.practicum.PracticumTexts;
import dev.cinema.etl.practicum.SyntheticCatalog;
import dev.cinema.etl.report.StageReport;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.stream.IntStream;

/** Parses the command line, starts the application context and runs the job in it. */
public final class EtlCli {

    public static final int OK = 0;
    public static final int STAGE_STOPPED = 1;
    public static final int BAD_ARGUMENTS = 2;
    public static final int ROWS_FAILED = 3;

    /** How a run ended: the exit code and the report of every stage that ran. */
    public record Outcome(int exitCode, List<StageReport> reports) {
    }

    private EtlCli() {
    }

    public static Outcome run(String... args) {
        Command command;
        try {
            command = Command.parse(args);
        } catch (UsageException e) {
            System.err.println("catalog-etl: " + e.getMessage());
            System.err.print(Command.USAGE);
            return new Outcome(BAD_ARGUMENTS, List.of());
        }
        if (command.action() == Action.GENERATE) {
            return generate(command);
        }
        if (command.action() == Action.MOVIELENS) {
            return movieLens(command);
        }
        if (command.action() == Action.EMBEDDING_RATE) {
            return embeddingRate(command);
        }
        SpringApplication application = new SpringApplication(CatalogEtlApplication.class);
        try (ConfigurableApplicationContext context = application.run()) {
            return context.getBean(EtlJob.class).execute(command);
        }
    }

    /** The baseline of the embedding benchmark: the same film texts the ETL would embed, through the model alone. */
    private static Outcome embeddingRate(Command command) {
        List<String> sample;
        try {
            sample = command.sqlite() == null
                    ? DemoCatalog.films().stream().map(film -> FilmEmbeddings.text(film.title(), film.genres(), film.description())).toList()
                    : PracticumTexts.read(command.sqlite(), command.films());
        } catch (Exception e) {
            System.err.println("catalog-etl: " + e.getMessage());
            return new Outcome(STAGE_STOPPED, List.of());
        }
        List<String> texts = IntStream.range(0, command.films()).mapToObj(i -> sample.get(i % sample.size())).toList();
        System.out.printf("model alone: %.1f texts/s (%d texts, one call at a time)%n", FilmEmbeddings.modelRate(texts), texts.size());
        return new Outcome(OK, List.of());
    }

    private static Outcome generate(Command command) {
        long started = System.nanoTime();
        try {
            SyntheticCatalog.write(command.out(), command.films());
        } catch (Exception e) {
            System.err.println("catalog-etl: could not write " + command.out() + ": " + e.getMessage());
            return new Outcome(STAGE_STOPPED, List.of());
        }
        System.out.printf("wrote %,d synthetic films to %s in %.1f s%n", command.films(), command.out(),
                (System.nanoTime() - started) / 1e9);
        return new Outcome(OK, List.of());
    }

    private static Outcome movieLens(Command command) {
        try {
            int films = MovieLensCatalog.write(command.dir(), command.out());
            System.out.printf("wrote %,d MovieLens films from %s to %s%n", films, command.dir(), command.out());
            return new Outcome(OK, List.of());
        } catch (Exception e) {
            System.err.println("catalog-etl: could not write " + command.out() + " from " + command.dir() + ": " + e.getMessage());
            return new Outcome(STAGE_STOPPED, List.of());
        }
    }
}
