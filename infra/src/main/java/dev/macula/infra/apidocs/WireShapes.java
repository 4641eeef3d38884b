package dev.macula.infra.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.forms.FormSchemaMessages.EntityType;
import dev.macula.api.identity.UserView;
import dev.macula.api.tagging.TagType;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The documented shape of request bodies, which controllers read with the lax {@code JsonBody}
 * reader (so springdoc cannot see them), and of the few answers built as maps. Documentation only:
 * nothing is (de)serialised through these records. Names follow the original's schemas where one
 * exists; components are written snake_case (see {@link OperationSchemas}).
 */
final class WireShapes {

    private WireShapes() {
    }

    // --- auth (docs/api.md §2)

    @Schema(name = "TokenLoginRequest",
            description = "api_client: true answers with the tokens in the body instead of cookies")
    record TokenLoginRequest(@Schema(requiredMode = REQUIRED) String username,
                             @Schema(requiredMode = REQUIRED) String password, Boolean apiClient, Boolean rememberMe) {
    }

    @Schema(name = "UserLogin")
    record UserLogin(@Schema(requiredMode = REQUIRED) String username, @Schema(requiredMode = REQUIRED) String password,
                     Boolean rememberMe) {
    }

    @Schema(name = "ChangePasswordRequest")
    record ChangePasswordRequest(@Schema(requiredMode = REQUIRED) String oldPassword,
                                 @Schema(requiredMode = REQUIRED) String newPassword) {
    }

    @Schema(name = "RefreshRequest", description = "optional: without a body the refresh_token cookie is used")
    record RefreshRequest(String refreshToken) {
    }

    @Schema(name = "SessionTokens", description = "answer of login with api_client: true, and of a refresh whose"
            + " token came in the body")
    record SessionTokens(UserView user, String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }

    // --- users (admin)

    @Schema(name = "UserRolePATCH", description = "1 = admin, null = annotator")
    record UserRolePatch(@Schema(requiredMode = REQUIRED, nullable = true) Integer role) {
    }

    @Schema(name = "UserImport", description = "a user carried over from an Eyened database with its password hash")
    record UserImport(@Schema(requiredMode = REQUIRED) String username, String passwordHash, String legacyPassword,
                      Integer role, String description) {
    }

    // --- tags and tag links (docs/api.md §3.0)

    @Schema(name = "TagPUT")
    record TagPut(@Schema(requiredMode = REQUIRED) String name, @Schema(requiredMode = REQUIRED) TagType tagType,
                  @Schema(requiredMode = REQUIRED) String description) {
    }

    @Schema(name = "TagPATCH")
    record TagPatch(String name, TagType tagType, String description) {
    }

    @Schema(name = "ObjectTagPOST")
    record ObjectTagPost(@Schema(requiredMode = REQUIRED) long tagId, String comment) {
    }

    @Schema(name = "ObjectTagPATCH")
    record ObjectTagPatch(String comment) {
    }

    // --- time travel (issue 14)

