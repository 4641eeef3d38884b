package dev.macula.api.imaging;

/** Enumerations of the imaging model; constants are the wire and column values (docs/api.md §1.2). */
public final class ImagingEnums {

    private ImagingEnums() {
    }

    public enum Laterality { L, R }

    public enum Modality {
        AdaptiveOptics, ColorFundus, ColorFundusStereo, RedFreeFundus, ExternalEye, LensPhotograph, Ophthalmoscope,
        Autofluorescence, FluoresceinAngiography, ICGA, InfraredReflectance, BlueReflectance, GreenReflectance, OCT, OCTA
    }

    public enum ModalityType { OP, OPT, SC }

    public enum EtdrsField { F1, F2, F3, F4, F5, F6, F7 }

    public enum Sex { M, F }
}
