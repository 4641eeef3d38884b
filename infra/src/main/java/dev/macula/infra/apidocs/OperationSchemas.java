package dev.macula.infra.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.macula.api.analytics.AnalyticsMessages;
import dev.macula.api.common.ValidationError;
import dev.macula.api.identity.UserView;
import dev.macula.api.tagging.TagType;
import dev.macula.infra.apidocs.WireShapes.*;
import dev.macula.query.search.SearchResponses.InstanceSearchResponse;
import dev.macula.query.timetravel.AsOfRoutes;
import dev.macula.query.search.SearchResponses.StudySearchResponse;
import dev.macula.api.history.EventExportLine;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Fills in what springdoc cannot infer. Controllers read bodies through the lax {@code JsonBody}
 * reader and several answer {@code Object}, a map or raw bytes, so the request and response schemas
 * of those operations are declared here, in one table, rather than as annotations on every
 * controller. Also: Spring's catch-all {@code {*name}} written as {@code {name}}, operations grouped
 * by resource, the open operations marked as needing no credentials, and the error bodies.
 */
class OperationSchemas implements OpenApiCustomizer {

    /** Request shapes are written with Java names; the wire is snake_case. */
    private static final ModelConverters SNAKE_CASE = snakeCaseConverters();
    /** springdoc's own converters (it writes OpenAPI 3.1). */
    private static final ModelConverters AS_ANNOTATED = ModelConverters.getInstance(true);
    private static final String JSON = "application/json";
    private static final Parameter AS_OF = new Parameter().in("query").name("as_of").required(false)
            .schema(new StringSchema()).description("answer as at that moment: an ISO-8601 instant (no zone = UTC) "
                    + "or a global event position (docs/architecture.md \"Time travel\")");
    private static final String NPY = "application/octet-stream";
    /** Operations with their own {@code as_of} parameter (replays, not the as-of interceptor). */
    private static final Set<String> RESOLVES_AS_OF_ITSELF = Set.of("GET /api/analytics/tasks/{task_id}");
    /** Operations that need no credentials (SecurityConfiguration). */
    private static final Set<String> OPEN = Set.of("POST /api/auth/login", "POST /api/auth/token",
            "POST /api/auth/refresh", "POST /api/auth/logout", "GET /health", "GET /actuator/health/readiness");

