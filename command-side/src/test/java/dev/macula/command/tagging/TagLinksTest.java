package dev.macula.command.tagging;

import dev.macula.api.common.ApiException;
import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagLinkEvents.TagAttachedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagCommentChangedEvent;
import dev.macula.api.tagging.TagLinkEvents.TagDetachedEvent;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TaggedObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TagLinks decides; it changes state only through its {@code on(...)} methods, as an aggregate replays. */
class TagLinksTest {

    private static final TaggedObject OBJECT = new TaggedObject(TagType.Segmentation, 31);
    private static final TagId TAG = TagId.of(5);
    private static final TagId OTHER_TAG = TagId.of(6);
    private static final UserId TAGGER = UserId.of(7);
    private static final UserId OTHER_TAGGER = UserId.of(8);

    private TagLinks links;

    @BeforeEach
    void setUp() {
        links = new TagLinks();
    }

    /** Decides and then applies the event, as AggregateLifecycle.apply would via the sourcing handler. */
    private Optional<Object> applied(Optional<Object> decision) {
        decision.ifPresent(event -> {
            switch (event) {
                case TagAttachedEvent e -> links.on(e);
                case TagCommentChangedEvent e -> links.on(e);
                case TagDetachedEvent e -> links.on(e);
                default -> throw new AssertionError("unexpected event " + event);
            }
        });
        return decision;
    }

    // --- attach ---

    @Test
    void firstAttachIsTagAttachedWithObjectTaggerAndComment() {
        assertThat(links.attach(OBJECT, TAG, TAGGER, "note"))
                .contains(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
    }

    @Test
    void firstAttachKeepsANullComment() {
        assertThat(links.attach(OBJECT, TAG, TAGGER, null)).contains(new TagAttachedEvent(OBJECT, TAG, TAGGER, null));
    }

    @Test
    void decidingDoesNotChangeState() {
        links.attach(OBJECT, TAG, TAGGER, "note"); // not applied
        assertThat(links.attach(OBJECT, TAG, TAGGER, "note")).contains(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        assertThat(links.detach(OBJECT, TAG)).isEmpty();
    }

    @Test
    void attachingAgainWithoutCommentIsNothing() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        assertThat(links.attach(OBJECT, TAG, OTHER_TAGGER, null)).isEmpty();
    }

    @Test
    void attachingAgainWithoutCommentKeepsTheOldComment() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        applied(links.attach(OBJECT, TAG, OTHER_TAGGER, null));
        assertThat(links.attach(OBJECT, TAG, TAGGER, "note")).isEmpty();
    }

