package dev.macula.tools.synthetic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormAnnotationMessages.Attachment;
import dev.macula.api.forms.FormAnnotationMessages.AttachFormAnnotationTagCommand;
import dev.macula.api.forms.FormAnnotationMessages.CreateFormAnnotationCommand;
import dev.macula.api.forms.FormSchemaId;
import dev.macula.api.forms.FormSchemaMessages.CreateFormSchemaCommand;
import dev.macula.api.forms.FormSchemaMessages.EntityType;
import dev.macula.api.identity.UserCommands.RegisterUserCommand;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.DeviceMessages;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceInstanceCommand;
import dev.macula.api.imaging.DeviceMessages.RegisterDeviceModelCommand;
import dev.macula.api.imaging.DeviceModelId;
import dev.macula.api.imaging.ImageProperties;
import dev.macula.api.imaging.ImagingCommands.AttachInstanceTagCommand;
import dev.macula.api.imaging.ImagingCommands.AttachStudyTagCommand;
import dev.macula.api.imaging.ImagingCommands.CreateProjectCommand;
import dev.macula.api.imaging.ImagingCommands.CreateSeriesCommand;
import dev.macula.api.imaging.ImagingCommands.ImportImageCommand;
import dev.macula.api.imaging.ImagingCommands.RecordStudyCommand;
import dev.macula.api.imaging.ImagingCommands.RegisterPatientCommand;
import dev.macula.api.imaging.ImagingEnums.EtdrsField;
import dev.macula.api.imaging.ImagingEnums.Laterality;
import dev.macula.api.imaging.ImagingEnums.Modality;
import dev.macula.api.imaging.ImagingEnums.Sex;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.PatientId;
import dev.macula.api.imaging.ProjectId;
import dev.macula.api.imaging.SeriesId;
import dev.macula.api.imaging.StudyId;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.CreateFeatureCommand;
import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.AttachSegmentationTagCommand;
import dev.macula.api.segmentation.SegmentationMessages.CreateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.Geometry;
import dev.macula.api.tagging.TagCommands.CreateTagCommand;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagType;
import dev.macula.command.common.IdAllocator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Generates a realistic imaging world through the ordinary commands (so through the aggregates,
 * the event store and every projection) for benchmarks and for tests that need volume: a project,
 * patients with two studies each, images with laterality, modality, ETDRS field and device, image
 * and study tags, grader segmentations (some tagged) and form annotations (some tagged). Images are
 * registered as {@code .json} datasets, which by contract get no thumbnails, and segmentations carry
 * no voxel data: neither matters to search.
 */
@Component
public class SyntheticImages {

    /** What to generate; shares are per image (per study for study tags). */
    public record Plan(String project, int images, int imagesPerStudy, double taggedShare, double segmentedShare,
                       double formShare, long seed) {

        public static Plan plain(String project, int images) {
            return new Plan(project, images, 50, 0, 0, 0, 1);
        }

        public static Plan realistic(String project, int images) {
            return new Plan(project, images, 4, 0.4, 0.2, 0.1, 7);
        }
    }

    /** {@code searchableImageIds}: the images with a modality, which instance search can return (docs/api.md §4.3). */
    public record Result(long projectId, List<Long> imageIds, List<Long> searchableImageIds, List<String> imageTags,
                         List<String> features, long commands) {
    }

    private static final Modality[] MODALITIES = {Modality.ColorFundus, Modality.ColorFundus, Modality.OCT,
            Modality.Autofluorescence, Modality.InfraredReflectance, Modality.FluoresceinAngiography};

    private final CommandGateway commands;
    private final IdAllocator ids;

    SyntheticImages(CommandGateway commands, IdAllocator ids) {
        this.commands = commands;
        this.ids = ids;
    }

