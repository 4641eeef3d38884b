package dev.macula.api.imaging;

/** Queries on the imaging read models. */
public final class ImagingQueries {

    private ImagingQueries() {
    }

    /** InstanceGET (docs/api.md §3.2); answer: the query side's instance view, or null. */
    public record FindInstanceQuery(InstanceId instanceId, boolean withTagMetadata, boolean withSegmentations,
                                    boolean withFormAnnotations, boolean withModelSegmentations) {
    }

    /** StudyGET with series and tags; answer: the query side's study view, or null. */
    public record FindStudyQuery(StudyId studyId) {
    }

    /** All device models by manufacturer, then model (docs/api.md §3.11). */
    public record FindDeviceModelsQuery() {
    }
}