    @Test
    void attachingAgainWithADifferentCommentIsCommentChanged() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        assertThat(links.attach(OBJECT, TAG, OTHER_TAGGER, "other"))
                .contains(new TagCommentChangedEvent(OBJECT, TAG, "other"));
    }

    @Test
    void attachingAgainWithTheSameCommentIsNothing() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        assertThat(links.attach(OBJECT, TAG, TAGGER, "note")).isEmpty();
    }

    @Test
    void attachingAgainComparesWithTheLatestComment() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        links.on(new TagCommentChangedEvent(OBJECT, TAG, "second"));
        assertThat(links.attach(OBJECT, TAG, TAGGER, "second")).isEmpty();
        assertThat(links.attach(OBJECT, TAG, TAGGER, "note")).contains(new TagCommentChangedEvent(OBJECT, TAG, "note"));
    }

    @Test
    void attachingAgainGivesACommentToALinkWithoutOne() {
        // the link exists even though its comment is null (containsKey, not get != null)
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, null));
        assertThat(links.attach(OBJECT, TAG, TAGGER, "now")).contains(new TagCommentChangedEvent(OBJECT, TAG, "now"));
        assertThat(links.attach(OBJECT, TAG, TAGGER, null)).isEmpty();
    }

    @Test
    void linksAreKeptPerTag() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        assertThat(links.attach(OBJECT, OTHER_TAG, TAGGER, "note"))
                .contains(new TagAttachedEvent(OBJECT, OTHER_TAG, TAGGER, "note"));
    }

    @Test
    void eventsCarryTheObjectTheyAreGiven() {
        TaggedObject study = new TaggedObject(TagType.Study, 1);
        TaggedObject image = new TaggedObject(TagType.ImageInstance, 2);
        assertThat(links.attach(study, TAG, TAGGER, null)).contains(new TagAttachedEvent(study, TAG, TAGGER, null));
        links.on(new TagAttachedEvent(image, TAG, TAGGER, null));
        assertThat(links.patch(image, TAG, "c")).contains(new TagCommentChangedEvent(image, TAG, "c"));
        assertThat(links.detach(image, TAG)).contains(new TagDetachedEvent(image, TAG));
    }

    // --- patch ---

    @Test
    void patchOfAMissingLinkIsNotFound() {
        assertThatThrownBy(() -> links.patch(OBJECT, TAG, "x"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.detail()).isEqualTo("Link not found");
                });
    }

    @Test
    void patchOfAMissingLinkWithNullCommentIsNotFound() {
        assertThatThrownBy(() -> links.patch(OBJECT, TAG, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void patchOfAnotherTagsLinkIsNotFound() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, null));
        assertThatThrownBy(() -> links.patch(OBJECT, OTHER_TAG, "x")).isInstanceOf(ApiException.class);
    }

    @Test
    void patchWithNullCommentIsNothing() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        assertThat(links.patch(OBJECT, TAG, null)).isEmpty();
    }

    @Test
    void patchWithADifferentCommentIsCommentChanged() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        assertThat(links.patch(OBJECT, TAG, "new")).contains(new TagCommentChangedEvent(OBJECT, TAG, "new"));
    }

    @Test
    void patchWithTheSameCommentIsNothing() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        assertThat(links.patch(OBJECT, TAG, "note")).isEmpty();
    }

    @Test
    void patchComparesWithTheLatestComment() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        links.on(new TagCommentChangedEvent(OBJECT, TAG, "second"));
        assertThat(links.patch(OBJECT, TAG, "second")).isEmpty();
        assertThat(links.patch(OBJECT, TAG, "note")).contains(new TagCommentChangedEvent(OBJECT, TAG, "note"));
    }

    @Test
    void patchToAnEmptyCommentIsAChange() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        assertThat(links.patch(OBJECT, TAG, "")).contains(new TagCommentChangedEvent(OBJECT, TAG, ""));
    }

    // --- detach ---

    @Test
    void detachOfALinkIsTagDetached() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, null));
        assertThat(links.detach(OBJECT, TAG)).contains(new TagDetachedEvent(OBJECT, TAG));
    }

    @Test
    void detachWithoutALinkIsNothing() {
        assertThat(links.detach(OBJECT, TAG)).isEmpty();
    }

    @Test
    void detachingAgainIsNothing() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, null));
        applied(links.detach(OBJECT, TAG));
        assertThat(links.detach(OBJECT, TAG)).isEmpty();
    }

    @Test
    void detachedLinkCannotBePatched() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "note"));
        links.on(new TagDetachedEvent(OBJECT, TAG));
        assertThatThrownBy(() -> links.patch(OBJECT, TAG, "x")).isInstanceOf(ApiException.class);
    }

    @Test
    void detachingOneTagKeepsTheOther() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, null));
        links.on(new TagAttachedEvent(OBJECT, OTHER_TAG, TAGGER, "kept"));
        links.on(new TagDetachedEvent(OBJECT, TAG));
        assertThat(links.patch(OBJECT, OTHER_TAG, "kept")).isEmpty();
        assertThat(links.detach(OBJECT, OTHER_TAG)).contains(new TagDetachedEvent(OBJECT, OTHER_TAG));
    }

    @Test
    void reattachAfterDetachIsANewLinkWithoutTheOldComment() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "old"));
        links.on(new TagDetachedEvent(OBJECT, TAG));
        assertThat(applied(links.attach(OBJECT, TAG, OTHER_TAGGER, null)))
                .contains(new TagAttachedEvent(OBJECT, TAG, OTHER_TAGGER, null));
        // the old comment did not survive the detach
        assertThat(links.attach(OBJECT, TAG, TAGGER, "old")).contains(new TagCommentChangedEvent(OBJECT, TAG, "old"));
    }

    @Test
    void reattachAfterDetachWithTheOldCommentIsStillANewLink() {
        links.on(new TagAttachedEvent(OBJECT, TAG, TAGGER, "old"));
        links.on(new TagDetachedEvent(OBJECT, TAG));
        assertThat(links.attach(OBJECT, TAG, TAGGER, "old")).contains(new TagAttachedEvent(OBJECT, TAG, TAGGER, "old"));
    }

    @Test
    void aFullLifecycle() {
        assertThat(applied(links.attach(OBJECT, TAG, TAGGER, "a"))).isPresent();
        assertThat(applied(links.attach(OBJECT, TAG, TAGGER, null))).isEmpty();
        assertThat(applied(links.attach(OBJECT, TAG, TAGGER, "b"))).contains(new TagCommentChangedEvent(OBJECT, TAG, "b"));
        assertThat(applied(links.patch(OBJECT, TAG, "b"))).isEmpty();
        assertThat(applied(links.patch(OBJECT, TAG, "c"))).contains(new TagCommentChangedEvent(OBJECT, TAG, "c"));
        assertThat(applied(links.detach(OBJECT, TAG))).contains(new TagDetachedEvent(OBJECT, TAG));
        assertThat(applied(links.detach(OBJECT, TAG))).isEmpty();
        assertThatThrownBy(() -> links.patch(OBJECT, TAG, "d")).isInstanceOf(ApiException.class);
        assertThat(applied(links.attach(OBJECT, TAG, OTHER_TAGGER, "e")))
                .contains(new TagAttachedEvent(OBJECT, TAG, OTHER_TAGGER, "e"));
    }
}
