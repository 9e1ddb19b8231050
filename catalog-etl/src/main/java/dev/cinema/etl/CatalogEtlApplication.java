package dev.cinema.etl;

import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/** The catalog ETL command line: {@code java -jar catalog-etl.jar run --sqlite db.sqlite}. */
@SpringBootApplication
@EnableConfigurationProperties(EtlProperties.class)
public class CatalogEtlApplication {

    public static void main(String[] args) {
        System.exit(EtlCli.run(args).exitCode());
    }

    /** Migrations run inside the job, where PostgreSQL being down becomes one clear line and exit code 1. */
    @Bean
    FlywayMigrationStrategy migrateInsideTheJob() {
        return (Flyway flyway) -> { };
    }
}
