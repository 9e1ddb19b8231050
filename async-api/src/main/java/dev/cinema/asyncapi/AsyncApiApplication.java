package dev.cinema.asyncapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class AsyncApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(AsyncApiApplication.class, args);
    }
}
