package dev.macula.command.imaging;

import dev.macula.api.imaging.ImageProperties;
import dev.macula.api.imaging.ImagingCommands.CreateProjectCommand;
import dev.macula.api.imaging.ImagingCommands.CreateSeriesCommand;
import dev.macula.api.imaging.ImagingCommands.ImportImageCommand;
import dev.macula.api.imaging.ImagingCommands.RecordStudyCommand;
import dev.macula.api.imaging.ImagingCommands.RegisterPatientCommand;
import dev.macula.api.imaging.ImagingEnums.EtdrsField;
import dev.macula.api.imaging.ImagingEnums.Laterality;
import dev.macula.api.imaging.ImagingEnums.Modality;
import dev.macula.api.imaging.ImagingEnums.ModalityType;
import dev.macula.api.imaging.ImagingEnums.Sex;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.PatientId;
import dev.macula.api.imaging.ProjectId;
import dev.macula.api.imaging.SeriesId;
import dev.macula.api.imaging.StudyId;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import dev.macula.command.common.ReadModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Set;

/**
 * The import algorithm of docs/api.md §5.3 with the docs/api.md §9.2 fixes. All commands of one import run in one
 * database transaction (each command's unit of work joins it), so a failure at any step leaves
 * nothing behind: no project, patient, study or series without its image.
 */
@Component
class ImageImporter {

    private static final Set<String> PATIENT_KEYS = Set.of("BirthDate", "Sex");
    private static final Set<String> STUDY_KEYS = Set.of("StudyRound", "StudyDescription");
    private static final Set<String> SERIES_KEYS = Set.of("SeriesNumber", "SeriesInstanceUid", "StudyInstanceUid");
    private static final Set<String> IMAGE_KEYS = Set.of("Modality", "SOPInstanceUid", "SOPClassUid",
            "PhotometricInterpretation", "SamplesPerPixel", "NrOfFrames", "SliceThickness", "Rows_y", "Columns_x",
            "Laterality", "DICOMModality", "AnatomicRegion", "ETDRSField", "Angiography", "AcquisitionDateTime",
            "PupilDilated", "HorizontalFieldOfView", "ResolutionAxial", "ResolutionHorizontal", "ResolutionVertical",
            "SourceInfoID", "DeviceInstanceID", "ModalityID", "ScanID", "OldPath", "FDAIdentifier",
            "AltDatasetIdentifier");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandDispatcher commands;
    private final IdAllocator ids;
    private final ImportLookups lookups;
    private final TransactionTemplate transaction;
    private final Path imagesRoot;

    ImageImporter(CommandDispatcher commands, IdAllocator ids, ImportLookups lookups, TransactionTemplate transaction,
                  @Value("${macula.images-basepath}") Path imagesRoot) {
        this.commands = commands;
        this.ids = ids;
        this.lookups = lookups;
        this.transaction = transaction;
        this.imagesRoot = imagesRoot;
    }

    /** Imports one image; returns its new id. Throws {@link ImportFailure} with the user-facing message. */
    long importImage(ImportRequest request) {
        ImageLocation image = ImageLocation.resolve(imagesRoot, request.image());
        String datasetIdentifier = image.datasetIdentifier();
        ImageProperties properties = imageProperties(request, image);
        return transaction.execute(status -> {
            long projectId = project(request);
            long patientId = patient(request, projectId);
            LocalDate studyDate = request.studyDate();
            long studyId = study(request, patientId, studyDate);
            long seriesId = series(request, studyId, studyDate);
            rejectDuplicates(datasetIdentifier, properties);
            InstanceId instanceId = InstanceId.of(ids.next(InstanceId.TYPE));
            commands.send(new ImportImageCommand(instanceId, SeriesId.of(seriesId), ProjectId.of(projectId),
                    datasetIdentifier, properties));
            return instanceId.value();
        });
    }

    private long project(ImportRequest request) {
        return lookups.project(request.projectName()).orElseGet(() -> {
            if (!request.createProject()) {
                throw new ImportFailure("Project with name '" + request.projectName()
                        + "' not found and create_projects=False");
            }
            ProjectId projectId = ProjectId.of(ids.next(ProjectId.TYPE));
            commands.send(new CreateProjectCommand(projectId, request.projectName(), "Y", null));
            return projectId.value();
        });
    }

    private long patient(ImportRequest request, long projectId) {
        String identifier = request.patientIdentifier();
        java.util.Optional<Long> existing = identifier == null ? java.util.Optional.empty()
                : lookups.patient(projectId, identifier);
        return existing.orElseGet(() -> {
            if (!request.createPatients()) {
                throw new ImportFailure("Patient with identifier '" + (identifier == null ? "None" : identifier)
                        + "' not found and create_patients=False");
            }
            ImportProps props = ImportProps.read("Patient", request.patientProps(), PATIENT_KEYS,
                    Set.of("PatientIdentifier"));
            String newIdentifier = identifier != null ? identifier : randomIdentifier();
            PatientId patientId = PatientId.of(ids.next(PatientId.TYPE));
            commands.send(new RegisterPatientCommand(patientId, ProjectId.of(projectId), newIdentifier,
                    props.date("BirthDate"), props.enumValue("Sex", Sex.class)));
            return patientId.value();
        });
    }

