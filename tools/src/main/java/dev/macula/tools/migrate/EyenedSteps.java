package dev.macula.tools.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormAnnotationMessages.AttachFormAnnotationTagCommand;
import dev.macula.api.forms.FormAnnotationMessages.Attachment;
import dev.macula.api.forms.FormAnnotationMessages.CreateFormAnnotationCommand;
import dev.macula.api.forms.FormAnnotationMessages.DeactivateFormAnnotationCommand;
import dev.macula.api.forms.FormSchemaId;
import dev.macula.api.forms.FormSchemaMessages.CreateFormSchemaCommand;
import dev.macula.api.forms.FormSchemaMessages.EntityType;
import dev.macula.api.identity.UserCommands.RegisterUserCommand;
import dev.macula.api.identity.UserCommands.StarTagCommand;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.DeviceMessages;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceInstanceCommand;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceModelCommand;
import dev.macula.api.imaging.DeviceMessages.RegisterScanModeCommand;
import dev.macula.api.imaging.DeviceModelId;
import dev.macula.api.imaging.ImageProperties;
import dev.macula.api.imaging.ImagingCommands.AttachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.AttachStudyTagCommand;
import dev.macula.api.imaging.ImagingCommands.CreateProjectCommand;
import dev.macula.api.imaging.ImagingCommands.CreateSeriesCommand;
import dev.macula.api.imaging.ImagingCommands.DeactivateImageCommand;
import dev.macula.api.imaging.ImagingCommands.ImportImageCommand;
import dev.macula.api.imaging.ImagingCommands.RecordStudyCommand;
import dev.macula.api.imaging.ImagingCommands.RecordThumbnailsCommand;
import dev.macula.api.imaging.ImagingCommands.RegisterPatientCommand;
import dev.macula.api.imaging.ImagingEnums.EtdrsField;
import dev.macula.api.imaging.ImagingEnums.Laterality;
import dev.macula.api.imaging.ImagingEnums.Modality;
import dev.macula.api.imaging.ImagingEnums.ModalityType;
import dev.macula.api.imaging.ImagingEnums.Sex;
import dev.macula.api.imaging.ImagingEvents.ImagePreprocessedEvent;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.PatientId;
import dev.macula.api.imaging.ProjectId;
import dev.macula.api.imaging.SeriesId;
import dev.macula.api.imaging.StudyId;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.CreateFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.UpdateFeatureCommand;
import dev.macula.api.segmentation.ModelMessages;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.AttachSegmentationTagCommand;
import dev.macula.api.tagging.TagCommands.CreateTagCommand;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.CreateSubTaskCommand;
import dev.macula.api.tasks.SubTaskMessages.SubTaskState;
import dev.macula.api.tasks.SubTaskMessages.UpdateSubTaskCommand;
import dev.macula.api.tasks.TaskDefinitionId;
import dev.macula.api.tasks.TaskId;
import dev.macula.api.tasks.TaskMessages.CreateTaskCommand;
import dev.macula.api.tasks.TaskMessages.CreateTaskDefinitionCommand;
import dev.macula.api.tasks.TaskMessages.TaskState;
import dev.macula.api.tasks.TaskMessages.UpdateTaskCommand;
import dev.macula.tools.migrate.MigrationWriter.Actor;
import dev.macula.tools.migrate.MigrationWriter.Outcome;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of the original (docs/api.md §1.3) in an order that creates every referenced object before
 * its referrers, each row turned into the platform's ordinary creating command with the original id.
 */
public final class EyenedSteps {

    private final EyenedSource source;
    private final MigrationWriter writer;
    /** Creator id → name, for the actor of what each user made (the original names users by id only). */
    private final Map<Long, String> userNames = new ConcurrentHashMap<>();

    /** The hash given to users without any password in the original: of a random secret, made once. */
    private final String lockedHash;

    private final SegmentationSteps segmentations;
    private final AttributeSteps attributes;
    private final ThumbnailCopies thumbnails;