    public Result generate(Plan plan, int threads, IntConsumer progress) throws Exception {
        AtomicLong sent = new AtomicLong();
        Random random = new Random(plan.seed());
        String p = plan.project();
        ProjectId project = ProjectId.of(ids.next(ProjectId.TYPE));
        send(sent, new CreateProjectCommand(project, p, "Y", "synthetic"));
        List<UserId> graders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UserId user = UserId.of(ids.next(UserId.TYPE));
            send(sent, new RegisterUserCommand(user, p + "-grader-" + i, "$synthetic$no-login", null, null, null));
            graders.add(user);
        }
        List<String> imageTagNames = new ArrayList<>();
        List<TagId> imageTags = tags(sent, p + "-image-tag-", 20, TagType.ImageInstance, graders.getFirst(), imageTagNames);
        List<TagId> segmentationTags = tags(sent, p + "-seg-tag-", 5, TagType.Segmentation, graders.getFirst(), null);
        List<TagId> formTags = tags(sent, p + "-form-tag-", 5, TagType.FormAnnotation, graders.getFirst(), null);
        List<TagId> studyTags = tags(sent, p + "-study-tag-", 5, TagType.Study, graders.getFirst(), null);
        List<String> featureNames = new ArrayList<>();
        List<FeatureId> features = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            FeatureId feature = FeatureId.of(ids.next(FeatureId.TYPE));
            featureNames.add(p + "-feature-" + i);
            send(sent, new CreateFeatureCommand(feature, featureNames.getLast(), List.of()));
            features.add(feature);
        }
        List<Long> schemas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            FormSchemaId schema = FormSchemaId.of(ids.next(FormSchemaId.TYPE));
            send(sent, new CreateFormSchemaCommand(schema, p + "-schema-" + i,
                    JsonNodeFactory.instance.objectNode().put("type", "object"), EntityType.ImageInstance));
            schemas.add(schema.value());
        }
        List<Long> devices = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DeviceModelId model = DeviceModelId.of(ids.next(DeviceModelId.TYPE));
            send(sent, new RegisterDeviceModelCommand(model, p + "-maker-" + i, "Model " + i));
            long instance = ids.next(DeviceMessages.DEVICE_INSTANCE_TYPE);
            send(sent, new RegisterDeviceInstanceCommand(model, instance, "Room " + i, null));
            devices.add(instance);
        }

        int perPatient = plan.imagesPerStudy() * 2;
        int patients = (plan.images() + perPatient - 1) / perPatient;
        List<Long> imageIds = Collections.synchronizedList(new ArrayList<>());
        List<Long> searchable = Collections.synchronizedList(new ArrayList<>());
        AtomicLong created = new AtomicLong();
        List<Future<?>> work = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofVirtual().factory())) {
            for (int n = 0; n < patients; n++) {
                int patientNumber = n;
                long patientSeed = random.nextLong();
                work.add(pool.submit(() -> {
                    Random r = new Random(patientSeed);
                    PatientId patient = PatientId.of(ids.next(PatientId.TYPE));
                    LocalDate birth = r.nextInt(10) == 0 ? null : LocalDate.of(1930 + r.nextInt(60), 1 + r.nextInt(12),
                            1 + r.nextInt(28));
                    send(sent, new RegisterPatientCommand(patient, project, p + "-P" + patientNumber, birth,
                            r.nextBoolean() ? Sex.F : Sex.M));
                    LocalDate firstVisit = LocalDate.of(2005 + r.nextInt(20), 1 + r.nextInt(12), 1 + r.nextInt(28));
                    for (int s = 0; s < 2; s++) {
                        int remaining = (int) (plan.images() - created.get());
                        if (remaining <= 0) {
                            return null;
                        }
                        StudyId study = StudyId.of(ids.next(StudyId.TYPE));
                        send(sent, new RecordStudyCommand(study, patient, firstVisit.plusDays(s * (200L + r.nextInt(400))),
                                s + 1, "visit " + (s + 1)));
                        if (r.nextDouble() < plan.taggedShare() / 2) {
                            send(sent, new AttachStudyTagCommand(study, pick(r, studyTags), pick(r, graders), null));
                        }
                        SeriesId series = SeriesId.of(ids.next(SeriesId.TYPE));
                        send(sent, new CreateSeriesCommand(series, study, 1, null, p + "." + patientNumber + "." + s));
                        for (int i = 0; i < plan.imagesPerStudy(); i++) {
                            if (created.incrementAndGet() > plan.images()) {
                                return null;
                            }
                            InstanceId image = InstanceId.of(ids.next(InstanceId.TYPE));
                            ImageProperties properties = properties(r, devices);
                            send(sent, new ImportImageCommand(image, series, project,
                                    "synthetic/" + p + "/" + image.value() + ".json", properties));
                            imageIds.add(image.value());
                            if (properties.modality() != null) {
                                searchable.add(image.value());
                            }
                            decorate(sent, r, plan, image, patient, study, graders, imageTags, segmentationTags,
                                    formTags, features, schemas);
                            if (progress != null) {
                                progress.accept((int) Math.min(plan.images(), created.get()));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        }
        List<Long> sorted = new ArrayList<>(imageIds);
        Collections.sort(sorted);
        List<Long> sortedSearchable = new ArrayList<>(searchable);
        Collections.sort(sortedSearchable);
        return new Result(project.value(), sorted, sortedSearchable, imageTagNames, featureNames, sent.get());
    }

    private void decorate(AtomicLong sent, Random r, Plan plan, InstanceId image, PatientId patient, StudyId study,
                          List<UserId> graders, List<TagId> imageTags, List<TagId> segmentationTags,
                          List<TagId> formTags, List<FeatureId> features, List<Long> schemas) {
        if (r.nextDouble() < plan.taggedShare()) {
            List<TagId> chosen = new ArrayList<>(imageTags);
            Collections.shuffle(chosen, r);
            for (TagId tag : chosen.subList(0, 1 + r.nextInt(2))) {
                send(sent, new AttachInstanceTagCommand(image, tag, pick(r, graders), null));
            }
        }
        if (r.nextDouble() < plan.segmentedShare()) {
            SegmentationId segmentation = SegmentationId.of(ids.next(SegmentationId.TYPE));
            send(sent, new CreateSegmentationCommand(segmentation, image, pick(r, features), pick(r, graders), null,
                    new Geometry(DataRepresentation.Binary, Datatype.R8UI, 1, 8, 8, null, null, null), null, null,
                    "synthetic", 0));
            if (r.nextDouble() < 0.3) {
                send(sent, new AttachSegmentationTagCommand(segmentation, pick(r, segmentationTags), pick(r, graders),
                        null));
            }
        }
        if (r.nextDouble() < plan.formShare()) {
            FormAnnotationId form = FormAnnotationId.of(ids.next(FormAnnotationId.TYPE));
            send(sent, new CreateFormAnnotationCommand(form, new Attachment(pick(r, schemas), patient.value(),
                    study.value(), image.value(), null, null, null), JsonNodeFactory.instance.objectNode(),
                    pick(r, graders)));
            if (r.nextDouble() < 0.3) {
                send(sent, new AttachFormAnnotationTagCommand(form, pick(r, formTags), pick(r, graders), null));
            }
        }
    }

    private static ImageProperties properties(Random r, List<Long> devices) {
        Modality modality = r.nextInt(20) == 0 ? null : MODALITIES[r.nextInt(MODALITIES.length)];
        return new ImageProperties(r.nextBoolean() ? Laterality.L : Laterality.R, modality, null,
                modality == Modality.ColorFundus ? EtdrsField.values()[r.nextInt(7)] : null, null, null, null, null,
                1934, 2576, 1, null, null, null, null, null, null, null, null, null, null,
                r.nextInt(4) == 0 ? null : devices.get(r.nextInt(devices.size())), null, null, null, null, null);
    }

    private List<TagId> tags(AtomicLong sent, String prefix, int count, TagType type, UserId creator,
                             List<String> names) {
        List<TagId> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TagId tag = TagId.of(ids.next(TagId.TYPE));
            send(sent, new CreateTagCommand(tag, prefix + i, type, "synthetic", creator));
            tags.add(tag);
            if (names != null) {
                names.add(prefix + i);
            }
        }
        return tags;
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private void send(AtomicLong sent, Object command) {
        commands.sendAndWait(command);
        sent.incrementAndGet();
    }
}