    @Schema(name = "RevertPOST", description = "back to the state as of a moment")
    record RevertRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "an ISO-8601 instant "
            + "(2026-12-06T14:05:20.123Z, an offset, or no zone for UTC) or a global event position (an integer)")
                         String asOf) {
    }

    @Schema(name = "SegmentationRevertPOST", description = "either as_of (metadata, active flag, tags and data "
            + "as of then) or version (that data version's content as the newest version; If-Match as on PUT …/data)")
    record SegmentationRevertRequest(@Schema(description = "an ISO-8601 instant or a global event position")
                                     String asOf, Integer version) {
    }

    // --- imaging (docs/api.md §5)

    @Schema(name = "ImportRequest")
    record ImportRequest(@Schema(requiredMode = REQUIRED) ImageImportData data, ImportOptions options) {
    }

    @Schema(name = "ImageImportData", description = "study_date: ISO date (or the original's formats); series_id: id or"
            + " SeriesInstanceUID; *_props: PascalCase columns such as Laterality, Modality, DeviceInstanceID")
    record ImageImportData(@Schema(requiredMode = REQUIRED) String projectName, String patientIdentifier,
                           Map<String, Object> patientProps, LocalDate studyDate, Map<String, Object> studyProps,
                           String seriesId, Map<String, Object> seriesProps,
                           @Schema(requiredMode = REQUIRED) String image, Map<String, Object> imageProps) {
    }

    @Schema(name = "ImportOptions")
    record ImportOptions(Boolean createPatients, Boolean createStudies, Boolean createSeries, Boolean createProject,
                         Boolean includeStackTrace) {
    }

    @Schema(name = "DeviceModelPOST")
    record DeviceModelPost(@Schema(requiredMode = REQUIRED) String manufacturer,
                           @Schema(requiredMode = REQUIRED) String model) {
    }

    @Schema(name = "DeviceInstancePOST")
    record DeviceInstancePost(@Schema(requiredMode = REQUIRED) String description, String serialNumber) {
    }

    // --- segmentation (docs/api.md §6–8)

    @Schema(name = "SegmentationMetadata", description = "the JSON text of the multipart part 'metadata'")
    record SegmentationMetadata(@Schema(requiredMode = REQUIRED) long imageInstanceId,
                                @Schema(requiredMode = REQUIRED) int depth, @Schema(requiredMode = REQUIRED) int height,
                                @Schema(requiredMode = REQUIRED) int width, Integer sparseAxis,
                                List<List<Double>> imageProjectionMatrix, List<Integer> scanIndices, Double threshold,
                                Long referenceSegmentationId,
                                @Schema(requiredMode = REQUIRED, example = "R8") String dataType,
                                @Schema(requiredMode = REQUIRED, example = "Binary") String dataRepresentation,
                                @Schema(requiredMode = REQUIRED) long featureId, Long subtaskId) {
    }

    @Schema(name = "Body_create_segmentation_segmentations_post")
    record SegmentationUpload(@Schema(requiredMode = REQUIRED, description = "SegmentationMetadata as JSON text")
                              String metadata,
                              @Schema(type = "string", format = "binary", description = "initial data, .npy")
                              byte[] npArray) {
    }

    @Schema(name = "SegmentationPATCH")
    record SegmentationPatch(Long referenceSegmentationId, Long featureId, Double threshold) {
    }

    @Schema(name = "FeaturePUT")
    record FeaturePut(@Schema(requiredMode = REQUIRED) String name, List<Long> subfeatureIds) {
    }

    @Schema(name = "FeaturePATCH")
    record FeaturePatch(String name, List<Long> subfeatureIds) {
    }

    // --- tasks (docs/api.md §3.9–3.10)

    @Schema(name = "TaskDefinitionPOST")
    record TaskDefinitionPost(@Schema(requiredMode = REQUIRED) String name, Map<String, Object> config) {
    }

    @Schema(name = "TaskPUT")
    record TaskPut(@Schema(requiredMode = REQUIRED) String name, String description, Long contactId,
                   @Schema(requiredMode = REQUIRED) long taskDefinitionId) {
    }

    @Schema(name = "TaskPATCH")
    record TaskPatch(String name, String description, Long contactId, Long taskDefinitionId,
                     @Schema(allowableValues = {"NotStarted", "Busy", "Finished", "Aborted", "Archived"})
                     String taskState) {
    }

    @Schema(name = "SubTaskPOST")
    record SubTaskPost(@Schema(requiredMode = REQUIRED) List<Long> imageIds, Long creatorId, String comments) {
    }

    @Schema(name = "SubTaskPATCH")
    record SubTaskPatch(String comments,
                        @Schema(allowableValues = {"NotStarted", "Busy", "Ready"}) String taskState) {
    }

    @Schema(name = "AddImageRequest", description = "either instance_id (the viewer) or image_ids (the seed's form)")
    record AddImageRequest(Long instanceId, List<Long> imageIds) {
    }

    // --- forms (docs/api.md §3.5–3.6, docs/api.md §7)

    @Schema(name = "FormSchemaPOST", description = "schema must be a valid draft-7 JSON Schema")
    record FormSchemaPost(@Schema(requiredMode = REQUIRED) String name,
                          @Schema(requiredMode = REQUIRED) Map<String, Object> schema,
                          EntityType entityType) {
    }

    @Schema(name = "FormAnnotationPUT")
    record FormAnnotationPut(@Schema(requiredMode = REQUIRED) long formSchemaId,
                             @Schema(requiredMode = REQUIRED) long patientId, Long studyId, Long imageInstanceId,
                             @Schema(allowableValues = {"L", "R"}) String laterality, Long subTaskId,
                             JsonNode formData, Long formAnnotationReferenceId) {
    }

    @Schema(name = "FormAnnotationPATCH")
    record FormAnnotationPatch(Long formSchemaId, Long patientId, Long studyId, Long imageInstanceId,
                               @Schema(allowableValues = {"L", "R"}) String laterality, Long subTaskId,
                               JsonNode formData, Long formAnnotationReferenceId) {
    }

    // --- search (docs/api.md §4)

    @Schema(name = "SearchQuery", description = "conditions: {variable, operator, value} or"
            + " {type: 'attribute', model, variable, operator, value, feature}")
    record SearchRequest(@Schema(requiredMode = REQUIRED) List<Map<String, Object>> conditions, Integer limit,
                       Integer page, @Schema(requiredMode = REQUIRED) String orderBy,
                       @Schema(allowableValues = {"ASC", "DESC"}) String order, Boolean includeCount) {
    }

    @Schema(name = "StudySearchQuery")
    record StudySearchRequest(@Schema(requiredMode = REQUIRED) List<Map<String, Object>> conditions, Integer limit,
                            Integer page, @Schema(requiredMode = REQUIRED) String orderBy,
                            @Schema(allowableValues = {"ASC", "DESC"}) String order, Boolean includeCount) {
    }

    // --- answers built as maps

    @Schema(name = "SegmentationDataWritten", description = "the segmentation's row after the write (PascalCase"
            + " columns as the original's ORM dump)")
    record SegmentationDataWritten(@Schema(name = "SegmentationID") long segmentationId,
                                   @Schema(name = "ImageInstanceID") long imageInstanceId,
                                   @Schema(name = "DataVersion") int dataVersion) {
    }

    @Schema(name = "ProjectionStatus")
    record ProjectionStatus(String name, String processor, @Schema(allowableValues = {"inline", "pooled"}) String mode,
                            Long position, Long head, Long lag, Integer segments, String status, boolean rebuildable,
                            String index, Long deadLetters, Object documents, Object rebuild) {
    }

    @Schema(name = "DeadLetterRetry")
    record DeadLetterRetry(int retried, long deadLetters) {
    }

    /** {@code POST /api/admin/rollbacks} (issue 14): instants are ISO-8601 (no zone = UTC). */
    @Schema(name = "RollbackPOST")
    record RollbackPost(@Schema(requiredMode = REQUIRED) long actorId,
                        @Schema(requiredMode = REQUIRED, example = "2026-12-06T14:05:20.123Z") String since,
                        @Schema(description = "exclusive; absent: up to now") String until,
                        @Schema(defaultValue = "true") Boolean dryRun, @Schema(defaultValue = "false") Boolean force) {
    }

    @Schema(description = "a dataset snapshot of one project (issue 15): images, tags, forms, segmentations and masks")
    record ExportPost(@Schema(requiredMode = REQUIRED, example = "Rotterdam Study") String project,
                      @Schema(description = "only this task's sub-task images and their forms and segmentations")
                      Long taskId,
                      @Schema(description = "an event position or ISO-8601 instant; absent: the newest event",
                              example = "2026-12-06T14:05:20.123Z") String asOf) {
    }

    @Schema(name = "Health")
    record Health(@Schema(example = "healthy") String status) {
    }
}
