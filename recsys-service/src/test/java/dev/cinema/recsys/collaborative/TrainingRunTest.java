package dev.cinema.recsys.collaborative;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingRunTest {

    @Test
    void theJobInheritsNoPostgresLoginFromThisService() {
        // this service's own role, the superuser's, and any other role's: the job is given its own alone
        assertThat(List.of("POSTGRES_USER", "POSTGRES_PASSWORD", "RECSYS_POSTGRES_USER", "RECSYS_POSTGRES_PASSWORD",
                "TRAINING_POSTGRES_PASSWORD", "AUTH_POSTGRES_PASSWORD", "CATALOG_POSTGRES_USER")).allMatch(TrainingRun::isPostgresLogin);
        assertThat(List.of("POSTGRES_URL", "RECSYS_TRAINING_JAR", "RECSYS_SPARK_MASTER", "PATH", "JAVA_HOME"))
                .noneMatch(TrainingRun::isPostgresLogin);
    }
}