    /**
     * Method and path → request body and answer; operations springdoc documents fully are not listed.
     * A String answer names a component springdoc made from another operation's return type.
     */
    private static final List<Doc> TABLE = List.of(
            on("POST /api/auth/login").json(TokenLoginRequest.class).answers(UserView.class)
                    .alsoAnswers(SessionTokens.class),
            on("POST /api/auth/token").json(UserLogin.class),
            on("POST /api/auth/register").json(UserLogin.class),
            on("POST /api/auth/change-password").json(ChangePasswordRequest.class),
            on("POST /api/auth/refresh").optionalJson(RefreshRequest.class).answers(UserView.class)
                    .alsoAnswers(SessionTokens.class).cookie("refresh_token"),
            on("POST /api/auth/logout").optionalJson(RefreshRequest.class).cookie("refresh_token"),
            on("PATCH /api/users/{user_id}").json(UserRolePatch.class),
            on("POST /api/users/import").json(UserImport.class),

            on("POST /api/tags").json(TagPut.class),
            on("PATCH /api/tags/{tag_id}").json(TagPatch.class),
            on("POST /api/instances/{instance_id}/tags").json(ObjectTagPost.class),
            on("PATCH /api/instances/{instance_id}/tags/{tag_id}").json(ObjectTagPatch.class),
            on("POST /api/studies/{study_id}/tags").json(ObjectTagPost.class),
            on("PATCH /api/studies/{study_id}/tags/{tag_id}").json(ObjectTagPatch.class),
            on("POST /api/segmentations/{segmentation_id}/tags").json(ObjectTagPost.class),
            on("PATCH /api/segmentations/{segmentation_id}/tags/{tag_id}").json(ObjectTagPatch.class),
            on("POST /api/form-annotations/{annotation_id}/tags").json(ObjectTagPost.class),
            on("PATCH /api/form-annotations/{annotation_id}/tags/{tag_id}").json(ObjectTagPatch.class),

            on("POST /api/import/image").json(ImportRequest.class),
            on("POST /api/devices").json(DeviceModelPost.class),
            on("POST /api/devices/{device_model_id}/instances").json(DeviceInstancePost.class),
            on("GET /api/instances/images/{dataset_identifier}").answersBytes("image/*"),
            on("GET /api/instances/thumbnails/{thumbnail_identifier}").answersBytes("image/*"),

            on("POST /api/segmentations").multipart(SegmentationUpload.class, SegmentationMetadata.class)
                    .answers("SegmentationView"),
            on("PATCH /api/segmentations/{segmentation_id}").json(SegmentationPatch.class).answers("SegmentationView"),
            on("GET /api/segmentations/{segmentation_id}/data").answersBytes(NPY),
            on("PUT /api/segmentations/{segmentation_id}/data").bytes(NPY).answers(SegmentationDataWritten.class),
            on("GET /api/model-segmentations/{model_segmentation_id}/data").answersBytes(NPY),
            on("POST /api/features").json(FeaturePut.class).answers("FeatureView"),
            on("PATCH /api/features/{feature_id}").json(FeaturePatch.class).answers("FeatureView"),

            on("POST /api/task-definitions").json(TaskDefinitionPost.class).answers("TaskDefinitionView"),
            on("POST /api/task").json(TaskPut.class).answers("TaskView"),
            on("PATCH /api/task/{task_id}").json(TaskPatch.class).answers("TaskView"),
            on("POST /api/task/{task_id}/subtasks").json(SubTaskPost.class).answers("SubTaskView"),
            on("PATCH /api/subtasks/{subtaskid}").json(SubTaskPatch.class).answers("SubTaskView"),
            on("POST /api/subtasks/{subtaskid}/images").json(AddImageRequest.class).answers("SubTaskView"),
            on("DELETE /api/subtasks/{subtaskid}/images/{instance_id}").answers("SubTaskView"),

            on("POST /api/form-schemas").json(FormSchemaPost.class).answers("FormSchemaView"),
            on("POST /api/form-annotations").json(FormAnnotationPut.class).answers("FormAnnotationView"),
            on("PATCH /api/form-annotations/{annotation_id}").json(FormAnnotationPatch.class)
                    .answers("FormAnnotationView"),
            on("GET /api/form-annotations/{form_annotation_id}/value").answers(new Schema<>()
                    .description("the stored form data, any JSON value")),
            on("PUT /api/form-annotations/{form_annotation_id}/value").anyJson(),

            on("POST /api/instances/search").json(SearchRequest.class).answers(InstanceSearchResponse.class),
            on("POST /api/studies/search").json(StudySearchRequest.class).answers(StudySearchResponse.class),

            on("POST /api/segmentations/{segmentation_id}/revert").json(SegmentationRevertRequest.class)
                    .answers("SegmentationView"),
            on("POST /api/form-annotations/{annotation_id}/revert").json(RevertRequest.class)
                    .answers("FormAnnotationView"),
            on("POST /api/subtasks/{subtaskid}/revert").json(RevertRequest.class).answers("SubTaskView"),
            on("POST /api/task/{task_id}/revert").json(RevertRequest.class).answers("TaskView"),
            on("POST /api/features/{feature_id}/revert").json(RevertRequest.class).answers("FeatureView"),
            on("POST /api/tags/{tag_id}/revert").json(RevertRequest.class).answers("TagView"),
            on("POST /api/instances/{instance_id}/tags/revert").json(RevertRequest.class),
            on("POST /api/studies/{study_id}/tags/revert").json(RevertRequest.class),

            on("GET /api/admin/projections").answers(new ArraySchema().items(ref("ProjectionStatus")))
                    .uses(ProjectionStatus.class),
            on("GET /api/admin/projections/{name}").answers(ProjectionStatus.class),
            on("POST /api/admin/projections/{name}/rebuild").answers(ProjectionStatus.class),
            on("POST /api/admin/projections/{name}/dead-letters/retry").answers(DeadLetterRetry.class),
            on("POST /api/admin/rollbacks").json(RollbackPost.class),
            on("POST /api/admin/exports").json(ExportPost.class),
            on("GET /api/analytics/tasks/{task_id}/report").answersText("text/html",
                    "the task report: one self-contained HTML page (inline SVG charts and tables; no scripts,"
                            + " fonts or images), as of now or as_of (header Macula-As-Of)"),
            on("GET /api/admin/events").answersLines("application/x-ndjson", EventExportLine.class),
            on("GET /health").answers(Health.class));

