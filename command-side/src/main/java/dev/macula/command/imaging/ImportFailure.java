package dev.macula.command.imaging;

/** An import that cannot go on: reported as {@code success: false} with this message (docs/api.md §5.5). */
class ImportFailure extends RuntimeException {

    ImportFailure(String message) {
        super(message, null, false, false);
    }
}
