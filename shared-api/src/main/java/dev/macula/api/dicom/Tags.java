package dev.macula.api.dicom;

import java.util.Map;

/**
 * The tags this reader uses, with their value representations: implicit VR data sets carry no VR,
 * so these are all the dictionary the parser needs (everything else is skipped by its length).
 */
final class Tags {

    static final int TRANSFER_SYNTAX_UID = 0x00020010;
    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int ACQUISITION_DATE = 0x00080022;
    static final int CONTENT_DATE = 0x00080023;
    static final int ACQUISITION_DATE_TIME = 0x0008002A;
    static final int ACQUISITION_TIME = 0x00080032;
    static final int CONTENT_TIME = 0x00080033;
    static final int MODALITY = 0x00080060;
    static final int MANUFACTURER = 0x00080070;
    static final int STUDY_DESCRIPTION = 0x00081030;
    static final int MANUFACTURER_MODEL_NAME = 0x00081090;
    static final int PATIENT_ID = 0x00100020;
    static final int PATIENT_BIRTH_DATE = 0x00100030;
    static final int PATIENT_SEX = 0x00100040;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int SPACING_BETWEEN_SLICES = 0x00180088;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int SERIES_NUMBER = 0x00200011;
    static final int LATERALITY = 0x00200060;
    static final int IMAGE_LATERALITY = 0x00200062;
    static final int HORIZONTAL_FIELD_OF_VIEW = 0x0022000C;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int PLANAR_CONFIGURATION = 0x00280006;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int PIXEL_MEASURES_SEQUENCE = 0x00289110;
    static final int FRAME_VOI_LUT_SEQUENCE = 0x00289132;
    static final int PIXEL_VALUE_TRANSFORMATION_SEQUENCE = 0x00289145;
    static final int SHARED_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009229;
    static final int PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE = 0x52009230;
    static final int PIXEL_DATA = 0x7FE00010;

    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITER = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;

    /** Value representations of the tags that are kept; sequences are "SQ". */
    static final Map<Integer, String> VR = Map.ofEntries(
            Map.entry(TRANSFER_SYNTAX_UID, "UI"), Map.entry(SPECIFIC_CHARACTER_SET, "CS"),
            Map.entry(SOP_CLASS_UID, "UI"), Map.entry(SOP_INSTANCE_UID, "UI"), Map.entry(STUDY_DATE, "DA"),
            Map.entry(ACQUISITION_DATE, "DA"), Map.entry(CONTENT_DATE, "DA"), Map.entry(ACQUISITION_DATE_TIME, "DT"),
            Map.entry(ACQUISITION_TIME, "TM"), Map.entry(CONTENT_TIME, "TM"), Map.entry(MODALITY, "CS"),
            Map.entry(MANUFACTURER, "LO"), Map.entry(STUDY_DESCRIPTION, "LO"),
            Map.entry(MANUFACTURER_MODEL_NAME, "LO"), Map.entry(PATIENT_ID, "LO"),
            Map.entry(PATIENT_BIRTH_DATE, "DA"), Map.entry(PATIENT_SEX, "CS"), Map.entry(SLICE_THICKNESS, "DS"),
            Map.entry(SPACING_BETWEEN_SLICES, "DS"), Map.entry(STUDY_INSTANCE_UID, "UI"),
            Map.entry(SERIES_INSTANCE_UID, "UI"), Map.entry(SERIES_NUMBER, "IS"), Map.entry(LATERALITY, "CS"),
            Map.entry(IMAGE_LATERALITY, "CS"), Map.entry(HORIZONTAL_FIELD_OF_VIEW, "FL"),
            Map.entry(SAMPLES_PER_PIXEL, "US"), Map.entry(PHOTOMETRIC_INTERPRETATION, "CS"),
            Map.entry(PLANAR_CONFIGURATION, "US"), Map.entry(NUMBER_OF_FRAMES, "IS"), Map.entry(ROWS, "US"),
            Map.entry(COLUMNS, "US"), Map.entry(PIXEL_SPACING, "DS"), Map.entry(BITS_ALLOCATED, "US"),
            Map.entry(BITS_STORED, "US"), Map.entry(HIGH_BIT, "US"), Map.entry(PIXEL_REPRESENTATION, "US"),
            Map.entry(WINDOW_CENTER, "DS"), Map.entry(WINDOW_WIDTH, "DS"), Map.entry(RESCALE_INTERCEPT, "DS"),
            Map.entry(RESCALE_SLOPE, "DS"), Map.entry(PIXEL_MEASURES_SEQUENCE, "SQ"),
            Map.entry(FRAME_VOI_LUT_SEQUENCE, "SQ"), Map.entry(PIXEL_VALUE_TRANSFORMATION_SEQUENCE, "SQ"),
            Map.entry(SHARED_FUNCTIONAL_GROUPS_SEQUENCE, "SQ"), Map.entry(PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, "SQ"),
            Map.entry(PIXEL_DATA, "OW"));

    static String name(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    private Tags() {
    }
}