    EyenedSteps(EyenedSource source, MigrationWriter writer, String lockedHash, VoxelSource voxels,
                ThumbnailCopies thumbnails) {
        this.thumbnails = thumbnails;
        this.source = source;
        this.writer = writer;
        this.lockedHash = lockedHash;
        this.segmentations = new SegmentationSteps(writer, voxels, this::actor);
        this.attributes = new AttributeSteps(writer);
    }

    /** Tables the platform has no place for yet, and why: listed in the report, never silently dropped. */
    public static final Map<String, String> NOT_MIGRATED = Map.of(
            "Annotation", "legacy annotations have no API");

    List<Step> steps() {
        List<Step> steps = new java.util.ArrayList<>(List.of(
                Step.of("Creator", "select * from `Creator`", "CreatorID", this::user).creating(UserId::of),
                Step.of("Project", "select * from `Project`", "ProjectID", this::project).creating(ProjectId::of),
                Step.of("Patient", "select * from `Patient`", "PatientID", this::patient).creating(PatientId::of).inParallel(),
                Step.of("Study", "select * from `Study`", "StudyID", this::study).creating(StudyId::of).inParallel(),
                Step.of("Series", "select * from `Series`", "SeriesID", this::series).creating(SeriesId::of).inParallel(),
                Step.of("DeviceModel", "select * from `DeviceModel`", "DeviceModelID", this::deviceModel)
                        .creating(DeviceModelId::of),
                Step.of("DeviceInstance", "select * from `DeviceInstance`", "DeviceInstanceID", this::deviceInstance),
                Step.of("Scan", "select * from `Scan`", "ScanID", this::scanMode).creating(DeviceMessages::scanKey),
                Step.of("ImageInstance", """
                        select i.*, p.ProjectID as ProjectOfImage from `ImageInstance` i
                        join `Series` s on s.SeriesID = i.SeriesID join `Study` st on st.StudyID = s.StudyID
                        join `Patient` p on p.PatientID = st.PatientID""", "i.ImageInstanceID", this::image)
                        .creating(InstanceId::of).inParallel(),
                Step.of("Feature", "select * from `Feature`", "FeatureID", this::feature).creating(FeatureId::of),
                Step.of("CompositeFeature", "select distinct ParentFeatureID from `CompositeFeature`", "ParentFeatureID",
                        this::featureChildren),
                Step.of("Tag", "select * from `Tag`", "TagID", this::tag).creating(TagId::of),
                Step.of("CreatorTag", "select * from `CreatorTag`", "CreatorID", this::star).groupedByKey("TagID"),
                Step.of("StudyTag", "select * from `StudyTag`", "StudyID", this::studyTag).groupedByKey("TagID")
                        .inParallel(),
                Step.of("ImageInstanceTag", "select * from `ImageInstanceTag`", "ImageInstanceID", this::imageTag)
                        .groupedByKey("TagID").inParallel(),
                Step.of("TaskDefinition", "select * from `TaskDefinition`", "TaskDefinitionID", this::taskDefinition)
                        .creating(TaskDefinitionId::of),
                Step.of("Task", "select * from `Task`", "TaskID", this::task).creating(TaskId::of),
                Step.of("SubTask", "select * from `SubTask`", "SubTaskID", this::subTask).creating(SubTaskId::of).inParallel(),
                Step.of("FormSchema", "select * from `FormSchema`", "FormSchemaID", this::formSchema).creating(FormSchemaId::of),
                Step.of("FormAnnotation", "select * from `FormAnnotation`", "FormAnnotationID", this::formAnnotation)
                        .creating(FormAnnotationId::of),
                Step.of("FormAnnotationTag", "select * from `FormAnnotationTag`", "FormAnnotationID",
                        this::formAnnotationTag).groupedByKey("TagID").inParallel(),
                Step.of("Model", """
                        select m.*, sm.FeatureID from `Model` m join `SegmentationModel` sm on sm.ModelID = m.ModelID""",
                        "m.ModelID", segmentations::model).creating(ModelMessages::modelKey),
                Step.of("ModelSegmentation", """
                        select ms.*, m.ModelName, m.Version as ModelVersion from `ModelSegmentation` ms
                        left join `Model` m on m.ModelID = ms.ModelID""", "ms.ModelSegmentationID",
                        segmentations::modelSegmentation).creating(ModelMessages::modelSegmentationKey)
                        .inParallel(),
                Step.of("Segmentation", "select * from `Segmentation`", "SegmentationID", segmentations::migrate)
                        .creating(SegmentationId::of),
                Step.of("SegmentationTag", "select * from `SegmentationTag`", "SegmentationID", this::segmentationTag)
                        .groupedByKey("TagID").inParallel()));
        steps.addAll(attributes.steps()); // values name images, (model) segmentations, patients and studies
        return steps;
    }

