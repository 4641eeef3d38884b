package dev.macula.projection.search;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
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

    /** The images of segmentations (active or not): one query for a whole batch of events. */
    List<Long> imagesOfSegmentations(Collection<Long> segmentationIds) {
        return jdbc.queryForList("select distinct image_instance_id from segmentation where id = any(?)", Long.class,
                (Object) segmentationIds.toArray(Long[]::new));
    }

    /** The images form annotations are attached to (forms on a study only have none). */
    List<Long> imagesOfForms(Collection<Long> formIds) {
        return jdbc.queryForList("""
                select distinct image_instance_id from form_annotation
                where id = any(?) and image_instance_id is not null""", Long.class, (Object) formIds.toArray(Long[]::new));
    }

    /** The studies form annotations are attached to. */
    List<Long> studiesOfForms(Collection<Long> formIds) {
        return jdbc.queryForList("select distinct study_id from form_annotation where id = any(?) and study_id is not null",
                Long.class, (Object) formIds.toArray(Long[]::new));
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

    /** The images attribute values show in: their own, their segmentation's or their model segmentation's. */
    List<Long> imagesOfAttributeValues(Collection<Long> valueIds) {
        return jdbc.queryForList("""
                select distinct coalesce(case when v.entity_kind = 'image_instance' then v.entity_id end,
                                         s.image_instance_id, ms.image_instance_id)
                from attribute_value v
                left join segmentation s on v.entity_kind = 'segmentation' and s.id = v.entity_id
                left join model_segmentation ms on v.entity_kind = 'model_segmentation' and ms.id = v.entity_id
                where v.id = any(?)""", Long.class, (Object) valueIds.toArray(Long[]::new))
                .stream().filter(java.util.Objects::nonNull).toList();
    }

}
