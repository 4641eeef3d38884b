package dev.macula.api.dicom;

import java.time.LocalDateTime;

/** Builds the {@link DicomHeader} from the parsed attributes, following its javadoc's mapping. */
final class HeaderFactory {

    static DicomHeader header(String transferSyntaxUid, Attributes data) {
        String modality = data.string(Tags.MODALITY);
        Attributes spacingHolder = holder(data, Tags.PIXEL_MEASURES_SEQUENCE, Tags.PIXEL_SPACING);
        Double rowSpacing = spacingHolder == null ? null : spacingHolder.decimal(Tags.PIXEL_SPACING, 0);
        Double columnSpacing = spacingHolder == null ? null : spacingHolder.decimal(Tags.PIXEL_SPACING, 1);
        Double sliceThickness = decimal(data, Tags.PIXEL_MEASURES_SEQUENCE, Tags.SLICE_THICKNESS);
        Double spacingBetweenSlices = decimal(data, Tags.PIXEL_MEASURES_SEQUENCE, Tags.SPACING_BETWEEN_SLICES);
        boolean volume = "OPT".equals(modality);
        Integer frames = data.integer(Tags.NUMBER_OF_FRAMES);
        return new DicomHeader(
                transferSyntaxUid,
                data.string(Tags.SOP_CLASS_UID),
                data.string(Tags.SOP_INSTANCE_UID),
                modality,
                data.string(Tags.PHOTOMETRIC_INTERPRETATION),
                data.unsignedShort(Tags.SAMPLES_PER_PIXEL),
                data.unsignedShort(Tags.ROWS),
                data.unsignedShort(Tags.COLUMNS),
                frames == null ? 1 : frames,
                data.unsignedShort(Tags.BITS_ALLOCATED),
                data.unsignedShort(Tags.BITS_STORED),
                laterality(data),
                acquisition(data),
                volume ? rowSpacing : null,
                columnSpacing,
                volume ? (spacingBetweenSlices != null ? spacingBetweenSlices : sliceThickness) : rowSpacing,
                sliceThickness,
                data.binaryFloat(Tags.HORIZONTAL_FIELD_OF_VIEW),
                data.string(Tags.PATIENT_ID),
                DicomDates.date(data.string(Tags.PATIENT_BIRTH_DATE)),
                sex(data.string(Tags.PATIENT_SEX)),
                DicomDates.date(data.string(Tags.STUDY_DATE)),
                data.string(Tags.STUDY_DESCRIPTION),
                data.string(Tags.STUDY_INSTANCE_UID),
                data.string(Tags.SERIES_INSTANCE_UID),
                data.integer(Tags.SERIES_NUMBER),
                data.string(Tags.MANUFACTURER),
                data.string(Tags.MANUFACTURER_MODEL_NAME));
    }

    /**
     * The attributes that hold {@code tag}: the data set itself, else the functional group macro
     * {@code macro} of the shared functional groups, else of the first frame's per-frame groups.
     */
    static Attributes holder(Attributes data, int macro, int tag) {
        if (data.contains(tag)) {
            return data;
        }
        for (int groups : new int[]{Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE}) {
            Attributes group = data.item(groups);
            Attributes item = group == null ? null : group.item(macro);
            if (item != null && item.contains(tag)) {
                return item;
            }
        }
        return null;
    }

    static Double decimal(Attributes data, int macro, int tag) {
        Attributes holder = holder(data, macro, tag);
        return holder == null ? null : holder.decimal(tag, 0);
    }

    private static String laterality(Attributes data) {
        for (int tag : new int[]{Tags.IMAGE_LATERALITY, Tags.LATERALITY}) {
            String value = data.string(tag);
            if ("L".equals(value) || "R".equals(value)) {
                return value;
            }
        }
        return null;
    }

    private static LocalDateTime acquisition(Attributes data) {
        LocalDateTime acquired = DicomDates.dateTime(data.string(Tags.ACQUISITION_DATE_TIME),
                data.string(Tags.ACQUISITION_DATE), data.string(Tags.ACQUISITION_TIME));
        return acquired != null ? acquired
                : DicomDates.dateTime(null, data.string(Tags.CONTENT_DATE), data.string(Tags.CONTENT_TIME));
    }

    private static String sex(String value) {
        return "M".equals(value) || "F".equals(value) ? value : null;
    }

    private HeaderFactory() {
    }
}
