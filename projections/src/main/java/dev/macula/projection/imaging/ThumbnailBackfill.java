package dev.macula.projection.imaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * The update_thumbnails job (docs/api.md §5.6, fixed): every active image whose thumbnails were never
 * made (NULL), and with {@code retryFailed} also those that failed (""), in id order, in pages.
 */
@Component
public class ThumbnailBackfill {

    private static final int PAGE = 100;

    private final JdbcTemplate jdbc;
    private final Thumbnails thumbnails;
    private final CommandGateway commands;

    ThumbnailBackfill(JdbcTemplate jdbc, Thumbnails thumbnails, CommandGateway commands) {
        this.jdbc = jdbc;
        this.thumbnails = thumbnails;
        this.commands = commands;
    }

    /** Receives the total once, then one call per image with whether it succeeded. */
    public interface Progress {
        void total(int total);

        void done(boolean succeeded);

        boolean cancelled();
    }

    private record Pending(long id, long projectId, String datasetIdentifier, String modality, Integer frames,
                           Integer rows, Integer columns, Double resolutionHorizontal, Double resolutionVertical,
                           String cfRoi) {
    }

    public void run(boolean retryFailed, Progress progress) {
        String condition = retryFailed ? "(thumbnail_path is null or thumbnail_path = '')" : "thumbnail_path is null";
        IntSupplier count = () -> jdbc.queryForObject(
                "select count(*) from image_instance where not inactive and " + condition, Integer.class);
        progress.total(count.getAsInt());
        long after = 0;
        while (!progress.cancelled()) {
            List<Pending> page = jdbc.query("""
                            select id, project_id, dataset_identifier, modality, nr_of_frames, rows_y, columns_x,
                                   resolution_horizontal, resolution_vertical, cf_roi::text as cf_roi
                            from image_instance where not inactive and id > ? and """ + condition + " order by id limit ?",
                    (rs, row) -> new Pending(rs.getLong("id"), rs.getLong("project_id"), rs.getString("dataset_identifier"),
                            rs.getString("modality"), (Integer) rs.getObject("nr_of_frames"),
                            (Integer) rs.getObject("rows_y"), (Integer) rs.getObject("columns_x"),
                            (Double) rs.getObject("resolution_horizontal"), (Double) rs.getObject("resolution_vertical"),
                            rs.getString("cf_roi")),
                    after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (Pending image : page) {
                boolean ok = thumbnails.make(image.id(), image.projectId(), image.datasetIdentifier(),
                        new ThumbnailRenderer.Source(image.modality(), image.frames(), image.rows(), image.columns(),
                                image.resolutionHorizontal(), image.resolutionVertical(),
                                FundusCircle.fromCfRoiText(image.cfRoi())))
                        .map(command -> {
                            commands.sendAndWait(command);
                            return command.failure() == null;
                        }).orElse(true);
                progress.done(ok);
                after = image.id();
            }
        }
    }
}