    // --- identity ---

    private Outcome user(SourceRow row) {
        long id = row.id("CreatorID");
        String name = row.text("CreatorName");
        userNames.put(id, name);
        byte[] legacy = row.bytes("Password");
        String hash = row.text("PasswordHash");
        if (hash == null && legacy == null) {
            // the original lets such a user (an AI model, say) exist without a way to log in; the platform
            // needs a hash: one of a random secret nobody knows keeps the account closed
            hash = lockedHash;
        }
        return writer.sendOnce(UserId.of(id), new RegisterUserCommand(UserId.of(id), name, hash,
                        legacy == null ? null : HexFormat.of().formatHex(legacy), row.intOrNull("Role"),
                        row.text("Description")),
                MigrationWriter.MIGRATION, row.instant("DateInserted"), "Creator/" + id);
    }

    private Outcome star(SourceRow row) {
        long user = row.id("CreatorID");
        return writer.send(new StarTagCommand(UserId.of(user), TagId.of(row.id("TagID"))), actor(user),
                row.instant("DateInserted"), "CreatorTag/" + row.id("TagID") + "," + user);
    }

    // --- imaging ---

    private Outcome project(SourceRow row) {
        long id = row.id("ProjectID");
        return writer.sendOnce(ProjectId.of(id),
                new CreateProjectCommand(ProjectId.of(id), row.text("ProjectName"), row.text("External"),
                row.text("Description")), MigrationWriter.MIGRATION, row.instant("DateInserted"), "Project/" + id);
    }

    private Outcome patient(SourceRow row) {
        long id = row.id("PatientID");
        return writer.sendOnce(PatientId.of(id),
                new RegisterPatientCommand(PatientId.of(id), ProjectId.of(row.id("ProjectID")),
                        row.text("PatientIdentifier"), row.date("BirthDate"), enumOrNull(Sex.class, row.text("Sex"))),
                MigrationWriter.MIGRATION, row.instant("DateInserted"), "Patient/" + id);
    }

    private Outcome study(SourceRow row) {
        long id = row.id("StudyID");
        return writer.sendOnce(StudyId.of(id), new RecordStudyCommand(StudyId.of(id), PatientId.of(row.id("PatientID")),
                        row.date("StudyDate"), row.intOrNull("StudyRound"), row.text("StudyDescription")),
                MigrationWriter.MIGRATION, row.instant("DateInserted"), "Study/" + id);
    }

    private Outcome series(SourceRow row) {
        long id = row.id("SeriesID");
        return writer.sendOnce(SeriesId.of(id), new CreateSeriesCommand(SeriesId.of(id), StudyId.of(row.id("StudyID")),
                        row.intOrNull("SeriesNumber"), row.text("SeriesInstanceUid"), row.text("StudyInstanceUid")),
                MigrationWriter.MIGRATION, null, "Series/" + id); // the original keeps no time for a series
    }

    private Outcome deviceModel(SourceRow row) {
        long id = row.id("DeviceModelID");
        return writer.sendOnce(DeviceModelId.of(id),
                new RegisterDeviceModelCommand(DeviceModelId.of(id), row.text("Manufacturer"),
                row.text("ManufacturerModelName")), MigrationWriter.MIGRATION, null, "DeviceModel/" + id);
    }

    private Outcome deviceInstance(SourceRow row) {
        long id = row.id("DeviceInstanceID");
        return writer.send(new RegisterDeviceInstanceCommand(DeviceModelId.of(row.id("DeviceModelID")), id,
                        row.text("Description"), row.text("SerialNumber")), MigrationWriter.MIGRATION, null,
                "DeviceInstance/" + id);
    }

