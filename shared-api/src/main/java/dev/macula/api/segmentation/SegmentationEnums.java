package dev.macula.api.segmentation;

import dev.macula.api.voxels.DType;

/** DataRepresentation and Datatype of segmentations (docs/api.md §1.2). */
public final class SegmentationEnums {

    private SegmentationEnums() {
    }

    public enum DataRepresentation { Binary, DualBitMask, Probability, MultiLabel, MultiClass }

    public enum Datatype {
        R8(DType.UINT8), R8UI(DType.UINT8), R16UI(DType.UINT16), R32UI(DType.UINT32), R32F(DType.FLOAT32);

        private final DType element;

        Datatype(DType element) {
            this.element = element;
        }

        public DType element() {
            return element;
        }
    }
}
