package dev.cinema.platform.soak;

import dev.cinema.platform.soak.FaultInjector.Fault;
import dev.cinema.platform.soak.History.Outcome;
import dev.cinema.platform.soak.History.Write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a soak did and found, printed and kept in the output folder: the requests by endpoint and
 * status, the faults, each invariant with its count of violations, a few figures; every violation
 * in full in {@code violations.txt}, every fault in {@code faults.txt}, every write in {@code writes.csv}.
 */
final class SoakReport {

    private static final int EXAMPLES = 3;

    /** What a run was and left: the settings, where it ran, every request, the viewers' history, the faults, the end state. */
    record Run(SoakSettings settings, Addresses addresses, Requests requests, Workload workload, History history, List<Fault> faults,
               List<String> faultable, EndState end, Duration ran) {
    }

    private final SoakSettings settings;
    private final Addresses addresses;
    private final Requests requests;
    private final Workload workload;
    private final History history;
    private final List<Fault> faults;
    private final List<String> faultable;
    private final EndState end;
    private final Duration ran;
    private final Invariants invariants;
    private final List<Invariants.Check> checks;

    SoakReport(Run run, Invariants invariants, List<Invariants.Check> checks) {
        this.settings = run.settings();
        this.addresses = run.addresses();
        this.requests = run.requests();
        this.workload = run.workload();
        this.history = run.history();
        this.faults = run.faults();
        this.faultable = run.faultable();
        this.end = run.end();
        this.ran = run.ran();
        this.invariants = invariants;
        this.checks = checks;
    }

    /** Writes the files and returns the summary. */
    String write() {
        StringBuilder out = new StringBuilder();
        out.append("SOAK %.1f min at %.0f actions/s (seed %d), %s (%s); ran %d s until every part was back%n".formatted(
                settings.duration().toSeconds() / 60.0, settings.rate(), settings.seed(), addresses.nginx(), addresses.root(), ran.toSeconds()));
        requestTable(out);
        List<Write> writes = history.writes();
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        writes.forEach(write -> outcomes.merge(write.outcome(), 1L, Long::sum));
        out.append("actions: %d ticks, %d missed (every viewer waiting on an answer); %d viewers; %d writes: %s%n".formatted(
                workload.ticks(), workload.missed(), history.viewers().size(), writes.size(), outcomes));
        List<String> spared = faultable.stream().filter(part -> faults.stream().noneMatch(fault -> fault.part().equals(part))).toList();
        out.append("faults: %d%s%n".formatted(faults.size(), spared.isEmpty() ? ", every part at least once" : "; no turn came for " + spared));
        Instant first = faults.isEmpty() ? Instant.now() : faults.getFirst().start();
        for (Fault fault : faults) {
            out.append("  %-15s %-7s at +%3d s, back after %3d s%s%s%n".formatted(fault.part(), fault.action().name().toLowerCase(),
                    Duration.between(first, fault.start()).toSeconds(), fault.length().toSeconds(),
                    fault.startAttempts() > 1 ? " (" + fault.startAttempts() + " starts)" : "", fault.note().isEmpty() ? "" : "; " + fault.note()));
        }
        out.append("pipeline: %s %d s after every part was back (outbox events %d, consumer lag %d)%n".formatted(
                end.drained() ? "drained" : "NOT drained", end.drainedAfter().toSeconds(), end.pendingEvents(), end.lag()));
        out.append("figures: registers with one allowed value (no indeterminate write): %d of %d; 401 to tokens not yet expired: %d;%n"
                .formatted(invariants.determinateRegisters(), history.byRegister().size(), workload.rejectedLiveTokens()));
        out.append("  feeds showing a film hidden before asking while no ugc-service instance could answer (excused): %d; latest 503 after a fault's end: %d s%n"
                .formatted(invariants.feedsWithoutUgc(), invariants.latestExcused503().toSeconds()));
        out.append("invariants:%n".formatted());
        for (Invariants.Check check : checks) {
            out.append("  %-4s %s: %d checked, %d violations%n".formatted(check.violations().isEmpty() ? "ok" : "FAIL", check.name(),
                    check.checked(), check.violations().size()));
            check.violations().stream().limit(EXAMPLES).forEach(violation -> out.append("         e.g. ").append(shorten(violation)).append('\n'));
        }
        long violations = checks.stream().mapToLong(check -> check.violations().size()).sum();
        out.append("%s: %d violations; details in %s%n".formatted(violations == 0 ? "PASSED" : "FAILED", violations, settings.out()));

        List<String> details = new ArrayList<>();
        checks.forEach(check -> check.violations().forEach(violation -> details.add(check.name() + ": " + violation)));
        List<String> faultLines = faults.stream().map(fault -> String.join("\t", fault.part(), fault.action().name(), fault.start().toString(),
                fault.end().toString(), Integer.toString(fault.startAttempts()), fault.note())).toList();
        List<String> writeLines = new ArrayList<>(List.of("sent,answered,viewer,film,register,value,status,outcome,request_id"));
        writes.forEach(write -> writeLines.add(String.join(",", write.answer().sent().toString(), write.answer().answered().toString(),
                String.valueOf(write.key().viewer()), write.key().film().toString(), write.key().register().name(), write.value(),
                write.answer().label(), write.outcome().name(), String.valueOf(write.answer().requestId()))));
        List<String> errors = requests.serverErrors().stream().map(Answer::toString).toList();
        write("summary.txt", List.of(out.toString()));
        write("violations.txt", details);
        write("faults.txt", faultLines);
        write("writes.csv", writeLines);
        write("server-errors.txt", errors);
        return out.toString();
    }

    private void requestTable(StringBuilder out) {
        Map<String, Map<String, Long>> table = requests.table();
        TreeSet<String> statuses = new TreeSet<>();
        table.values().forEach(row -> statuses.addAll(row.keySet()));
        out.append("requests: %d%n".formatted(requests.total()));
        out.append("  %-24s".formatted("endpoint"));
        statuses.forEach(status -> out.append("%9s".formatted(status)));
        out.append('\n');
        table.forEach((endpoint, row) -> {
            out.append("  %-24s".formatted(endpoint));
            statuses.forEach(status -> out.append("%9s".formatted(row.containsKey(status) ? row.get(status).toString() : "")));
            out.append('\n');
        });
    }

    private static String shorten(String violation) {
        return violation.length() > 400 ? violation.substring(0, 400) + "..." : violation;
    }

    private void write(String name, List<String> lines) {
        Path file = settings.out().resolve(name);
        try {
            Files.write(file, lines);
        } catch (IOException failed) {
            throw new UncheckedIOException("could not write " + file, failed);
        }
    }
}
