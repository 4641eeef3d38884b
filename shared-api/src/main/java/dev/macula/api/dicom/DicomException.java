package dev.macula.api.dicom;

import java.io.IOException;

/**
 * A DICOM file that cannot be read or whose pixels cannot be decoded. The message is the reason in
 * words a user can act on ("JPEG-LS (1.2.840.10008.1.2.4.80) is not supported", "truncated: pixel
 * data declares 5242880 bytes, 1000 remain"); it is recorded, never a stack trace.
 */
public class DicomException extends IOException {

    public DicomException(String reason) {
        super(reason);
    }

    public DicomException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
