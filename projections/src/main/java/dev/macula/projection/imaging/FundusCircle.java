package dev.macula.projection.imaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The circular field of view of a colour fundus photo, in the pixel coordinates of the original
 * image (pixel centres at integers, like numpy indices).
 *
 * @param centerX     x of the centre
 * @param centerY     y of the centre
 * @param radius      radius in pixels
 * @param imageHeight height of the image the circle was found in, if known (CFROI {@code hw[0]})
 * @param imageWidth  width of that image, if known (CFROI {@code hw[1]})
 */
public record FundusCircle(double centerX, double centerY, double radius, Integer imageHeight, Integer imageWidth) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@link #fromCfRoi(JsonNode)} of the column's text; null for null or malformed text. */
    public static FundusCircle fromCfRoiText(String cfRoi) {
        if (cfRoi == null) {
            return null;
        }
        try {
            return fromCfRoi(JSON.readTree(cfRoi));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * The circle a CFROI value describes (docs/api.md §1; written by the inference job from the
     * fundus-preprocessing library's bounds: {@code {"hw": [h, w], "center": [cx, cy], "radius": r,
     * "lines": {...}}}, or {@code {"success": false}} when preprocessing failed), or null when the
     * value is absent, a failure, or lacks a finite centre and a positive radius.
     */
    public static FundusCircle fromCfRoi(JsonNode cfRoi) {
        if (cfRoi == null || !cfRoi.isObject()) {
            return null;
        }
        JsonNode success = cfRoi.get("success");
        if (success != null && success.isBoolean() && !success.booleanValue()) {
            return null;
        }
        JsonNode center = cfRoi.get("center");
        JsonNode radius = cfRoi.get("radius");
        if (center == null || !center.isArray() || center.size() != 2 || !center.get(0).isNumber()
                || !center.get(1).isNumber() || radius == null || !radius.isNumber()) {
            return null;
        }
        double cx = center.get(0).doubleValue();
        double cy = center.get(1).doubleValue();
        double r = radius.doubleValue();
        if (!Double.isFinite(cx) || !Double.isFinite(cy) || !Double.isFinite(r) || r <= 0) {
            return null;
        }
        JsonNode hw = cfRoi.get("hw");
        boolean sized = hw != null && hw.isArray() && hw.size() == 2 && hw.get(0).canConvertToInt()
                && hw.get(1).canConvertToInt() && hw.get(0).isIntegralNumber() && hw.get(1).isIntegralNumber();
        return new FundusCircle(cx, cy, r, sized ? hw.get(0).intValue() : null, sized ? hw.get(1).intValue() : null);
    }

    /**
     * Whether the circle fits an image of this size: found in an image of the same size (when that
     * is known), centre inside the image, radius between a tenth of the shorter side and the longer
     * side. Anything else (e.g. bounds computed on another version of the file) is not trusted.
     */
    public boolean plausibleFor(int width, int height) {
        if (imageHeight != null && imageWidth != null && (imageHeight != height || imageWidth != width)) {
            return false;
        }
        return centerX >= 0 && centerX < width && centerY >= 0 && centerY < height
                && radius >= 0.1 * Math.min(width, height) && radius <= Math.max(width, height);
    }
}
