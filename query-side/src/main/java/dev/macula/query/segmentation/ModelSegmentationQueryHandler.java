package dev.macula.query.segmentation;

import dev.macula.api.segmentation.ModelMessages.FindModelSegmentationDataQuery;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Where a model segmentation's voxels are; its view for InstanceGET is {@link ModelSegmentationReader}'s. */
@Component
class ModelSegmentationQueryHandler {

    private final JdbcTemplate jdbc;

    ModelSegmentationQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record ModelSegmentationData(Datatype type, int[] shape, String checksum) {
    }

    @QueryHandler
    ModelSegmentationData handle(FindModelSegmentationDataQuery query) {
        return jdbc.query("select data_type, depth, height, width, data_checksum from model_segmentation where id = ?",
                (rs, row) -> new ModelSegmentationData(Datatype.valueOf(rs.getString("data_type")),
                        new int[]{rs.getInt("depth"), rs.getInt("height"), rs.getInt("width")}, rs.getString("data_checksum")),
                query.modelSegmentationId()).stream().findFirst().orElse(null);
    }
}
