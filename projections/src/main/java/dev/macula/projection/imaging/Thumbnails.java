package dev.macula.projection.imaging;

import dev.macula.api.common.SafePaths;
import dev.macula.api.imaging.ImageProperties;
import dev.macula.api.imaging.ImagingCommands.RecordThumbnailsCommand;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.PngSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes the two thumbnails of one image and says what to record: the identifier, or a failure
 * ({@code ThumbnailPath = ""}). Images without pixels ({@code *.json}) get nothing: their path
 * stays NULL, as in the original (docs/api.md §5.4). A {@code [png_series_N]} identifier is resolved
 * to its N frame files, each of which must exist inside the images root.
 */
@Component
public class Thumbnails {

    private static final Logger log = LoggerFactory.getLogger(Thumbnails.class);

    private final ThumbnailRenderer renderer;
    private final Path imagesRoot;
    private final JdbcTemplate jdbc;

    Thumbnails(ThumbnailRenderer renderer, @Value("${macula.images-basepath}") Path imagesRoot, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.imagesRoot = imagesRoot;
    }

    /** Whether the image has thumbnails already (a non-empty {@code thumbnail_path}). */
    public boolean recorded(long instanceId) {
        return !jdbc.queryForList("""
                select 1 from image_instance where id = ? and thumbnail_path is not null and thumbnail_path <> ''""",
                Integer.class, instanceId).isEmpty();
    }

    public Optional<RecordThumbnailsCommand> make(long instanceId, long projectId, String datasetIdentifier,
                                                  ThumbnailRenderer.Source source) {
        if (datasetIdentifier.toLowerCase().endsWith(".json")) {
            return Optional.empty();
        }
        InstanceId id = InstanceId.of(instanceId);
        Optional<PngSeries> series = PngSeries.parse(datasetIdentifier);
        List<Path> files = new ArrayList<>();
        for (String name : series.map(PngSeries::frameNames).orElse(List.of(datasetIdentifier))) {
            Optional<Path> file = SafePaths.resolveInside(imagesRoot, name);
            if (file.isEmpty()) {
                return Optional.of(new RecordThumbnailsCommand(id, null, series.isEmpty() ? "image file not found"
                        : "frame " + files.size() + " of the png series not found"));
            }
            files.add(file.get());
        }
        String identifier = renderer.identifier(projectId, instanceId);
        if (Files.isRegularFile(renderer.thumbnailFile(identifier, ThumbnailRenderer.SMALL))
                && Files.isRegularFile(renderer.thumbnailFile(identifier, ThumbnailRenderer.LARGE))
                && files.stream().noneMatch(file -> isOlder(renderer.thumbnailFile(identifier, ThumbnailRenderer.SMALL),
                        file))) {
            return Optional.of(new RecordThumbnailsCommand(id, identifier, null)); // already there
        }
        try {
            String made = series.isPresent() ? renderer.renderPngSeries(files, projectId, instanceId, source)
                    : renderer.render(files.get(0), projectId, instanceId, source);
            return Optional.of(new RecordThumbnailsCommand(id, made, null));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        } catch (Exception | OutOfMemoryError e) {
            log.info("Thumbnails of image {} failed: {}", instanceId, e.toString());
            return Optional.of(new RecordThumbnailsCommand(id, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    public static ThumbnailRenderer.Source source(ImageProperties p) {
        return new ThumbnailRenderer.Source(p.modality() == null ? null : p.modality().name(), p.nrOfFrames(),
                p.rows(), p.columns(), p.resolutionHorizontal(), p.resolutionVertical());
    }

    private static boolean isOlder(Path thumbnail, Path image) {
        try {
            return Files.getLastModifiedTime(thumbnail).compareTo(Files.getLastModifiedTime(image)) < 0;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
