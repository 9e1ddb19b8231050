package dev.cinema.recsys.collaborative;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for the training job where a test needs a run to end as no real one reliably does:
 * {@code --run-out-of-memory} fills the heap, {@code --hang} never ends.
 */
final class StandInJob {

    private StandInJob() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        List<String> given = Arrays.asList(arguments);
        if (given.contains("--hang")) {
            Thread.sleep(Long.MAX_VALUE);
        }
        if (given.contains("--run-out-of-memory")) {
            List<long[]> held = new ArrayList<>();
            while (true) {
                held.add(new long[1 << 20]);
            }
        }
        System.out.println("{\"outcome\":\"serving\"}");
    }
}