    /** A scan mode, which images name by ScanID (and show as {@code scan.mode}). */
    private Outcome scanMode(SourceRow row) throws Exception {
        long id = row.id("ScanID");
        if (writer.exists(DeviceMessages.scanKey(id))) {
            return Outcome.ALREADY;
        }
        return writer.send(new RegisterScanModeCommand(DeviceMessages.scanKey(id), id, row.text("ScanMode")),
                MigrationWriter.MIGRATION, null, "Scan/" + id);
    }

    private Outcome image(SourceRow row) {
        long id = row.id("ImageInstanceID");
        ImageProperties properties = new ImageProperties(
                enumOrNull(Laterality.class, row.text("Laterality")), enumOrNull(Modality.class, row.text("Modality")),
                enumOrNull(ModalityType.class, row.text("DICOMModality")), enumOrNull(EtdrsField.class, row.text("ETDRSField")),
                row.text("SOPInstanceUid"), row.text("SOPClassUid"), row.text("PhotometricInterpretation"),
                row.intOrNull("SamplesPerPixel"), row.intOrNull("Rows_y"), row.intOrNull("Columns_x"),
                row.intOrNull("NrOfFrames"), row.doubleOrNull("SliceThickness"), row.doubleOrNull("ResolutionAxial"),
                row.doubleOrNull("ResolutionHorizontal"), row.doubleOrNull("ResolutionVertical"),
                row.doubleOrNull("HorizontalFieldOfView"), row.intOrNull("AnatomicRegion"), row.intOrNull("Angiography"),
                row.dateTime("AcquisitionDateTime"), row.boolOrNull("PupilDilated"), row.longOrNull("SourceInfoID"),
                row.longOrNull("DeviceInstanceID"), row.longOrNull("ModalityID"), row.longOrNull("ScanID"),
                row.text("OldPath"), row.intOrNull("FDAIdentifier"), row.text("AltDatasetIdentifier"));
        Instant inserted = row.instant("DateInserted");
        JsonNode roi = row.json("CFROI");
        JsonNode keypoints = row.json("CFKeypoints");
        Double quality = row.doubleOrNull("CFQuality");
        LocalDateTime preprocessed = row.dateTime("DatePreprocessed");
        // preprocessing results come with the import, at their own time: one command, not two
        ImagePreprocessedEvent preprocessing = roi != null || keypoints != null || quality != null || preprocessed != null
                ? new ImagePreprocessedEvent(InstanceId.of(id), roi, keypoints, quality,
                preprocessed != null ? preprocessed : row.dateTime("DateInserted")) : null;
        Outcome outcome = writer.sendOnce(InstanceId.of(id),
                new ImportImageCommand(InstanceId.of(id), SeriesId.of(row.id("SeriesID")),
                        ProjectId.of(row.id("ProjectOfImage")), row.text("DatasetIdentifier"), properties, preprocessing),
                MigrationWriter.MIGRATION, inserted, "ImageInstance/" + id);
        if (outcome != Outcome.MIGRATED) {
            return outcome;
        }
        if (row.flag("Inactive")) {
            Instant modified = row.instant("DateModified");
            outcome = writer.send(new DeactivateImageCommand(InstanceId.of(id)), MigrationWriter.MIGRATION,
                    modified != null ? modified : inserted, "ImageInstance/" + id);
        }
        Optional<String> thumbnail = outcome == Outcome.MIGRATED ? thumbnails.carry(row.text("ThumbnailPath"))
                : Optional.empty();
        if (thumbnail.isPresent()) {
            outcome = writer.send(new RecordThumbnailsCommand(InstanceId.of(id), thumbnail.get(), null),
                    MigrationWriter.MIGRATION, inserted, "ImageInstance/" + id);
        }
        return outcome;
    }

    // --- features ---

    private Outcome feature(SourceRow row) {
        long id = row.id("FeatureID");
        return writer.sendOnce(FeatureId.of(id),
                new CreateFeatureCommand(FeatureId.of(id), row.text("FeatureName"), List.of()),
                MigrationWriter.MIGRATION, row.instant("DateInserted"), "Feature/" + id);
    }