    /**
     * Properties the views hold as JSON trees or plain objects (written as they were stored), so
     * springdoc sees "any": their documented type. Component.property → schema.
     */
    private static final Map<String, Supplier<Schema<?>>> PROPERTY_TYPES = Map.of(
            "InstanceView.cf_roi", OperationSchemas::jsonObject,
            "InstanceView.cf_keypoints", OperationSchemas::jsonObject,
            "SegmentationView.image_projection_matrix",
            () -> new ArraySchema().items(new ArraySchema().items(new NumberSchema())),
            "SegmentationView.scan_indices", () -> new ArraySchema().items(new IntegerSchema()),
            "FormSchemaView.schema", OperationSchemas::jsonObject,
            "TaskDefinitionView.config", OperationSchemas::jsonObject,
            "SubTaskView.images", () -> new ArraySchema().items(ref("InstanceView"))
                    .description("present when asked for with_images"),
            "HistoryEntry.payload", OperationSchemas::jsonObject,
            "EventExportLine.payload", OperationSchemas::jsonObject,
            "ObjectOutcome.entity_id", () -> new Schema<>().oneOf(List.of(new IntegerSchema(), new StringSchema()))
                    .description("the object's id; for a tag link \"<tag id>:<object type>:<object id>\""));

    @Override
    public void customise(OpenAPI api) {
        api.setPaths(withoutCatchAllMarkers(api.getPaths()));
        api.getPaths().addPathItem("/actuator/health/readiness", readiness());
        Map<String, Schema> components = api.getComponents().getSchemas();
        for (Doc doc : TABLE) {
            Operation operation = operation(api, doc.method, doc.path);
            doc.apply(operation, components);
        }
        PROPERTY_TYPES.forEach((property, type) -> {
            String[] names = property.split("\\.");
            Schema<?> component = components.get(names[0]);
            if (component == null || component.getProperties() == null
                    || !component.getProperties().containsKey(names[1])) {
                throw new IllegalStateException("OpenAPI property table names a missing property: " + property);
            }
            component.getProperties().put(names[1], type.get());
        });
        components.put("ErrorDetail", new ObjectSchema().addProperty("detail", new StringSchema())
                .description("every error except 422: {\"detail\": message}"));
        components.put("HTTPValidationError", new ObjectSchema().addProperty("detail",
                new ArraySchema().items(resolve(ValidationError.class, AS_ANNOTATED, components))));
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String key = method + " " + path;
            operation.setTags(List.of(resource(path)));
            if (operation.getParameters() != null) {
                operation.getParameters().stream().filter(p -> "query".equals(p.getIn()))
                        .forEach(p -> p.setSchema(queryType(p.getName(), p.getSchema())));
            }
            if (AsOfRoutes.answersAsOf(method.name(), path)) {
                operation.addParametersItem(AS_OF);
            }
            if (AsOfRoutes.answersAsOf(method.name(), path) || RESOLVES_AS_OF_ITSELF.contains(key)) {
                operation.getResponses().values().forEach(answer -> answer.addHeaderObject("Macula-As-Of",
                        new io.swagger.v3.oas.models.headers.Header().schema(new IntegerSchema())
                                .description("with as_of: the last event position the answer includes")));
            }
            if (OPEN.contains(key)) {
                operation.setSecurity(List.of()); // no credentials needed
            } else {
                operation.getResponses().addApiResponse("401", error("no valid access token"));
            }
            if (operation.getRequestBody() != null || operation.getParameters() != null) {
                operation.getResponses().addApiResponse("422", new ApiResponse().description("Validation Error")
                        .content(jsonContent(ref("HTTPValidationError"))));
            }
        }));
    }

    /**
     * Controllers take query values as text and parse them laxly (a bad one is a 422 naming it), so
     * springdoc sees strings everywhere; the documented type is what the value must parse as.
     */
    private static Schema<?> queryType(String name, Schema<?> declared) {
        // springdoc writes OpenAPI 3.1, where the type may be held in types
        boolean text = "string".equals(declared.getType())
                || declared.getTypes() != null && declared.getTypes().equals(Set.of("string"));
        if (!text) {
            return declared;
        }
        if (name.startsWith("with_") || name.equals("retry_failed")) {
            return new BooleanSchema();
        }
        if (Set.of("limit", "page", "axis", "scan_nr", "version", "after").contains(name) || name.endsWith("_id")) {
            return new IntegerSchema();
        }
        if (Set.of("since", "until").contains(name)) {
            return new StringSchema().format("date-time");
        }
        if (name.equals("tag_type")) {
            return new StringSchema()._enum(Stream.of(TagType.values()).map(Enum::name).toList());
        }
        if (name.equals("bucket")) {
            return new StringSchema()._enum(Stream.of(AnalyticsMessages.Bucket.values()).map(Enum::name).toList());
        }
        return declared;
    }

    /** Spring's {@code /files/{*rest}} is {@code /files/{rest}} in OpenAPI. */
    private static Paths withoutCatchAllMarkers(Paths paths) {
        Paths renamed = new Paths();
        paths.forEach((path, item) -> renamed.addPathItem(path.replace("{*", "{"), item));
        return renamed;
    }

    private static Operation operation(OpenAPI api, PathItem.HttpMethod method, String path) {
        PathItem item = api.getPaths().get(path);
        Operation operation = item == null ? null : item.readOperationsMap().get(method);
        if (operation == null) {
            // the table names an operation the controllers no longer have: fail loudly, not silently
            throw new IllegalStateException("OpenAPI table names a missing operation: " + method + " " + path);
        }
        return operation;
    }

    private static PathItem readiness() {
        return new PathItem().get(new Operation().operationId("readiness")
                .summary("Readiness: PostgreSQL, Elasticsearch, event processors (Spring Boot actuator)")
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("ready")
                                .content(jsonContent(readinessBody())))
                        .addApiResponse("503", new ApiResponse().description("not ready")
                                .content(jsonContent(readinessBody())))));
    }

    private static Schema<?> readinessBody() {
        return new ObjectSchema().addProperty("status", new StringSchema()._enum(List.of("UP", "DOWN")))
                .addProperty("components", new ObjectSchema().additionalProperties(new ObjectSchema()));
    }

    /** The first segment after /api: auth, instances, tags, task, … (the path /health is its own group). */
    private static String resource(String path) {
        String[] segments = path.split("/");
        return segments.length > 2 && segments[1].equals("api") ? segments[2] : segments[1];
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(jsonContent(ref("ErrorDetail")));
    }

    private static Content jsonContent(Schema<?> schema) {
        return new Content().addMediaType(JSON, new MediaType().schema(schema));
    }

    /** A JSON object or null (OpenAPI 3.1 spelling). */
    private static Schema<?> jsonObject() {
        return new JsonSchema().types(Set.of("object", "null")).additionalProperties(true);
    }

    private static Schema<?> ref(String component) {
        return new Schema<>().$ref("#/components/schemas/" + component);
    }

    /** A $ref to the class's component, adding it (and what it refers to) to the components. */
    private static Schema<?> resolve(Class<?> type, ModelConverters converters, Map<String, Schema> components) {
        ResolvedSchema resolved = converters.resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
        resolved.referencedSchemas.forEach(components::putIfAbsent);
        return resolved.schema;
    }

    private static ModelConverters snakeCaseConverters() {
        ModelConverters converters = new ModelConverters(true);
        converters.addConverter(new ModelResolver(Json.mapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)).openapi31(true));
        // a JSON tree is any JSON value (as springdoc is told in ApiDocsConfiguration)
        converters.addConverter((type, context, chain) -> Json.mapper().constructType(type.getType())
                .isTypeOrSubTypeOf(JsonNode.class) ? new Schema<>() : chain.next().resolve(type, context, chain));
        return converters;
    }

    private static Doc on(String methodAndPath) {
        String[] parts = methodAndPath.split(" ", 2);
        return new Doc(PathItem.HttpMethod.valueOf(parts[0]), parts[1]);
    }

    /** One row of the table; each setter records what to declare, {@link #apply} declares it. */
    private static final class Doc {

        final PathItem.HttpMethod method;
        final String path;
        private Function<Map<String, Schema>, RequestBody> body;
        private Function<Map<String, Schema>, Content> answer;
        private final List<Class<?>> alternatives = new ArrayList<>();
        private final List<Class<?>> referenced = new ArrayList<>();
        private String cookie;

        Doc(PathItem.HttpMethod method, String path) {
            this.method = method;
            this.path = path;
        }

        Doc json(Class<?> shape) {
            body = c -> new RequestBody().required(true).content(jsonContent(resolve(shape, SNAKE_CASE, c)));
            return this;
        }

        Doc optionalJson(Class<?> shape) {
            body = c -> new RequestBody().required(false).content(jsonContent(resolve(shape, SNAKE_CASE, c)));
            return this;
        }

        Doc anyJson() {
            body = c -> new RequestBody().required(true).description("any JSON value")
                    .content(jsonContent(new Schema<>()));
            return this;
        }

        Doc bytes(String mediaType) {
            body = c -> new RequestBody().required(true).description(".npy array: the whole volume, or one slice"
                    + " with axis and scan_nr").content(new Content().addMediaType(mediaType,
                    new MediaType().schema(new BinarySchema())));
            return this;
        }

        /** A multipart form whose JSON part's shape is documented as its own component. */
        Doc multipart(Class<?> form, Class<?> jsonPart) {
            body = c -> {
                resolve(jsonPart, SNAKE_CASE, c);
                return new RequestBody().required(true).content(new Content().addMediaType("multipart/form-data",
                        new MediaType().schema(resolve(form, SNAKE_CASE, c))));
            };
            return this;
        }

        Doc answers(Class<?> shape) {
            ModelConverters converters = shape.getPackageName().equals(OperationSchemas.class.getPackageName())
                    ? SNAKE_CASE : AS_ANNOTATED;
            answer = c -> jsonContent(resolve(shape, converters, c));
            return this;
        }

        Doc answers(String component) {
            answer = c -> jsonContent(ref(component));
            return this;
        }

        Doc answers(Schema<?> schema) {
            answer = c -> jsonContent(schema);
            return this;
        }

        /** Newline-delimited JSON: the schema is that of one line. */
        Doc answersLines(String mediaType, Class<?> line) {
            answer = c -> new Content().addMediaType(mediaType, new MediaType().schema(resolve(line, AS_ANNOTATED, c)
                    .description("one line: a JSON object, then a newline")));
            return this;
        }

        Doc answersBytes(String mediaType) {
            answer = c -> new Content().addMediaType(mediaType, new MediaType().schema(new BinarySchema()));
            return this;
        }

        /** Text of a media type, e.g. an HTML page. */
        Doc answersText(String mediaType, String description) {
            answer = c -> new Content().addMediaType(mediaType,
                    new MediaType().schema(new StringSchema().description(description)));
            return this;
        }

        /** A second answer shape (documented in the description: OpenAPI has one schema per status and type). */
        Doc alsoAnswers(Class<?> shape) {
            alternatives.add(shape);
            return this;
        }

        /** A component that an answer refers to by name. */
        Doc uses(Class<?> shape) {
            referenced.add(shape);
            return this;
        }

        Doc cookie(String name) {
            cookie = name;
            return this;
        }

        void apply(Operation operation, Map<String, Schema> components) {
            if (body != null) {
                operation.setRequestBody(body.apply(components));
            }
            if (cookie != null) {
                operation.addParametersItem(new Parameter().in("cookie").name(cookie).required(false)
                        .schema(new StringSchema()));
            }
            referenced.forEach(shape -> resolve(shape, SNAKE_CASE, components));
            if (answer == null && alternatives.isEmpty()) {
                return; // springdoc's answer stands
            }
            ApiResponse ok = operation.getResponses().computeIfAbsent("200", k -> new ApiResponse().description("OK"));
            if (answer != null) {
                ok.setContent(answer.apply(components));
            }
            if (!alternatives.isEmpty()) {
                List<Schema> oneOf = new ArrayList<>(List.of(ok.getContent().get(JSON).getSchema()));
                alternatives.forEach(shape -> oneOf.add(resolve(shape, SNAKE_CASE, components)));
                ok.setContent(jsonContent(new Schema<>().oneOf(oneOf)));
            }
        }
    }
}
