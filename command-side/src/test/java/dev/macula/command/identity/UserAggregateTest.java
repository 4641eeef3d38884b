package dev.macula.command.identity;

import dev.macula.api.identity.UserCommands.ChangePasswordCommand;
import dev.macula.api.identity.UserCommands.ChangeUserRoleCommand;
import dev.macula.api.identity.UserCommands.MigrateLegacyPasswordCommand;
import dev.macula.api.identity.UserCommands.RegisterUserCommand;
import dev.macula.api.identity.UserCommands.StarTagCommand;
import dev.macula.api.identity.UserCommands.UnstarTagCommand;
import dev.macula.api.identity.UserEvents.LegacyPasswordMigratedEvent;
import dev.macula.api.identity.UserEvents.PasswordChangedEvent;
import dev.macula.api.identity.UserEvents.TagStarredEvent;
import dev.macula.api.identity.UserEvents.TagUnstarredEvent;
import dev.macula.api.identity.UserEvents.UserRegisteredEvent;
import dev.macula.api.identity.UserEvents.UserRoleChangedEvent;
import dev.macula.api.identity.UserId;
import dev.macula.api.tagging.TagId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAggregateTest {

    private static final UserId USER = UserId.of(1);
    private static final TagId TAG = TagId.of(5);
    private static final TagId OTHER_TAG = TagId.of(6);
    private static final String ARGON = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA";
    private static final String NEW_ARGON = "$argon2id$v=19$m=65536,t=3,p=4$bmV3$bmV3aGFzaA";
    private static final String LEGACY = "ab".repeat(32);

    private static final UserRegisteredEvent REGISTERED =
            new UserRegisteredEvent(USER, "alice", ARGON, null, 1, "grader");
    private static final UserRegisteredEvent REGISTERED_LEGACY =
            new UserRegisteredEvent(USER, "bob", null, LEGACY, 1, null);

    private AggregateTestFixture<UserAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAggregate.class);
    }

    // --- registration ---

    @Test
    void registerWithArgonHashEmitsUserRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, "alice", ARGON, null, 1, "grader"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED);
    }

    @Test
    void registerWithOnlyLegacyHashIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, "bob", null, LEGACY, 1, null))
                .expectEvents(REGISTERED_LEGACY);
    }

    @Test
    void registerWithoutAnyHashIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUserCommand(USER, "eve", null, null, 1, null))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("a user needs a password hash")
                .expectNoEvents();
    }

    // --- password change ---

    @Test
    void changePasswordEmitsPasswordChanged() {
        fixture.given(REGISTERED)
                .when(new ChangePasswordCommand(USER, NEW_ARGON))
                .expectEvents(new PasswordChangedEvent(USER, NEW_ARGON));
    }

    @Test
    void changePasswordIsNotDeduplicated() {
        // every change is recorded, even to the same hash string (new salts make that moot in practice)
        fixture.given(REGISTERED, new PasswordChangedEvent(USER, NEW_ARGON))
                .when(new ChangePasswordCommand(USER, NEW_ARGON))
                .expectEvents(new PasswordChangedEvent(USER, NEW_ARGON));
    }

    // --- legacy migration ---

    @Test
    void legacyUserIsMigratedOnFirstLegacyLogin() {
        fixture.given(REGISTERED_LEGACY)
                .when(new MigrateLegacyPasswordCommand(USER, NEW_ARGON))
                .expectEvents(new LegacyPasswordMigratedEvent(USER, NEW_ARGON));
    }

    @Test
    void secondMigrationEmitsNothing() {
        fixture.given(REGISTERED_LEGACY, new LegacyPasswordMigratedEvent(USER, NEW_ARGON))
                .when(new MigrateLegacyPasswordCommand(USER, ARGON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noMigrationForUserWithoutLegacyHash() {
        fixture.given(REGISTERED)
                .when(new MigrateLegacyPasswordCommand(USER, NEW_ARGON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noMigrationAfterThePasswordWasChanged() {
        // a password change replaces the legacy digest, so a later legacy login has nothing to migrate
        fixture.given(REGISTERED_LEGACY, new PasswordChangedEvent(USER, NEW_ARGON))
                .when(new MigrateLegacyPasswordCommand(USER, ARGON))
                .expectNoEvents();
    }

    @Test
    void migrationIsPendingWhenBothHashesWereRegistered() {
        fixture.given(new UserRegisteredEvent(USER, "carol", ARGON, LEGACY, 1, null))
                .when(new MigrateLegacyPasswordCommand(USER, NEW_ARGON))
                .expectEvents(new LegacyPasswordMigratedEvent(USER, NEW_ARGON));
    }

    // --- role ---

    @Test
    void roleChangeCarriesFromAndTo() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(USER, 2))
                .expectEvents(new UserRoleChangedEvent(USER, 1, 2));
    }

    @Test
    void roleChangeFromIsTheRoleAfterEarlierChanges() {
        fixture.given(REGISTERED, new UserRoleChangedEvent(USER, 1, 3))
                .when(new ChangeUserRoleCommand(USER, 0))
                .expectEvents(new UserRoleChangedEvent(USER, 3, 0));
    }

    @Test
    void unchangedRoleEmitsNothing() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(USER, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void roleComparisonIsByValueNotIdentity() {
        // Integer values outside the -128..127 cache: == would wrongly see a change
        fixture.given(new UserRegisteredEvent(USER, "alice", ARGON, null, 1000, null))
                .when(new ChangeUserRoleCommand(USER, Integer.valueOf(1000)))
                .expectNoEvents();
    }

    @Test
    void roleCanBeSetFromNull() {
        fixture.given(new UserRegisteredEvent(USER, "alice", ARGON, null, null, null))
                .when(new ChangeUserRoleCommand(USER, 2))
                .expectEvents(new UserRoleChangedEvent(USER, null, 2));
    }

    @Test
    void roleCanBeClearedToNull() {
        fixture.given(REGISTERED)
                .when(new ChangeUserRoleCommand(USER, null))
                .expectEvents(new UserRoleChangedEvent(USER, 1, null));
    }

    // --- stars ---

    @Test
    void starEmitsTagStarred() {
        fixture.given(REGISTERED)
                .when(new StarTagCommand(USER, TAG))
                .expectEvents(new TagStarredEvent(USER, TAG));
    }

    @Test
    void starringTwiceEmitsOneEventOnly() {
        fixture.given(REGISTERED, new TagStarredEvent(USER, TAG))
                .when(new StarTagCommand(USER, TAG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void starsArePerTag() {
        fixture.given(REGISTERED, new TagStarredEvent(USER, TAG))
                .when(new StarTagCommand(USER, OTHER_TAG))
                .expectEvents(new TagStarredEvent(USER, OTHER_TAG));
    }

    @Test
    void unstarOfStarredTagEmitsTagUnstarred() {
        fixture.given(REGISTERED, new TagStarredEvent(USER, TAG))
                .when(new UnstarTagCommand(USER, TAG))
                .expectEvents(new TagUnstarredEvent(USER, TAG));
    }

    @Test
    void unstarOfNonStarredTagEmitsNothing() {
        fixture.given(REGISTERED, new TagStarredEvent(USER, OTHER_TAG))
                .when(new UnstarTagCommand(USER, TAG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unstarTwiceEmitsNothingTheSecondTime() {
        fixture.given(REGISTERED, new TagStarredEvent(USER, TAG), new TagUnstarredEvent(USER, TAG))
                .when(new UnstarTagCommand(USER, TAG))
                .expectNoEvents();
    }

    @Test
    void tagCanBeStarredAgainAfterUnstar() {
        fixture.given(REGISTERED, new TagStarredEvent(USER, TAG), new TagUnstarredEvent(USER, TAG))
                .when(new StarTagCommand(USER, TAG))
                .expectEvents(new TagStarredEvent(USER, TAG));
    }
}
