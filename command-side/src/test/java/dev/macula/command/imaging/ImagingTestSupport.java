package dev.macula.command.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.imaging.ImageProperties;
import dev.macula.api.imaging.ImagingEnums.EtdrsField;
import dev.macula.api.imaging.ImagingEnums.Laterality;
import dev.macula.api.imaging.ImagingEnums.Modality;
import dev.macula.api.imaging.ImagingEnums.ModalityType;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.time.LocalDateTime;

/** Shared fixtures of the imaging aggregate tests. */
final class ImagingTestSupport {

    private ImagingTestSupport() {
    }

    /** Every one of the 27 fields set, each to a value no other field has. */
    static ImageProperties allProperties() {
        return new ImageProperties(Laterality.R, Modality.OCT, ModalityType.OPT, EtdrsField.F2,
                "1.2.840.sop-instance", "1.2.840.sop-class", "MONOCHROME2", 1, 496, 512, 97, 3.87, 3.9,
                11.7, 121.0, 30.0, 5, 2, LocalDateTime.of(2021, 3, 4, 10, 15, 30), Boolean.TRUE, 101L, 102L, 103L,
                104L, "/old/path/scan.vol", 7, "alt/dataset/identifier");
    }

    /** Only the required laterality. */
    static ImageProperties minimalProperties() {
        return new ImageProperties(Laterality.L, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The aggregate's answer to a PATCH of a link that does not exist: 404 "Link not found". */
    static Matcher<Object> linkNotFound() {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof ApiException e && e.status() == 404 && "Link not found".equals(e.detail());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("ApiException 404 \"Link not found\"");
            }
        };
    }
}
