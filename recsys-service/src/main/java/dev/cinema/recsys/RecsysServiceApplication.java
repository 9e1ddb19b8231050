package dev.cinema.recsys;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RecsysServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecsysServiceApplication.class, args);
    }
}