    private long study(ImportRequest request, long patientId, LocalDate date) {
        return lookups.study(patientId, date).orElseGet(() -> {
            if (!request.createStudies()) {
                throw new ImportFailure("Study with date '" + date + "' for patient '"
                        + (request.patientIdentifier() == null ? "None" : request.patientIdentifier())
                        + "' not found and create_studies=False");
            }
            if (request.studyProps() != null && request.studyProps().has("StudyDate")) {
                throw new ImportFailure("StudyDate must be given as data.study_date, not in study_props");
            }
            ImportProps props = ImportProps.read("Study", request.studyProps(), STUDY_KEYS, Set.of());
            StudyId studyId = StudyId.of(ids.next(StudyId.TYPE));
            commands.send(new RecordStudyCommand(studyId, PatientId.of(patientId), date, props.integer("StudyRound"),
                    props.string("StudyDescription", 64)));
            return studyId.value();
        });
    }

    private long series(ImportRequest request, long studyId, LocalDate date) {
        String seriesKey = request.seriesId();
        java.util.Optional<Long> existing = seriesKey == null ? java.util.Optional.empty()
                : lookups.series(studyId, seriesKey);
        return existing.orElseGet(() -> {
            if (!request.createSeries()) {
                throw new ImportFailure("Series with identifier '" + seriesKey + "' for patient '"
                        + request.patientIdentifier() + "', study '" + date + "' not found and create_series=False");
            }
            ImportProps props = ImportProps.read("Series", request.seriesProps(), SERIES_KEYS, Set.of());
            String uid = props.string("SeriesInstanceUid", 64);
            if (uid == null && seriesKey != null && !seriesKey.strip().matches("\\d+")) {
                uid = seriesKey; // a later import naming the same series UID finds this series
            }
            SeriesId seriesId = SeriesId.of(ids.next(SeriesId.TYPE));
            commands.send(new CreateSeriesCommand(seriesId, StudyId.of(studyId), props.integer("SeriesNumber"), uid,
                    props.string("StudyInstanceUid", 64)));
            return seriesId.value();
        });
    }

    private ImageProperties imageProperties(ImportRequest request, ImageLocation image) {
        ImportProps p = ImportProps.read("ImageInstance", request.imageProps(), IMAGE_KEYS, Set.of("DatasetIdentifier"));
        Laterality laterality = p.enumValue("Laterality", Laterality.class);
        if (laterality == null) {
            throw new ImportFailure("ImageInstance.Laterality is required ('L' or 'R')");
        }
        Integer rows = p.integer("Rows_y");
        Integer columns = p.integer("Columns_x");
        Integer frames = p.integer("NrOfFrames");
        if (rows == null || columns == null || frames == null) {
            java.util.Optional<ImageProbe.Dimensions> probed = image.probe();
            if (probed.isPresent()) {
                rows = rows != null ? rows : probed.get().rows();
                columns = columns != null ? columns : probed.get().columns();
                frames = frames != null ? frames : probed.get().frames();
            }
        }
        Long sourceInfoId = referenced(p, "SourceInfoID", ReadModel.SOURCE_INFO);
        return new ImageProperties(laterality, p.enumValue("Modality", Modality.class),
                p.enumValue("DICOMModality", ModalityType.class), p.enumValue("ETDRSField", EtdrsField.class),
                p.string("SOPInstanceUid", 64), p.string("SOPClassUid", 64), p.string("PhotometricInterpretation", 64),
                p.integer("SamplesPerPixel"), rows, columns, frames, p.number("SliceThickness"),
                p.number("ResolutionAxial"), p.number("ResolutionHorizontal"), p.number("ResolutionVertical"),
                p.number("HorizontalFieldOfView"), p.integer("AnatomicRegion"), p.integer("Angiography"),
                p.dateTime("AcquisitionDateTime"), p.bool("PupilDilated"), sourceInfoId,
                referenced(p, "DeviceInstanceID", ReadModel.DEVICE_INSTANCE),
                referenced(p, "ModalityID", ReadModel.MODALITY), referenced(p, "ScanID", ReadModel.SCAN),
                p.string("OldPath", 256), p.integer("FDAIdentifier"),
                p.string("AltDatasetIdentifier", 256));
    }

    private Long referenced(ImportProps props, String key, ReadModel model) {
        Long id = props.longValue(key);
        if (id != null && !lookups.exists(model, id)) {
            throw new ImportFailure(key + " " + id + " does not exist");
        }
        return id;
    }

    /** Re-importing the same file (same path and source) names the image that already has it. */
    private void rejectDuplicates(String datasetIdentifier, ImageProperties properties) {
        lookups.imageByPath(datasetIdentifier, properties.sourceInfoId()).ifPresent(id -> {
            throw new ImportFailure("Image already imported as ImageInstance " + id + " (DatasetIdentifier '"
                    + datasetIdentifier + "')");
        });
        if (properties.sopInstanceUid() != null) {
            lookups.imageBySopInstanceUid(properties.sopInstanceUid()).ifPresent(id -> {
                throw new ImportFailure("Image already imported as ImageInstance " + id + " (SOPInstanceUid '"
                        + properties.sopInstanceUid() + "')");
            });
        }
    }

    private static String randomIdentifier() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
