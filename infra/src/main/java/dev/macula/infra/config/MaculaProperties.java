package dev.macula.infra.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/** Settings read from the environment (see {@code application.yml} and README "Configuration"). */
@ConfigurationProperties("macula")
public record MaculaProperties(
        Path dataDir,
        String secretKey,
        String adminUsername,
        String adminPassword,
        boolean openRegistration,
        String publicAuthDisabled,
        String cookieSecure,
        int loginMaxFailures,
        int loginLockSeconds,
        Path imagesBasepath,
        Path thumbnailsPath,
        Path segmentationsZarrStore,
        String defaultStudyDate,
        String webRoot,
        String esUrl,
        String esIndexPrefix,
        String metricsToken) {

    /** The original's {@code VITE_PUBLIC_AUTH_DISABLED=1}: everything runs as the admin (development only). */
    public boolean isPublicAuthDisabled() {
        return "1".equals(publicAuthDisabled);
    }

    /** Whether a Prometheus scraper may read the metrics with the static {@code MACULA_METRICS_TOKEN}. */
    public boolean hasMetricsToken() {
        return metricsToken != null && !metricsToken.isBlank();
    }
}
