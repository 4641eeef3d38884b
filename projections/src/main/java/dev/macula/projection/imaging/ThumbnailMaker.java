package dev.macula.projection.imaging;

import dev.macula.api.imaging.ImagingEvents.ImageImportedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Makes thumbnails after an import, asynchronously (pooled streaming processor): the import
 * answers at once and {@code thumbnail_path} fills in when the files exist (docs/api.md §9.2 item 51). Not
 * replayed: a rebuild must not redo every thumbnail; the update_thumbnails job covers gaps.
 */
@Component
@ProcessingGroup(ThumbnailMaker.GROUP)
class ThumbnailMaker {

    static final String GROUP = "thumbnails";

    private final Thumbnails thumbnails;
    private final CommandGateway commands;

    ThumbnailMaker(Thumbnails thumbnails, CommandGateway commands) {
        this.thumbnails = thumbnails;
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(ImageImportedEvent event) {
        if (thumbnails.recorded(event.instanceId().value())) {
            return; // a migration carried the original's thumbnails (./macula migrate --thumbnails)
        }
        thumbnails.make(event.instanceId().value(), event.projectId().value(), event.datasetIdentifier(),
                Thumbnails.source(event.properties())).ifPresent(commands::sendAndWait);
    }
}
