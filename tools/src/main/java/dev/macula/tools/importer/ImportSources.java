package dev.macula.tools.importer;

import dev.macula.api.dicom.DicomFiles;
import dev.macula.api.dicom.DicomHeader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns what the user points at into import items: a folder (one patient per sub-folder, optionally
 * one sub-folder per study date {@code YYYY-MM-DD}; DICOM files may lie anywhere, their headers say
 * patient, study and series) or a CSV manifest whose columns mirror the
 * import request ({@code project_name, patient_identifier, study_date, series_id, image} plus any
 * PascalCase prop column).
 */
final class ImportSources {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "dcm");
    private static final Set<String> PATIENT_KEYS = Set.of("BirthDate", "Sex");
    private static final Set<String> STUDY_KEYS = Set.of("StudyRound", "StudyDescription");
    private static final Set<String> SERIES_KEYS = Set.of("SeriesNumber", "SeriesInstanceUid", "StudyInstanceUid");
    /** Modality of plain image files in a folder import when --modality is not given. */
    static final String DEFAULT_MODALITY = "ColorFundus";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern RIGHT = Pattern.compile("(^|[^a-z])(od|r|re|right)([^a-z]|$)");
    private static final Pattern LEFT = Pattern.compile("(^|[^a-z])(os|l|le|left)([^a-z]|$)");

    private ImportSources() {
    }

    record FolderDefaults(String project, String modality, String laterality, String studyDate) {
    }

    /** Laterality from the file name (…_R…, OD, OS, left, …), or null when it does not say. */
    static String lateralityOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        boolean right = RIGHT.matcher(stem).find();
        boolean left = LEFT.matcher(stem).find();
        return right == left ? null : right ? "R" : "L";
    }

    static List<ImportItem> folder(Path folder, Path imagesRoot, FolderDefaults defaults) {
        List<ImportItem> items = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).filter(ImportSources::isImage).sorted().forEach(file -> {
                String image = imagesRoot.relativize(file).toString().replace('\\', '/');
                Optional<DicomHeader> header = DicomFiles.header(file);
                items.add(header.isPresent() ? dicomItem(folder, file, image, header.get(), defaults)
                        : folderItem(folder, file, image, defaults));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    /** A plain image file: the folder says the patient (and the study date), the name the laterality. */
    private static ImportItem folderItem(Path folder, Path file, String image, FolderDefaults defaults) {
        Path relativeToFolder = folder.relativize(file);
        if (relativeToFolder.getNameCount() < 2) {
            return ImportItem.unusable(image, "not in a patient folder (expected PATH/<patient>/<file>)");
        }
        String patient = relativeToFolder.getName(0).toString();
        String studyDate = dateFolder(relativeToFolder).orElse(defaults.studyDate());
        String laterality = lateralityOf(file.getFileName().toString());
        if (laterality == null) {
            laterality = defaults.laterality();
        }
        if (laterality == null) {
            return ImportItem.unusable(image, "laterality unknown: name the file with _L/_R/OD/OS or pass --laterality");
        }
        Map<String, String> imageProps = new LinkedHashMap<>();
        imageProps.put("Laterality", laterality);
        imageProps.put("Modality", defaults.modality() != null ? defaults.modality() : DEFAULT_MODALITY);
        return new ImportItem(image, defaults.project(), patient, studyDate, null, Map.of(), Map.of(), Map.of(),
                imageProps, null);
    }

    /**
     * A DICOM file needs no folder layout: the platform reads patient, study, series, laterality and
     * modality from its header. The folder and the options only fill what the header lacks.
     */
    private static ImportItem dicomItem(Path folder, Path file, String image, DicomHeader header,
                                        FolderDefaults defaults) {
        Path relativeToFolder = folder.relativize(file);
        String patient = null;
        if (blank(header.patientId())) {
            if (relativeToFolder.getNameCount() < 2) {
                return ImportItem.unusable(image,
                        "no PatientID in the DICOM header and not in a patient folder (expected PATH/<patient>/<file>)");
            }
            patient = relativeToFolder.getName(0).toString();
        }
        String studyDate = header.studyDate() != null ? null
                : dateFolder(relativeToFolder).orElse(defaults.studyDate());
        Map<String, String> imageProps = new LinkedHashMap<>();
        if (header.laterality() == null) {
            String laterality = lateralityOf(file.getFileName().toString());
            if (laterality == null) {
                laterality = defaults.laterality();
            }
            if (laterality == null) {
                return ImportItem.unusable(image, "laterality unknown: the DICOM header has no (Image)Laterality; "
                        + "name the file with _L/_R/OD/OS or pass --laterality");
            }
            imageProps.put("Laterality", laterality);
        }
        if (defaults.modality() != null) {
            imageProps.put("Modality", defaults.modality());
        }
        return new ImportItem(image, defaults.project(), patient, studyDate, null, Map.of(), Map.of(), Map.of(),
                imageProps, null);
    }

    private static Optional<String> dateFolder(Path relativeToFolder) {
        if (relativeToFolder.getNameCount() > 2 && DATE.matcher(relativeToFolder.getName(1).toString()).matches()) {
            return Optional.of(relativeToFolder.getName(1).toString());
        }
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static List<ImportItem> manifest(Path csv) {
        List<List<String>> rows = Csv.parse(readString(csv));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        if (!header.contains("image") || !header.contains("project_name")) {
            throw new IllegalArgumentException("the manifest needs at least the columns project_name and image");
        }
        List<ImportItem> items = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> patient = new LinkedHashMap<>();
            Map<String, String> study = new LinkedHashMap<>();
            Map<String, String> series = new LinkedHashMap<>();
            Map<String, String> image = new LinkedHashMap<>();
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < row.size(); i++) {
                String column = header.get(i);
                String value = row.get(i).strip();
                if (value.isEmpty()) {
                    continue;
                }
                switch (column) {
                    case "project_name", "patient_identifier", "study_date", "series_id", "image" -> fields.put(column, value);
                    default -> (PATIENT_KEYS.contains(column) ? patient : STUDY_KEYS.contains(column) ? study
                            : SERIES_KEYS.contains(column) ? series : image).put(column, value);
                }
            }
            items.add(new ImportItem(fields.get("image"), fields.get("project_name"), fields.get("patient_identifier"),
                    fields.get("study_date"), fields.get("series_id"), patient, study, series, image, null));
        }
        return items;
    }

    /** By extension; a file without one is taken when it is DICOM (devices export {@code IM000001}). */
    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (name.startsWith(".")) {
            return false;
        }
        return dot > 0 ? IMAGE_EXTENSIONS.contains(name.substring(dot + 1)) : DicomFiles.isDicom(file);
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180: commas, double quotes, doubled quotes inside quotes, CRLF or LF. */
    static final class Csv {

        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
