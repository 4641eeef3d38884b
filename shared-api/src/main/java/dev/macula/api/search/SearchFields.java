package dev.macula.api.search;

/**
 * Index and field names of the {@code instances} and {@code studies} search indexes, shared by the
 * projections that write them and the query side that reads them. Text fields hold
 * {@link dev.macula.api.common.NameKey} keys, so comparisons are case- and accent-insensitive like
 * the original's MySQL collation.
 */
public final class SearchFields {

    public static final String INSTANCES_INDEX = "instances";
    public static final String STUDIES_INDEX = "studies";
    /** The tag type-ahead index ({@link dev.macula.api.tagging.TagDocument}). */
    public static final String TAGS_INDEX = "tags";
    /** Bump when a mapping changes; a rebuild then creates the next version behind the alias. */
    public static final int MAPPING_VERSION = 1;

    public static final String ID = "id";
    public static final String ACTIVE = "active";
    public static final String MODALITY = "modality";
    public static final String LATERALITY = "laterality";
    public static final String ETDRS_FIELD = "etdrs_field";
    public static final String CF_QUALITY = "cf_quality";
    public static final String STUDY_ID = "study_id";
    public static final String STUDY_DATE = "study_date";
    public static final String STUDY_DESCRIPTION = "study_description";
    public static final String STUDY_ROUND = "study_round";
    public static final String PATIENT_IDENTIFIER = "patient_identifier";
    public static final String PATIENT_SEX = "patient_sex";
    public static final String PATIENT_BIRTHDATE = "patient_birthdate";
    public static final String PROJECT_NAME = "project_name";
    public static final String DEVICE_MODEL_ID = "device_model_id";
    public static final String DATE_INSERTED = "date_inserted";
    /** Entities whose change can alter the document ({@code tag:5}, {@code form:7}, …). */
    public static final String REFS = "refs";

    public static final String SEGMENTATIONS = "segmentations";
    public static final String FORMS = "forms";
    public static final String IMAGE_TAGS = "image_tags";
    public static final String STUDY_TAGS = "study_tags";
    public static final String SERIES = "series";
    /** Attribute values of the image and of its (model) segmentations, one nested row each. */
    public static final String ATTRIBUTES = "attributes";

    public static final String FEATURE_NAME = "feature_name";
    public static final String CREATOR_NAME = "creator_name";
    public static final String TAG_NAME = "tag_name";
    public static final String SCHEMA_NAME = "schema_name";
    public static final String STUDY_INSTANCE_UID = "study_instance_uid";
    public static final String ATTRIBUTE_ID = "attribute_id";
    public static final String MODEL_ID = "model_id";
    public static final String VALUE_INT = "value_int";
    public static final String VALUE_FLOAT = "value_float";
    /** A NameKey: text attributes compare without regard to case and accents, like the original's collation. */
    public static final String VALUE_TEXT = "value_text";
    /** Compact JSON text. */
    public static final String VALUE_JSON = "value_json";

    private SearchFields() {
    }
}
