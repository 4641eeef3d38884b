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
    private final LocalDate defaultStudyDate;

    ImageImporter(CommandDispatcher commands, IdAllocator ids, ImportLookups lookups, TransactionTemplate transaction,
                  @Value("${macula.images-basepath}") Path imagesRoot,
                  @Value("${macula.default-study-date:1970-01-01}") String defaultStudyDate) {
        this.commands = commands;
        this.ids = ids;
        this.lookups = lookups;
        this.transaction = transaction;
        this.imagesRoot = imagesRoot;
        this.defaultStudyDate = LocalDate.parse(defaultStudyDate);
    }

    /** Imports one image; returns its new id. Throws {@link ImportFailure} with the user-facing message. */
    long importImage(ImportRequest given) {
        ImageLocation image = ImageLocation.resolve(imagesRoot, given.image());
        String datasetIdentifier = image.datasetIdentifier();
        FileHeader header = FileHeader.of(image.file());
        ImportRequest request = header.complete(given, defaultStudyDate);
        ImageProperties properties = imageProperties(request, image, header);
        return transaction.execute(status -> {
            long projectId = project(request);
            long patientId = patient(request, projectId, header);
            LocalDate studyDate = request.studyDate();
            long studyId = study(request, patientId, studyDate, header);
            long seriesId = series(request, studyId, studyDate, header);
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

    private long patient(ImportRequest request, long projectId, FileHeader header) {
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
            LocalDate birthDate = props.has("BirthDate") ? props.date("BirthDate") : header.birthDate();
            Sex sex = props.has("Sex") ? props.enumValue("Sex", Sex.class) : header.sex();
            commands.send(new RegisterPatientCommand(patientId, ProjectId.of(projectId), newIdentifier, birthDate, sex));
            return patientId.value();
        });
    }

    private long study(ImportRequest request, long patientId, LocalDate date, FileHeader header) {
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
            String description = props.has("StudyDescription") ? props.string("StudyDescription", 64)
                    : header.studyDescription();
            commands.send(new RecordStudyCommand(studyId, PatientId.of(patientId), date, props.integer("StudyRound"),
                    description));
            return studyId.value();
        });
    }

    private long series(ImportRequest request, long studyId, LocalDate date, FileHeader header) {
        String seriesKey = request.seriesId();
        java.util.Optional<Long> existing = seriesKey == null ? java.util.Optional.empty()
                : lookups.series(studyId, seriesKey);
        return existing.orElseGet(() -> {
            if (!request.createSeries()) {
                throw new ImportFailure("Series with identifier '" + seriesKey + "' for patient '"
                        + request.patientIdentifier() + "', study '" + date + "' not found and create_series=False");
            }
            ImportProps props = ImportProps.read("Series", request.seriesProps(), SERIES_KEYS, Set.of());
            String uid = props.has("SeriesInstanceUid") ? props.string("SeriesInstanceUid", 64)
                    : header.seriesInstanceUid();
            if (uid == null && seriesKey != null && !seriesKey.strip().matches("\\d+")) {
                uid = seriesKey; // a later import naming the same series UID finds this series
            }
            Integer number = props.has("SeriesNumber") ? props.integer("SeriesNumber") : header.seriesNumber();
            String studyUid = props.has("StudyInstanceUid") ? props.string("StudyInstanceUid", 64)
                    : header.studyInstanceUid();
            SeriesId seriesId = SeriesId.of(ids.next(SeriesId.TYPE));
            commands.send(new CreateSeriesCommand(seriesId, StudyId.of(studyId), number, uid, studyUid));
            return seriesId.value();
        });
    }

    /** Request values win; a DICOM header fills what the request leaves out (issue 17). */
    private ImageProperties imageProperties(ImportRequest request, ImageLocation image, FileHeader header) {
        ImportProps p = ImportProps.read("ImageInstance", request.imageProps(), IMAGE_KEYS, Set.of("DatasetIdentifier"));
        Laterality laterality = given(p, "Laterality", () -> p.enumValue("Laterality", Laterality.class),
                header.laterality());
        if (laterality == null) {
            throw new ImportFailure("ImageInstance.Laterality is required ('L' or 'R')");
        }
        Integer rows = given(p, "Rows_y", () -> p.integer("Rows_y"), header.rows());
        Integer columns = given(p, "Columns_x", () -> p.integer("Columns_x"), header.columns());
        Integer frames = given(p, "NrOfFrames", () -> p.integer("NrOfFrames"), header.frames());
        if (rows == null || columns == null || frames == null) {
            java.util.Optional<ImageProbe.Dimensions> probed = image.probe();
            if (probed.isPresent()) {
                rows = rows != null ? rows : probed.get().rows();
                columns = columns != null ? columns : probed.get().columns();
                frames = frames != null ? frames : probed.get().frames();
            }
        }
        ModalityType dicomModality = given(p, "DICOMModality", () -> p.enumValue("DICOMModality", ModalityType.class),
                header.dicomModality());
        Long sourceInfoId = referenced(p, "SourceInfoID", ReadModel.SOURCE_INFO);
        return new ImageProperties(laterality,
                given(p, "Modality", () -> p.enumValue("Modality", Modality.class), header.modality()),
                dicomModality, p.enumValue("ETDRSField", EtdrsField.class),
                given(p, "SOPInstanceUid", () -> p.string("SOPInstanceUid", 64), header.sopInstanceUid()),
                given(p, "SOPClassUid", () -> p.string("SOPClassUid", 64), header.sopClassUid()),
                given(p, "PhotometricInterpretation", () -> p.string("PhotometricInterpretation", 64),
                        header.photometricInterpretation()),
                given(p, "SamplesPerPixel", () -> p.integer("SamplesPerPixel"), header.samplesPerPixel()),
                rows, columns, frames,
                given(p, "SliceThickness", () -> p.number("SliceThickness"), header.sliceThickness()),
                given(p, "ResolutionAxial", () -> p.number("ResolutionAxial"), header.resolutionAxial()),
                given(p, "ResolutionHorizontal", () -> p.number("ResolutionHorizontal"),
                        header.resolutionHorizontal()),
                given(p, "ResolutionVertical", () -> p.number("ResolutionVertical"), header.resolutionVertical()),
                given(p, "HorizontalFieldOfView", () -> p.number("HorizontalFieldOfView"),
                        header.horizontalFieldOfView()),
                p.integer("AnatomicRegion"), p.integer("Angiography"),
                given(p, "AcquisitionDateTime", () -> p.dateTime("AcquisitionDateTime"),
                        header.acquisitionDateTime()),
                p.bool("PupilDilated"), sourceInfoId,
                referenced(p, "DeviceInstanceID", ReadModel.DEVICE_INSTANCE),
                referenced(p, "ModalityID", ReadModel.MODALITY), referenced(p, "ScanID", ReadModel.SCAN),
                p.string("OldPath", 256), p.integer("FDAIdentifier"),
                p.string("AltDatasetIdentifier", 256));
    }

    /** The request's value when it gives the key (even an invalid one: that fails), else the header's. */
    private static <T> T given(ImportProps props, String key, java.util.function.Supplier<T> requestValue, T fromFile) {
        return props.has(key) ? requestValue.get() : fromFile;
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
