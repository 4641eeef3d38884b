package dev.macula.projection.search;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which documents an event touches, looked up in the read models (which the inline projections
 * have already updated when an asynchronous search processor sees the event).
 */
@Component
class AffectedDocuments {

    private final JdbcTemplate jdbc;

    AffectedDocuments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The image a segmentation belongs to (active or not). */
    List<Long> imageOfSegmentation(long segmentationId) {
        return jdbc.queryForList("select image_instance_id from segmentation where id = ?", Long.class, segmentationId);
    }

    /** The image and study a form annotation is attached to, in that order; either may be null. */
    List<Long> imageOfForm(long formId) {
        return jdbc.queryForList("select image_instance_id from form_annotation where id = ? and image_instance_id is not null",
                Long.class, formId);
    }

    List<Long> studyOfForm(long formId) {
        return jdbc.queryForList("select study_id from form_annotation where id = ? and study_id is not null",
                Long.class, formId);
    }

    /** Images showing a tag: on the image, on one of its segmentations or on one of its forms. */
    List<Long> imagesWithTag(long tagId) {
        return jdbc.queryForList("""
                select object_id from tag_link where tag_id = ? and object_type = 'ImageInstance'
                union
                select s.image_instance_id from tag_link l join segmentation s on s.id = l.object_id
                where l.tag_id = ? and l.object_type = 'Segmentation'
                union
                select fa.image_instance_id from tag_link l join form_annotation fa on fa.id = l.object_id
                where l.tag_id = ? and l.object_type = 'FormAnnotation' and fa.image_instance_id is not null""",
                Long.class, tagId, tagId, tagId);
    }

    /** Studies showing a tag: on the study or on one of its forms. */
    List<Long> studiesWithTag(long tagId) {
        return jdbc.queryForList("""
                select object_id from tag_link where tag_id = ? and object_type = 'Study'
                union
                select fa.study_id from tag_link l join form_annotation fa on fa.id = l.object_id
                where l.tag_id = ? and l.object_type = 'FormAnnotation' and fa.study_id is not null""",
                Long.class, tagId, tagId);
    }

    /** Images with an active segmentation of a feature. */
    List<Long> imagesWithFeature(long featureId) {
        return jdbc.queryForList("select distinct image_instance_id from segmentation where feature_id = ? and not inactive",
                Long.class, featureId);
    }

    /** The image an attribute value shows in: its own, its segmentation's or its model segmentation's. */
    List<Long> imageOfAttributeValue(long valueId) {
        return jdbc.queryForList("""
                select coalesce(case when v.entity_kind = 'image_instance' then v.entity_id end, s.image_instance_id,
                                ms.image_instance_id)
                from attribute_value v
                left join segmentation s on v.entity_kind = 'segmentation' and s.id = v.entity_id
                left join model_segmentation ms on v.entity_kind = 'model_segmentation' and ms.id = v.entity_id
                where v.id = ?""", Long.class, valueId).stream().filter(java.util.Objects::nonNull).toList();
    }
}
