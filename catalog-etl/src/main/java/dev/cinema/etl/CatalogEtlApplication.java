package dev.cinema.etl;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The catalog ETL command line; its stages arrive with the catalog-etl issue. */
@SpringBootApplication
public class CatalogEtlApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(CatalogEtlApplication.class, args)));
    }
}
