package dev.cinema.infra;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a psql script over JDBC, so that one SQL file serves psql (the compose deployment, an operator's
 * server) and local_run.sh, whose embedded PostgreSQL ships no psql. It reads the subset of psql that
 * such a script needs and no more: {@code :'name'} (a variable as a literal) and {@code :"name"} (as an
 * identifier), a line {@code \connect DATABASE}, and {@code \gexec} ending a query whose every value is
 * then run as a statement; otherwise a statement ends with {@code ;} at the end of a line, and lines
 * starting with {@code --} are comments. Every statement runs on its own (CREATE DATABASE refuses a
 * transaction), and the first error stops the script, as psql does with {@code ON_ERROR_STOP}.
 */
final class PsqlScript {

    /** A connection to the named database, as the script's user. */
    @FunctionalInterface
    interface Connector {
        Connection connect(String database) throws SQLException;
    }

    private static final Pattern VARIABLE = Pattern.compile(":(['\"])([A-Za-z_][A-Za-z0-9_]*)\\1");
    private static final Pattern CONNECT = Pattern.compile("\\\\c(?:onnect)?\\s+(\\S+)\\s*");
    private static final String GEXEC = "\\gexec";

    private final String script;
    private final Map<String, String> variables;

    PsqlScript(String script, Map<String, String> variables) {
        this.script = script;
        this.variables = variables;
    }

    /** Runs the script, starting in {@code database}. */
    void run(Connector connector, String database) throws SQLException {
        Connection connection = connector.connect(database);
        try {
            StringBuilder statement = new StringBuilder();
            for (String line : script.split("\n", -1)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("--") || statement.isEmpty() && trimmed.isEmpty()) {
                    continue;
                }
                Matcher connect = CONNECT.matcher(trimmed);
                if (statement.isEmpty() && connect.matches()) {
                    connection.close();
                    connection = connector.connect(connect.group(1));
                } else if (trimmed.endsWith(GEXEC)) {
                    statement.append(trimmed, 0, trimmed.length() - GEXEC.length());
                    executeEachValue(connection, interpolated(statement.toString()));
                    statement.setLength(0);
                } else if (trimmed.endsWith(";")) {
                    statement.append(trimmed, 0, trimmed.length() - 1);
                    execute(connection, interpolated(statement.toString()));
                    statement.setLength(0);
                } else {
                    statement.append(trimmed).append('\n');
                }
            }
            if (!statement.toString().isBlank()) {
                throw new IllegalArgumentException("the script ends inside a statement: " + statement);
            }
        } finally {
            connection.close();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void executeEachValue(Connection connection, String query) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int column = 1; column <= columns; column++) {
                    if (result.getString(column) != null) {
                        statements.add(result.getString(column));
                    }
                }
            }
        }
        for (String generated : statements) {
            execute(connection, generated);
        }
    }

    /** The statement with its variables in, quoted as psql quotes them. */
    String interpolated(String sql) {
        Matcher matcher = VARIABLE.matcher(sql);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(2));
            if (value == null) {
                throw new IllegalArgumentException("the script uses :" + matcher.group(1) + matcher.group(2) + matcher.group(1)
                        + " but no variable " + matcher.group(2) + " was given");
            }
            String quoted = matcher.group(1).equals("'")
                    ? "'" + value.replace("'", "''") + "'"
                    : '"' + value.replace("\"", "\"\"") + '"';
            matcher.appendReplacement(result, Matcher.quoteReplacement(quoted));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
