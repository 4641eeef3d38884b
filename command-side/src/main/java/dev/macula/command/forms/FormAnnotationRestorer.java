package dev.macula.command.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormAnnotationMessages.Attachment;
import dev.macula.api.forms.FormAnnotationMessages.DeactivateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.FindFormAnnotationQuery;
import dev.macula.api.forms.FormAnnotationMessages.ReactivateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.ReplaceFormDataCommand;
import dev.macula.api.forms.FormAnnotationMessages.UpdateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationView;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.command.tagging.TagSetRestorer;
import dev.macula.command.timetravel.RestoreSupport;
import dev.macula.command.timetravel.StateRestorer;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * A form annotation as it was ({@code POST /api/form-annotations/{id}/revert}): form data, what it is
 * attached to, active flag and tags; a deleted form comes back.
 */
@Component
class FormAnnotationRestorer extends StateRestorer<FormAnnotationRestorer.State> {

    private final QueryGateway queries;
    private final FormLookups lookups;
    private final TagSetRestorer tags;

    FormAnnotationRestorer(RestoreSupport support, QueryGateway queries, FormLookups lookups, TagSetRestorer tags) {
        super(support);
        this.queries = queries;
        this.lookups = lookups;
        this.tags = tags;
    }

    record State(FormAnnotationView view, boolean inactive) {

        /** Empty data as JSON null, however the view spells it. */
        JsonNode formData() {
            return view.formData() == null ? NullNode.getInstance() : view.formData();
        }

        Attachment attachment() {
            return new Attachment(view.formSchemaId(), view.patientId(), view.studyId(), view.imageInstanceId(),
                    view.laterality(), view.subTaskId(), view.formAnnotationReferenceId());
        }
    }

    @Override
    public String entityType() {
        return FormAnnotationId.TYPE;
    }

    @Override
    protected State read(long id) {
        FormAnnotationView view = id <= 0 ? null : queries.query(new FindFormAnnotationQuery(FormAnnotationId.of(id)),
                ResponseTypes.instanceOf(FormAnnotationView.class)).join();
        return view == null ? null : new State(view, lookups.inactive(id));
    }

    @Override
    protected List<Object> commands(long id, State past, State now) {
        FormAnnotationId form = FormAnnotationId.of(id);
        List<Object> commands = new ArrayList<>();
        if (!past.inactive() && now.inactive()) {
            commands.add(new ReactivateFormAnnotationCommand(form));
        }
        if (!past.attachment().equals(now.attachment())) {
            commands.add(new UpdateFormAnnotationCommand(form, past.attachment(), null));
        }
        if (!past.formData().equals(now.formData())) {
            commands.add(new ReplaceFormDataCommand(form, past.formData()));
        }
        commands.addAll(tags.commands(new TaggedObject(TagType.FormAnnotation, id), past.view().tags(),
                now.view().tags()));
        if (past.inactive() && !now.inactive()) {
            commands.add(new DeactivateFormAnnotationCommand(form));
        }
        return commands;
    }

    @Override
    protected List<Object> removal(long id, State now) {
        return now.inactive() ? List.of() : List.of(new DeactivateFormAnnotationCommand(FormAnnotationId.of(id)));
    }

    @Override
    protected String notFound() {
        return "FormAnnotation not found";
    }

    @Override
    protected String kind() {
        return "FormAnnotation";
    }
}
