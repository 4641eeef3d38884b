package dev.macula.infra;

import dev.macula.infra.config.DatabaseBootstrap;
import dev.macula.infra.config.EmbeddedPostgresFallback;
import dev.macula.infra.config.MaculaProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.concurrent.atomic.AtomicReference;

/** The assembled platform: command side, projections and query side in one process. */
@SpringBootApplication(scanBasePackages = "dev.macula")
@EnableConfigurationProperties(MaculaProperties.class)
public class MaculaApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-check.disabled", "true");
        EmbeddedPostgresFallback embedded = DatabaseBootstrap.ensureDatabase(System.getenv());
        SpringApplication application = new SpringApplication(MaculaApplication.class);
        if (embedded == null) {
            application.run(args);
            return;
        }
        // The embedded server must outlive the application: event processors store their tokens
        // while the context closes. One hook closes the context first, then stops the server.
        application.setRegisterShutdownHook(false);
        AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ConfigurableApplicationContext running = context.get();
            if (running != null) {
                running.close();
            }
            embedded.stop();
        }, "macula-shutdown"));
        context.set(application.run(args));
    }
}
