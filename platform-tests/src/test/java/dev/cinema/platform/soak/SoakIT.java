package dev.cinema.platform.soak;

import dev.cinema.platform.LocalRun;
import dev.cinema.platform.Platform;
import dev.cinema.platform.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three minutes of viewers acting through nginx while every server is stopped and every service
 * killed at random ({@link Soak}): every acknowledged write survives, in MongoDB and in
 * recsys-service, counted once; no 5xx but a 503 that says when to come back during a fault; no
 * viewer sees another's data. Every part is running again at the end. Two ugc-service instances run
 * behind nginx meanwhile, each killed in its turn, so that a viewer's changes go through both.
 */
@Tag("long") // in ./mvnw verify -Plong (CI runs it): it takes three minutes and the settling after
@ExtendWith(Platform.class)
class SoakIT {

    @BeforeAll
    static void secondUgcInstance() {
        LocalRun.startSecondUgcInstance();
    }

    @AfterAll
    static void oneUgcInstance() {
        LocalRun.stopSecondUgcInstance();
    }

    @Test
    void everyAcknowledgedWriteSurvivesServersStoppedAndServicesKilledAtRandom() {
        Soak.Result result = new Soak(SoakSettings.of(Duration.ofMinutes(3)), Addresses.fromEnvironment()).run();

        Report.line("soak, 3 min, servers stopped and services killed at random: %d violations (%s)", result.violations(),
                result.checks().stream().map(check -> check.violations().size() + " " + check.name()).toList());
        assertThat(result.violations()).as(result.report()).isZero();
    }
}
