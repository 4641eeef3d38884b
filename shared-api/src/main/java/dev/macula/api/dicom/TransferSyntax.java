package dev.macula.api.dicom;

/**
 * The transfer syntaxes this reader knows: how the data set is encoded and how the pixel data is
 * compressed, or why it is refused.
 */
enum TransferSyntax {
    IMPLICIT_LE("1.2.840.10008.1.2", "implicit VR little endian", false, false, PixelEncoding.NATIVE, null),
    EXPLICIT_LE("1.2.840.10008.1.2.1", "explicit VR little endian", true, false, PixelEncoding.NATIVE, null),
    DEFLATED_LE("1.2.840.10008.1.2.1.99", "deflated explicit VR little endian", true, true,
            PixelEncoding.NATIVE, null),
    EXPLICIT_BE("1.2.840.10008.1.2.2", "explicit VR big endian", true, false, PixelEncoding.NATIVE,
            "is retired since 2004 and not read"),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG baseline", true, false, PixelEncoding.JPEG, null),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG extended", true, false, PixelEncoding.JPEG, null),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG lossless", true, false, PixelEncoding.JPEG, null),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG lossless first-order prediction", true, false,
            PixelEncoding.JPEG, null),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS lossless", true, false, PixelEncoding.JPEG,
            "is not supported: no JPEG-LS decoder is available for Java on Maven Central"),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS near-lossless", true, false, PixelEncoding.JPEG,
            "is not supported: no JPEG-LS decoder is available for Java on Maven Central"),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 lossless", true, false, PixelEncoding.JPEG_2000,
            null),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, PixelEncoding.JPEG_2000, null),
    RLE("1.2.840.10008.1.2.5", "RLE lossless", true, false, PixelEncoding.RLE, null);

    enum PixelEncoding { NATIVE, JPEG, JPEG_2000, RLE }

    final String uid;
    final String title;
    final boolean explicitVr;
    final boolean deflated;
    final PixelEncoding encoding;
    /** Why files in this syntax are refused; null when they are read. */
    final String refusal;

    TransferSyntax(String uid, String title, boolean explicitVr, boolean deflated, PixelEncoding encoding,
            String refusal) {
        this.uid = uid;
        this.title = title;
        this.explicitVr = explicitVr;
        this.deflated = deflated;
        this.encoding = encoding;
        this.refusal = refusal;
    }

    /** True for refused syntaxes whose data set is still explicit VR little endian (only the pixels are refused). */
    static boolean refusedButReadable(String uid) {
        for (TransferSyntax syntax : values()) {
            if (syntax.uid.equals(uid)) {
                return syntax.refusal != null && syntax.explicitVr && syntax != EXPLICIT_BE;
            }
        }
        return false;
    }

    /** The syntax for a UID, refusing unknown and unsupported ones with the reason. */
    static TransferSyntax forUid(String uid) throws DicomException {
        for (TransferSyntax syntax : values()) {
            if (syntax.uid.equals(uid)) {
                if (syntax.refusal != null) {
                    throw new DicomException(syntax.title + " (" + uid + ") " + syntax.refusal);
                }
                return syntax;
            }
        }
        throw new DicomException("transfer syntax " + uid + " is not supported (unknown or unusual encoding)");
    }
}
