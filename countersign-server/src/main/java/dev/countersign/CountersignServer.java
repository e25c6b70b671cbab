package dev.countersign;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Countersign service: the REST API over the approval core. Started by {@code countersign serve}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CountersignServer {

    public static void start(String[] args) {
        SpringApplication.run(CountersignServer.class, args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
