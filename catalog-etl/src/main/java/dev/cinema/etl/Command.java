package dev.cinema.etl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the command line asked for. Options take their value as the next argument
 * ({@code --sqlite PATH}) or after an equals sign ({@code --sqlite=PATH}).
 */
record Command(Action action, Path sqlite, boolean demo, boolean watch, boolean full, Boolean embeddings, int films, Path out, Path dir) {

    enum Action { SQLITE_TO_POSTGRES, POSTGRES_TO_ELASTICSEARCH, RUN, GENERATE, MOVIELENS, EMBEDDING_RATE }

    static final String USAGE = """
            usage: catalog-etl COMMAND [OPTIONS]
              sqlite-to-postgres --sqlite PATH | --demo   load a Practicum-schema SQLite file into PostgreSQL
              postgres-to-elasticsearch                   index what changed in PostgreSQL into Elasticsearch
              run --sqlite PATH | --demo                  both stages, one after the other
              generate --films N --out PATH               write a synthetic Practicum-schema catalog (for benchmarks)
              movielens --dir DIR --out PATH              write a MovieLens folder's films as a Practicum-schema catalog
              embedding-rate [--texts N] [--sqlite PATH]  the model alone: N film texts (demo or from PATH), one call at a time
            options:
              --watch              keep polling for changes every etl.watch-interval (ETL_WATCH_INTERVAL, default 10s)
              --full               index everything again, not only what changed since the last run
              --embeddings=on|off  compute film vectors (ETL_EMBEDDINGS, default on)
              --demo               use the demo catalog that ships inside this jar
            exit codes: 0 every stage finished, 1 a stage could not finish, 2 bad arguments, 3 finished but some rows failed
            """;

    private static final List<String> ON_OFF = List.of("on", "off", "true", "false");

    static Command parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        Action action = switch (args[0]) {
            case "sqlite-to-postgres" -> Action.SQLITE_TO_POSTGRES;
            case "postgres-to-elasticsearch" -> Action.POSTGRES_TO_ELASTICSEARCH;
            case "run" -> Action.RUN;
            case "generate" -> Action.GENERATE;
            case "movielens" -> Action.MOVIELENS;
            case "embedding-rate" -> Action.EMBEDDING_RATE;
            default -> throw new UsageException("unknown command '" + args[0] + "'");
        };
        Path sqlite = null;
        Path out = null;
        Path dir = null;
        boolean demo = false;
        boolean watch = false;
        boolean full = false;
        Boolean embeddings = null;
        int films = action == Action.EMBEDDING_RATE ? 300 : 100_000;
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            String inlineValue = null;
            int equals = option.indexOf('=');
            if (equals > 0) {
                inlineValue = option.substring(equals + 1);
                option = option.substring(0, equals);
            }
            switch (option) {
                case "--sqlite" -> sqlite = Path.of(value(option, inlineValue, rest));
                case "--out" -> out = Path.of(value(option, inlineValue, rest));
                case "--dir" -> dir = Path.of(value(option, inlineValue, rest));
                case "--films", "--texts" -> films = positive(option, value(option, inlineValue, rest));
                case "--full" -> full = true;
                case "--demo" -> demo = true;
                case "--watch" -> watch = true;
                case "--embeddings" -> embeddings = onOff(option, inlineValue != null ? inlineValue
                        : !rest.isEmpty() && ON_OFF.contains(rest.getFirst()) ? rest.removeFirst() : "on");
                case "--no-embeddings" -> embeddings = false;
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        boolean needsSqlite = action == Action.SQLITE_TO_POSTGRES || action == Action.RUN;
        if (needsSqlite && (sqlite == null) == !demo) {
            throw new UsageException(args[0] + " needs exactly one of --sqlite PATH or --demo");
        }
        if (!needsSqlite && action != Action.EMBEDDING_RATE && (sqlite != null || demo)) {
            throw new UsageException(args[0] + " reads no SQLite file");
        }
        if ((action == Action.GENERATE || action == Action.MOVIELENS) && out == null) {
            throw new UsageException(args[0] + " needs --out PATH");
        }
        if ((action == Action.MOVIELENS) != (dir != null)) {
            throw new UsageException(action == Action.MOVIELENS ? "movielens needs --dir DIR" : args[0] + " takes no --dir");
        }
        boolean tool = action == Action.GENERATE || action == Action.MOVIELENS || action == Action.EMBEDDING_RATE;
        if (tool && (watch || full)) {
            throw new UsageException(args[0] + " takes no --watch or --full");
        }
        if (full && action == Action.SQLITE_TO_POSTGRES) {
            throw new UsageException("--full re-indexes Elasticsearch: use it with postgres-to-elasticsearch or run");
        }
        return new Command(action, sqlite, demo, watch, full, embeddings, films, out, dir);
    }

    boolean loadsSqlite() {
        return action == Action.SQLITE_TO_POSTGRES || action == Action.RUN;
    }

    boolean indexes() {
        return action == Action.POSTGRES_TO_ELASTICSEARCH || action == Action.RUN;
    }

    private static String value(String option, String inlineValue, List<String> rest) {
        if (inlineValue != null) {
            return inlineValue;
        }
        if (rest.isEmpty() || rest.getFirst().startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    private static int positive(String option, String value) {
        try {
            int number = Integer.parseInt(value.replace("_", ""));
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + " needs a positive whole number, got '" + value + "'");
    }

    private static boolean onOff(String option, String value) {
        return switch (value) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new UsageException(option + " takes on or off, got '" + value + "'");
        };
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
