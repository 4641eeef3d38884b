package dev.macula.query.imaging;

import dev.macula.api.imaging.ImagingQueries.FindDeviceModelsQuery;
import dev.macula.api.imaging.ImagingQueries.FindInstanceQuery;
import dev.macula.api.imaging.ImagingQueries.FindStudyQuery;
import dev.macula.query.forms.FormAnnotationReader;
import dev.macula.query.imaging.ImagingViews.DeviceModelView;
import dev.macula.query.imaging.ImagingViews.InstanceView;
import dev.macula.query.imaging.ImagingViews.StudyView;
import dev.macula.query.segmentation.ModelSegmentationReader;
import dev.macula.query.segmentation.SegmentationReader;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** Answers image, study and device queries from the hierarchy read model (docs/api.md §3.0.3–3.0.5). */
@Component
class ImagingQueryHandler {

    private final JdbcTemplate jdbc;
    private final ImagingReader reader;
    private final SegmentationReader segmentations;
    private final ModelSegmentationReader modelSegmentations;
    private final FormAnnotationReader formAnnotations;

    ImagingQueryHandler(JdbcTemplate jdbc, ImagingReader reader, SegmentationReader segmentations,
                        ModelSegmentationReader modelSegmentations, FormAnnotationReader formAnnotations) {
        this.jdbc = jdbc;
        this.reader = reader;
        this.segmentations = segmentations;
        this.modelSegmentations = modelSegmentations;
        this.formAnnotations = formAnnotations;
    }

    @QueryHandler
    InstanceView handle(FindInstanceQuery query) {
        long id = query.instanceId().value();
        return reader.instances(List.of(id), query.withTagMetadata(), new ImagingReader.Extras() {
            @Override
            public List<?> segmentations(long instanceId) {
                return query.withSegmentations() ? segmentations.ofImage(instanceId, query.withTagMetadata()) : null;
            }

            @Override
            public List<?> modelSegmentations(long instanceId) {
                return query.withModelSegmentations() ? modelSegmentations.ofImage(instanceId) : null;
            }

            @Override
            public List<?> formAnnotations(long instanceId) {
                return query.withFormAnnotations() ? formAnnotations.ofImage(instanceId) : null;
            }
        }).get(id);
    }

    @QueryHandler
    StudyView handle(FindStudyQuery query) {
        return reader.studies(List.of(query.studyId().value())).stream().findFirst().orElse(null);
    }

    @QueryHandler
    List<DeviceModelView> handle(FindDeviceModelsQuery query) {
        return jdbc.query("select id, manufacturer, model from device_model order by manufacturer, model",
                (rs, row) -> new DeviceModelView(rs.getLong("id"), rs.getString("manufacturer"), rs.getString("model")));
    }
}
