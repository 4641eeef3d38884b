package dev.macula.api.segmentation;

/** A child of a composite feature, at its place in the parent's list. */
public record SubFeatureItem(int index, String name) {
}