    /** A parent's children in FeatureIndex order, after every feature exists. */
    private Outcome featureChildren(SourceRow row) throws SQLException {
        long parent = row.id("ParentFeatureID");
        List<FeatureId> children = source.all("""
                        select ChildFeatureID from `CompositeFeature` where ParentFeatureID = ? order by FeatureIndex""",
                        parent).stream().map(child -> FeatureId.of(child.id("ChildFeatureID"))).toList();
        String name = source.all("select FeatureName from `Feature` where FeatureID = ?", parent).getFirst()
                .text("FeatureName");
        return writer.send(new UpdateFeatureCommand(FeatureId.of(parent), name, children), MigrationWriter.MIGRATION,
                null, "CompositeFeature/" + parent);
    }

    // --- tags ---

    private Outcome tag(SourceRow row) {
        long id = row.id("TagID");
        long creator = row.id("CreatorID");
        return writer.sendOnce(TagId.of(id), new CreateTagCommand(TagId.of(id), row.text("TagName"),
                        TagType.valueOf(row.text("TagType")), row.text("TagDescription"), UserId.of(creator)),
                actor(creator), row.instant("DateInserted"), "Tag/" + id);
    }

    private Outcome studyTag(SourceRow row) {
        long tagger = row.id("CreatorID");
        return linkOutcome(writer.send(new AttachStudyTagCommand(StudyId.of(row.id("StudyID")), TagId.of(row.id("TagID")),
                UserId.of(tagger), row.text("Comment")), actor(tagger), row.instant("DateInserted"),
                "StudyTag/" + row.id("TagID") + "," + row.id("StudyID")));
    }

    private Outcome imageTag(SourceRow row) {
        long tagger = row.id("CreatorID");
        return linkOutcome(writer.send(new AttachInstanceTagCommand(InstanceId.of(row.id("ImageInstanceID")),
                        TagId.of(row.id("TagID")), UserId.of(tagger), row.text("Comment")), actor(tagger),
                row.instant("DateInserted"), "ImageInstanceTag/" + row.id("TagID") + "," + row.id("ImageInstanceID")));
    }

    private Outcome segmentationTag(SourceRow row) {
        long tagger = row.id("CreatorID");
        return linkOutcome(writer.send(new AttachSegmentationTagCommand(SegmentationId.of(row.id("SegmentationID")),
                        TagId.of(row.id("TagID")), UserId.of(tagger), row.text("Comment")), actor(tagger),
                row.instant("DateInserted"), "SegmentationTag/" + row.id("TagID") + "," + row.id("SegmentationID")));
    }

    private Outcome formAnnotationTag(SourceRow row) {
        long tagger = row.id("CreatorID");
        return linkOutcome(writer.send(new AttachFormAnnotationTagCommand(FormAnnotationId.of(row.id("FormAnnotationID")),
                        TagId.of(row.id("TagID")), UserId.of(tagger), row.text("Comment")), actor(tagger),
                row.instant("DateInserted"), "FormAnnotationTag/" + row.id("TagID") + "," + row.id("FormAnnotationID")));
    }

    /** A link is one row of a set the aggregate keeps: attaching it again is refused as a conflict. */
    private static Outcome linkOutcome(Outcome sent) {
        return sent instanceof MigrationWriter.Skipped skipped && skipped.reason().startsWith("409")
                ? Outcome.ALREADY : sent;
    }

    // --- tasks ---

    private Outcome taskDefinition(SourceRow row) {
        long id = row.id("TaskDefinitionID");
        return writer.sendOnce(TaskDefinitionId.of(id),
                new CreateTaskDefinitionCommand(TaskDefinitionId.of(id), row.text("TaskDefinitionName"),
                row.json("TaskConfig")), MigrationWriter.MIGRATION, row.instant("DateInserted"), "TaskDefinition/" + id);
    }

