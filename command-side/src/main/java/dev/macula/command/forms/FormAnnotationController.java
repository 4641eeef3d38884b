package dev.macula.command.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormAnnotationView;
import dev.macula.api.forms.FormValidation;
import dev.macula.api.forms.FormAnnotationMessages.Attachment;
import dev.macula.api.forms.FormAnnotationMessages.CreateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.DeactivateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.FindFormAnnotationQuery;
import dev.macula.api.forms.FormAnnotationMessages.ReplaceFormDataCommand;
import dev.macula.api.forms.FormAnnotationMessages.UpdateFormAnnotationCommand;
import dev.macula.api.imaging.ImagingEnums.Laterality;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagType;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import dev.macula.command.common.ReadModel;
import dev.macula.command.forms.FormLookups.ImagePlace;
import dev.macula.command.tagging.TagLinkCommands;
import dev.macula.command.tagging.TagLinkEndpoints;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes on form annotations (docs/api.md §3.5, docs/api.md §7.3) with the checks the original lacks: every
 * referenced object exists, study and image belong to the patient, laterality agrees with the image
 * (and defaults to it). {@code form_data} is stored whatever it says: the viewer creates forms with
 * {@code {}} and autosaves partial answers, ignoring the answer (docs/api.md §7.2), so refusing would
 * lose its edits. The read model reports each form's validity instead, and a sub-task cannot become
 * Ready while one of its forms is invalid. Schemas with {@code "x-macula-strict": true} (API-only
 * workflows) refuse saves that do not validate: 422 listing the violations.
 */
@RestController
class FormAnnotationController {

    private static final String NOT_FOUND = "FormAnnotation not found";

    private final CommandDispatcher commands;
    private final IdAllocator ids;
    private final FormLookups lookups;
    private final TagLinkEndpoints links;
    private final ObjectMapper mapper;
    private final QueryGateway queries;

    FormAnnotationController(CommandDispatcher commands, IdAllocator ids, FormLookups lookups, TagLinkEndpoints links,
                             ObjectMapper mapper, QueryGateway queries) {
        this.queries = queries;
        this.commands = commands;
        this.ids = ids;
        this.lookups = lookups;
        this.links = links;
        this.mapper = mapper;
    }

    @PostMapping("/api/form-annotations")
    FormAnnotationView create(JsonBody body, @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        Long schema = body.requiredInt("form_schema_id");
        Long patient = body.requiredInt("patient_id");
        Attachment given = attachment(body, schema, patient);
        JsonNode formData = body.raw("form_data");
        body.validate();
        Attachment checked = check(given);
        refuseIfStrict(checked.formSchemaId(), formData);
        FormAnnotationId id = FormAnnotationId.of(ids.next(FormAnnotationId.TYPE));
        commands.send(new CreateFormAnnotationCommand(id, checked, formData == null || formData.isNull() ? null : formData,
                user.userId()));
        return row(id.value());
    }

    /** Non-null fields replace; the result must still be consistent. */
    @PatchMapping("/api/form-annotations/{annotation_id}")
    FormAnnotationView update(@PathVariable("annotation_id") long id, JsonBody body) {
        Attachment patch = attachment(body, body.optionalInt("form_schema_id"), body.optionalInt("patient_id"));
        JsonNode formData = body.raw("form_data");
        body.validate();
        Attachment current = current(id);
        Attachment merged = new Attachment(or(patch.formSchemaId(), current.formSchemaId()),
                or(patch.patientId(), current.patientId()), or(patch.studyId(), current.studyId()),
                or(patch.imageInstanceId(), current.imageInstanceId()), or(patch.laterality(), current.laterality()),
                or(patch.subTaskId(), current.subTaskId()),
                or(patch.formAnnotationReferenceId(), current.formAnnotationReferenceId()));
        Attachment checked = check(merged);
        if (formData != null && !formData.isNull()) {
            refuseIfStrict(checked.formSchemaId(), formData);
        }
        commands.send(new UpdateFormAnnotationCommand(FormAnnotationId.of(id), checked, formData), NOT_FOUND);
        return row(id);
    }

    @DeleteMapping("/api/form-annotations/{annotation_id}")
    ResponseEntity<Void> delete(@PathVariable("annotation_id") long id) {
        current(id);
        commands.send(new DeactivateFormAnnotationCommand(FormAnnotationId.of(id)), NOT_FOUND);
        return ResponseEntity.noContent().build();
    }

    /** The viewer's autosave: any JSON value, stored (validated only for strict schemas); 204. */
    @PutMapping("/api/form-annotations/{form_annotation_id}/value")
    ResponseEntity<Void> replaceValue(@PathVariable("form_annotation_id") long id, HttpServletRequest request)
            throws IOException {
        Attachment current = current(id);
        byte[] raw = request.getInputStream().readAllBytes();
        JsonNode value;
        try {
            value = raw.length == 0 ? null : mapper.readTree(raw);
        } catch (IOException e) {
            throw new RequestValidationException(new ValidationError("json_invalid", List.of("body", 0),
                    "JSON decode error", Map.of(), Map.of("error", e.getMessage())));
        }
        if (value == null) {
            throw new RequestValidationException(ValidationError.of("missing", List.of("body"), "Field required", null));
        }
        if (!value.isNull()) {
            refuseIfStrict(current.formSchemaId(), value);
        }
        commands.send(new ReplaceFormDataCommand(FormAnnotationId.of(id), value), NOT_FOUND);
        return ResponseEntity.noContent().build();
    }

