package dev.macula.command.tagging;

import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.common.ReadModel;
import dev.macula.command.common.ReadModelLookups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the tag-link endpoints need from the read models: whether the tagged object exists. */
@Component
class TagLookups extends ReadModelLookups {

    TagLookups(JdbcTemplate jdbc) {
        super(jdbc);
    }

    /** The raw id as the client sent it (no typed id yet): ids below 1 are simply absent. */
    boolean objectExists(TaggedObject object) {
        ReadModel model = switch (object.type()) {
            case ImageInstance -> ReadModel.IMAGE;
            case Study -> ReadModel.STUDY;
            case Segmentation -> ReadModel.SEGMENTATION;
            case FormAnnotation -> ReadModel.FORM_ANNOTATION;
            case Annotation -> throw new IllegalArgumentException("annotations have no read model");
        };
        return exists(model, object.id());
    }
}
