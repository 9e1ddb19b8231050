package dev.cinema.recsys.eval;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar recsys-service.jar --spring.profiles.active=eval --recsys.eval.dir=DIR
 * [--recsys.eval.json=FILE]}: a progress bar while it runs, then the table, and the same report as
 * JSON in FILE when it is given; then it exits.
 */
@Component
@Profile("eval")
@ConditionalOnProperty("recsys.eval.dir")
class EvaluationRunner implements ApplicationRunner {

    private final OfflineEvaluation evaluation;
    private final ConfigurableApplicationContext context;
    private final JsonMapper json;
    private final String dir;
    private final String jsonFile;

    EvaluationRunner(OfflineEvaluation evaluation, ConfigurableApplicationContext context, JsonMapper json,
                     @Value("${recsys.eval.dir}") String dir, @Value("${recsys.eval.json:}") String jsonFile) {
        this.evaluation = evaluation;
        this.context = context;
        this.json = json;
        this.dir = dir;
        this.jsonFile = jsonFile;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        int status = 0;
        try {
            OfflineEvaluation.Report report = evaluation.run(Path.of(dir), new ProgressBar());
            System.err.println();
            System.out.print(report.table());
            if (!jsonFile.isBlank()) {
                Files.writeString(Path.of(jsonFile), json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
                System.out.println("the same as JSON: " + jsonFile);
            }
        } catch (IllegalArgumentException wrong) {
            System.err.println("eval: " + wrong.getMessage());
            status = 2;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    /** One line on the terminal, drawn again at each whole percent: {@code [#####.....]  50%  1,305 of 2,610 viewers}. */
    private static final class ProgressBar implements OfflineEvaluation.Progress {

        private static final int WIDTH = 40;
        private long shownPercent = -1;

        @Override
        public synchronized void viewers(long done, long of) {
            long percent = of == 0 ? 100 : 100 * done / of;
            if (percent == shownPercent) {
                return;
            }
            shownPercent = percent;
            int filled = (int) (WIDTH * percent / 100);
            System.err.printf("\r[%s%s] %3d%%  %,d of %,d viewers", "#".repeat(filled), ".".repeat(WIDTH - filled), percent, done, of);
        }
    }
}
