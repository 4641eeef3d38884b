package dev.macula.infra;

import dev.macula.infra.config.DatabaseBootstrap;
import dev.macula.infra.config.MaculaProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The assembled platform: command side, projections and query side in one process. */
@SpringBootApplication(scanBasePackages = "dev.macula")
@EnableConfigurationProperties(MaculaProperties.class)
public class MaculaApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-check.disabled", "true");
        DatabaseBootstrap.ensureDatabase(System.getenv());
        SpringApplication.run(MaculaApplication.class, args);
    }
}
