package dev.macula.projection.search;

import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;
import co.elastic.clients.json.JsonData;
import dev.macula.api.search.SearchFields;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mappings of the search indexes. Strict, so a document that does not fit is refused (and
 * dead-lettered) instead of silently growing the mapping. Condition groups that must hold on one
 * row are {@code nested} (docs/architecture.md, Search).
 */
final class SearchMappings {

    private SearchMappings() {
    }

    /** {@code meta} is the index's initial {@link IndexLineage} ({@code _meta}). */
    static CreateIndexRequest.Builder define(String indexName, CreateIndexRequest.Builder builder, String refreshInterval,
                                             Map<String, JsonData> meta) {
        TypeMapping mapping = fields(indexName).rebuild().meta(meta).build();
        return builder.settings(s -> s.numberOfShards("1").numberOfReplicas("0")
                        .refreshInterval(r -> r.time(refreshInterval)))
                .mappings(mapping);
    }

    /** The index's fields, without its {@code _meta}. */
    static TypeMapping fields(String indexName) {
        return switch (indexName) {
            case SearchFields.INSTANCES_INDEX -> instances();
            case SearchFields.TAGS_INDEX -> tags();
            default -> studies(); // the studies index (and scratch indexes of tests)
        };
    }

    private static TypeMapping instances() {
        Map<String, Property> fields = new LinkedHashMap<>();
        fields.put(SearchFields.ID, longField());
        fields.put(SearchFields.ACTIVE, Property.of(p -> p.boolean_(b -> b)));
        fields.put(SearchFields.MODALITY, keyword());
        fields.put(SearchFields.LATERALITY, keyword());
        fields.put(SearchFields.ETDRS_FIELD, keyword());
        fields.put(SearchFields.CF_QUALITY, Property.of(p -> p.double_(d -> d)));
        fields.put(SearchFields.STUDY_ID, longField());
        fields.put(SearchFields.STUDY_DATE, date());
        fields.put(SearchFields.PATIENT_IDENTIFIER, keyword());
        fields.put(SearchFields.PATIENT_SEX, keyword());
        fields.put(SearchFields.PATIENT_BIRTHDATE, date());
        fields.put(SearchFields.PROJECT_NAME, keyword());
        fields.put(SearchFields.DEVICE_MODEL_ID, longField());
        fields.put(SearchFields.DATE_INSERTED, date());
        fields.put(SearchFields.REFS, keyword());
        fields.put(SearchFields.IMAGE_TAGS, nested(Map.of(SearchFields.TAG_NAME, keyword())));
        fields.put(SearchFields.SEGMENTATIONS, nested(Map.of(SearchFields.FEATURE_NAME, keyword(),
                SearchFields.CREATOR_NAME, keyword(), SearchFields.TAG_NAME, keyword())));
        fields.put(SearchFields.FORMS, formRows());
        fields.put(SearchFields.ATTRIBUTES, nested(Map.of(SearchFields.ATTRIBUTE_ID, longField(),
                SearchFields.MODEL_ID, longField(), SearchFields.FEATURE_NAME, keyword(),
                SearchFields.VALUE_INT, longField(), SearchFields.VALUE_FLOAT, Property.of(p -> p.double_(d -> d)),
                SearchFields.VALUE_TEXT, keyword(), SearchFields.VALUE_JSON, keyword())));
        return strict(fields);
    }

    private static TypeMapping studies() {
        Map<String, Property> fields = new LinkedHashMap<>();
        fields.put(SearchFields.ID, longField());
        fields.put(SearchFields.STUDY_DATE, date());
        fields.put(SearchFields.STUDY_DESCRIPTION, keyword());
        fields.put(SearchFields.STUDY_ROUND, longField());
        fields.put(SearchFields.PATIENT_IDENTIFIER, keyword());
        fields.put(SearchFields.PATIENT_SEX, keyword());
        fields.put(SearchFields.PATIENT_BIRTHDATE, date());
        fields.put(SearchFields.PROJECT_NAME, keyword());
        fields.put(SearchFields.DATE_INSERTED, date());
        fields.put(SearchFields.REFS, keyword());
        fields.put(SearchFields.STUDY_TAGS, nested(Map.of(SearchFields.TAG_NAME, keyword())));
        fields.put(SearchFields.SERIES, nested(Map.of(SearchFields.STUDY_INSTANCE_UID, keyword())));
        fields.put(SearchFields.FORMS, formRows());
        return strict(fields);
    }

    private static TypeMapping tags() {
        Map<String, Property> fields = new LinkedHashMap<>();
        fields.put("id", longField());
        fields.put("name", Property.of(p -> p.text(t -> t)));
        fields.put("name_key", keyword());
        fields.put("tag_type", keyword());
        fields.put("description", Property.of(p -> p.text(t -> t)));
        fields.put("creator_id", longField());
        fields.put("creator_name", keyword());
        fields.put("date_inserted", keyword());
        return strict(fields);
    }

    private static Property formRows() {
        return nested(Map.of(SearchFields.SCHEMA_NAME, keyword(), SearchFields.CREATOR_NAME, keyword(),
                SearchFields.TAG_NAME, keyword()));
    }

    private static TypeMapping strict(Map<String, Property> fields) {
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.Strict).properties(fields));
    }

    private static Property nested(Map<String, Property> fields) {
        return Property.of(p -> p.nested(n -> n.dynamic(DynamicMapping.Strict).properties(fields)));
    }

    private static Property keyword() {
        return Property.of(p -> p.keyword(k -> k));
    }

    private static Property longField() {
        return Property.of(p -> p.long_(l -> l));
    }

    private static Property date() {
        return Property.of(p -> p.date(d -> d));
    }
}
