package dev.macula.projection.segmentation;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.NameKey;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.FeatureCreatedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureDeletedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureRenamedEvent;
import dev.macula.api.segmentation.FeatureMessages.FeatureRestoredEvent;
import dev.macula.api.segmentation.FeatureMessages.SubfeaturesReplacedEvent;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** {@code feature} and {@code composite_feature}; inline, so a duplicate name rolls the command back (409). */
@Component
@ProcessingGroup(FeatureProjection.GROUP)
@InlineReadModel(tables = {"composite_feature", "feature"})
class FeatureProjection {

    static final String GROUP = "features";

    private final JdbcTemplate jdbc;

    FeatureProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(FeatureCreatedEvent event, @Timestamp Instant at) {
        try {
            jdbc.update("insert into feature (id, name, name_key, date_inserted) values (?, ?, ?, ?) on conflict (id) do nothing",
                    event.featureId().value(), event.name(), NameKey.of(event.name()), Times.seconds(at));
        } catch (DuplicateKeyException e) {
            throw duplicate(event.name());
        }
        replaceChildren(event.featureId(), event.subfeatureIds());
    }

    @EventHandler
    void on(FeatureRestoredEvent event) {
        try {
            jdbc.update("insert into feature (id, name, name_key, date_inserted) values (?, ?, ?, ?) on conflict (id) do nothing",
                    event.featureId().value(), event.name(), NameKey.of(event.name()),
                    Times.utc(event.dateInserted()));
        } catch (DuplicateKeyException e) {
            throw duplicate(event.name());
        }
        replaceChildren(event.featureId(), event.subfeatureIds());
    }

    @EventHandler
    void on(FeatureRenamedEvent event) {
        try {
            jdbc.update("update feature set name = ?, name_key = ? where id = ?", event.name(), NameKey.of(event.name()),
                    event.featureId().value());
        } catch (DuplicateKeyException e) {
            throw duplicate(event.name());
        }
    }

    @EventHandler
    void on(SubfeaturesReplacedEvent event) {
        replaceChildren(event.featureId(), event.subfeatureIds());
    }

    @EventHandler
    void on(FeatureDeletedEvent event) {
        jdbc.update("delete from composite_feature where parent_id = ?", event.featureId().value());
        jdbc.update("delete from feature where id = ?", event.featureId().value());
    }

    private void replaceChildren(FeatureId parent, List<FeatureId> children) {
        jdbc.update("delete from composite_feature where parent_id = ?", parent.value());
        for (int index = 0; index < children.size(); index++) {
            jdbc.update("insert into composite_feature (parent_id, child_id, feature_index) values (?, ?, ?)",
                    parent.value(), children.get(index).value(), index);
        }
    }

    private static ApiException duplicate(String name) {
        return ApiException.conflict("A feature named '" + name + "' already exists");
    }
}