    private static TagLinkEndpoints.LinkCommands form(long id, CurrentUser user) {
        return TagLinkCommands.of(TagType.FormAnnotation, id, user == null ? null : user.userId());
    }

    @PostMapping("/api/form-annotations/{annotation_id}/tags")
    TagMeta attachTag(@PathVariable("annotation_id") long id, JsonBody body,
                      @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        return links.attach(id, body, form(id, user));
    }

    @PatchMapping("/api/form-annotations/{annotation_id}/tags/{tag_id}")
    TagMeta commentTag(@PathVariable("annotation_id") long id, @PathVariable("tag_id") long tagId, JsonBody body) {
        return links.comment(id, tagId, body, form(id, null));
    }

    @DeleteMapping("/api/form-annotations/{annotation_id}/tags/{tag_id}")
    ResponseEntity<Void> detachTag(@PathVariable("annotation_id") long id, @PathVariable("tag_id") long tagId) {
        links.detach(id, tagId, form(id, null));
        return ResponseEntity.noContent().build();
    }

    private static Attachment attachment(JsonBody body, Long schema, Long patient) {
        Long study = body.optionalInt("study_id");
        Long image = body.optionalInt("image_instance_id");
        Laterality laterality = body.optionalEnum("laterality", Laterality.class);
        Long subTask = body.optionalInt("sub_task_id");
        Long reference = body.optionalInt("form_annotation_reference_id");
        return new Attachment(schema, patient, study, image, laterality == null ? null : laterality.name(), subTask,
                reference);
    }

    /** Existence and agreement of everything the form is attached to; laterality defaults to the image's. */
    private Attachment check(Attachment a) {
        require(a.formSchemaId() != null && lookups.exists(ReadModel.FORM_SCHEMA, a.formSchemaId()), "form_schema_id",
                "form schema does not exist", a.formSchemaId());
        require(a.patientId() != null && lookups.exists(ReadModel.PATIENT, a.patientId()), "patient_id",
                "patient does not exist", a.patientId());
        if (a.studyId() != null) {
            Long owner = lookups.patientOfStudy(a.studyId()).orElse(null);
            require(owner != null, "study_id", "study does not exist", a.studyId());
            require(owner.equals(a.patientId()), "study_id", "the study belongs to another patient", a.studyId());
        }
        String laterality = a.laterality();
        if (a.imageInstanceId() != null) {
            ImagePlace image = lookups.imagePlace(a.imageInstanceId()).orElse(null);
            require(image != null, "image_instance_id", "image does not exist", a.imageInstanceId());
            require(Objects.equals(image.patientId(), a.patientId()), "image_instance_id",
                    "the image belongs to another patient", a.imageInstanceId());
            require(a.studyId() == null || Objects.equals(image.studyId(), a.studyId()),
                    "image_instance_id", "the image belongs to another study", a.imageInstanceId());
            String imageLaterality = image.laterality();
            require(laterality == null || laterality.equals(imageLaterality), "laterality",
                    "the image's laterality is " + imageLaterality, laterality);
            laterality = imageLaterality;
        }
        if (a.subTaskId() != null) {
            require(lookups.exists(ReadModel.SUBTASK, a.subTaskId()), "sub_task_id", "sub-task does not exist",
                    a.subTaskId());
        }
        if (a.formAnnotationReferenceId() != null) {
            require(lookups.exists(ReadModel.FORM_ANNOTATION, a.formAnnotationReferenceId()),
                    "form_annotation_reference_id", "form annotation does not exist", a.formAnnotationReferenceId());
        }
        return new Attachment(a.formSchemaId(), a.patientId(), a.studyId(), a.imageInstanceId(), laterality,
                a.subTaskId(), a.formAnnotationReferenceId());
    }

    /** Strict schemas only: form_data must satisfy the schema, else 422 with every violation's location. */
    private void refuseIfStrict(long schemaId, JsonNode formData) {
        if (formData == null || formData.isNull()) {
            return;
        }
        String text = lookups.schemaText(schemaId);
        JsonNode schema;
        try {
            schema = text == null ? null : mapper.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (!FormValidation.strict(schema)) {
            return;
        }
        List<ValidationError> errors = new ArrayList<>();
        for (FormValidation.Problem problem : FormValidation.validate(schema, formData).errors()) {
            List<Object> loc = new ArrayList<>(List.of("body", "form_data"));
            for (String token : problem.path().split("/")) {
                if (!token.isEmpty()) {
                    loc.add(token.replace("~1", "/").replace("~0", "~"));
                }
            }
            errors.add(ValidationError.of("json_schema", loc, problem.message(), null));
        }
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors);
        }
    }

    private Attachment current(long id) {
        return lookups.attachment(id).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
    }

    /** FormAnnotationGET as the query side builds it (the command committed before). */
    private FormAnnotationView row(long id) {
        return queries.query(new FindFormAnnotationQuery(FormAnnotationId.of(id)),
                ResponseTypes.instanceOf(FormAnnotationView.class)).join();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void require(boolean condition, String field, String message, Object input) {
        if (!condition) {
            throw new RequestValidationException(ValidationError.of("value_error", List.of("body", field),
                    "Value error, " + message, input));
        }
    }
}
