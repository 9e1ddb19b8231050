package dev.cinema.recsys.eval;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/** {@code java -jar recsys-service.jar --spring.profiles.active=eval --recsys.eval.dir=DIR}: prints the evaluation and exits. */
@Component
@Profile("eval")
@ConditionalOnProperty("recsys.eval.dir")
class EvaluationRunner implements ApplicationRunner {

    private final OfflineEvaluation evaluation;
    private final ConfigurableApplicationContext context;
    private final String dir;

    EvaluationRunner(OfflineEvaluation evaluation, ConfigurableApplicationContext context,
                     @Value("${recsys.eval.dir}") String dir) {
        this.evaluation = evaluation;
        this.context = context;
        this.dir = dir;
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        int status = 0;
        try {
            System.out.print(evaluation.run(Path.of(dir)).table());
        } catch (IllegalArgumentException wrong) {
            System.err.println("eval: " + wrong.getMessage());
            status = 2;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }
}
