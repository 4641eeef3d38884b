package dev.macula.infra.imaging;

import dev.macula.infra.config.MaculaProperties;
import dev.macula.infra.security.SecretKeys;
import dev.macula.projection.imaging.ThumbnailRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Thumbnails are named with an HMAC of the image id under SECRET_KEY (docs/api.md §5.4). */
@Configuration
class ImagingConfiguration {

    @Bean
    ThumbnailRenderer thumbnailRenderer(MaculaProperties properties) {
        return new ThumbnailRenderer(properties.thumbnailsPath(), SecretKeys.resolve(properties));
    }
}
