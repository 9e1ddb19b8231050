package dev.cinema.ugc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class UgcServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(UgcServiceApplication.class, args);
    }
}