    private Outcome task(SourceRow row) {
        long id = row.id("TaskID");
        Long creator = row.longOrNull("CreatorID");
        Actor actor = creator == null ? MigrationWriter.MIGRATION : actor(creator);
        Instant at = row.instant("DateInserted");
        TaskDefinitionId definition = TaskDefinitionId.of(row.id("TaskDefinitionID"));
        Outcome created = writer.sendOnce(TaskId.of(id),
                new CreateTaskCommand(TaskId.of(id), row.text("TaskName"), row.text("Description"),
                row.longOrNull("ContactID"), definition, creator == null ? null : UserId.of(creator)), actor, at, "Task/" + id);
        TaskState state = enumOrNull(TaskState.class, row.text("TaskState"));
        if (created instanceof MigrationWriter.Skipped || state == null || state == TaskState.NotStarted) {
            return created;
        }
        // also after an earlier run (it may have stopped between the two): the aggregate ignores a state it has
        Outcome stated = writer.send(new UpdateTaskCommand(TaskId.of(id), null, null, null, null, state), actor, at,
                "Task/" + id);
        return stated instanceof MigrationWriter.Skipped ? stated : created;
    }

    private Outcome subTask(SourceRow row) throws SQLException {
        long id = row.id("SubTaskID");
        List<InstanceId> images = source.all("select ImageInstanceID from `SubTaskImageLink` where SubTaskID = ? "
                + "order by ImageInstanceID", id).stream().map(link -> InstanceId.of(link.id("ImageInstanceID"))).toList();
        Long grader = row.longOrNull("CreatorID");
        Outcome created = writer.sendOnce(SubTaskId.of(id),
                new CreateSubTaskCommand(SubTaskId.of(id), TaskId.of(row.id("TaskID")), grader,
                row.text("Comments"), images), MigrationWriter.MIGRATION, null, "SubTask/" + id);
        SubTaskState state = enumOrNull(SubTaskState.class, row.text("TaskState"));
        if (created instanceof MigrationWriter.Skipped || state == null || state == SubTaskState.NotStarted) {
            return created;
        }
        Outcome stated = writer.send(new UpdateSubTaskCommand(SubTaskId.of(id), null, state),
                grader == null ? MigrationWriter.MIGRATION : actor(grader), null, "SubTask/" + id);
        return stated instanceof MigrationWriter.Skipped ? stated : created;
    }

    // --- forms ---

    private Outcome formSchema(SourceRow row) {
        long id = row.id("FormSchemaID");
        return writer.sendOnce(FormSchemaId.of(id),
                new CreateFormSchemaCommand(FormSchemaId.of(id), row.text("SchemaName"), row.json("Schema"),
                enumOrNull(EntityType.class, row.text("EntityType"))), MigrationWriter.MIGRATION, null, "FormSchema/" + id);
    }

    private Outcome formAnnotation(SourceRow row) {
        long id = row.id("FormAnnotationID");
        long creator = row.id("CreatorID");
        JsonNode data = row.json("FormData");
        Attachment attachment = new Attachment(row.longOrNull("FormSchemaID"), row.longOrNull("PatientID"),
                row.longOrNull("StudyID"), row.longOrNull("ImageInstanceID"), row.text("Laterality"),
                row.longOrNull("SubTaskID"), row.longOrNull("FormAnnotationReferenceID"));
        Outcome created = writer.sendOnce(FormAnnotationId.of(id),
                new CreateFormAnnotationCommand(FormAnnotationId.of(id), attachment, data,
                UserId.of(creator)), actor(creator), row.instant("DateInserted"), "FormAnnotation/" + id);
        if (created != Outcome.MIGRATED || !row.flag("Inactive")) {
            return created;
        }
        Instant modified = row.instant("DateModified");
        return writer.send(new DeactivateFormAnnotationCommand(FormAnnotationId.of(id)), actor(creator),
                modified != null ? modified : row.instant("DateInserted"), "FormAnnotation/" + id);
    }

    // --- helpers ---

    /** The user as the actor of what they did; an id the original does not know is shown by number. */
    Actor actor(long userId) {
        String name = userNames.get(userId);
        return new Actor(userId, name != null ? name : "user " + userId);
    }

    /** Loads the users' names when a rerun starts after the users' step. */
    void rememberUsers() throws SQLException {
        for (SourceRow user : source.all("select CreatorID, CreatorName from `Creator`")) {
            userNames.put(user.id("CreatorID"), user.text("CreatorName"));
        }
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + value + "' is not a " + type.getSimpleName());
        }
    }
}
