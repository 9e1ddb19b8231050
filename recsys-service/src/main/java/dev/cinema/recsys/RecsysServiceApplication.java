package dev.cinema.recsys;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties(RecsysSettings.class)
public class RecsysServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecsysServiceApplication.class, args);
    }
}
