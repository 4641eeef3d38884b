package dev.macula.infra.security;

import dev.macula.api.common.TooManyRequestsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoginThrottleTest {

    private static final int MAX_FAILURES = 3;
    private static final int LOCK_SECONDS = 30;

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        void advanceSeconds(long seconds) {
            advance(Duration.ofSeconds(seconds));
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private MutableClock clock;
    private LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        throttle = new LoginThrottle(MAX_FAILURES, LOCK_SECONDS, clock);
    }

    private void fail(String name, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name);
        }
    }

    private void assertOpen(String name) {
        assertThatCode(() -> throttle.check(name)).doesNotThrowAnyException();
    }

    private TooManyRequestsException assertLocked(String name) {
        TooManyRequestsException e = catchThrowableOfType(TooManyRequestsException.class, () -> throttle.check(name));
        assertThat(e).as("%s should be locked", name).isNotNull();
        return e;
    }

    @Test
    void unknownNameIsNotThrottled() {
        assertOpen("nobody");
    }

    @Test
    void fewerThanMaxFailuresPass() {
        for (int i = 1; i < MAX_FAILURES; i++) {
            throttle.failed("alice");
            assertOpen("alice");
        }
    }

    @Test
    void theNthFailureLocks() {
        fail("alice", MAX_FAILURES);

        TooManyRequestsException e = assertLocked("alice");
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfterSeconds()).isPositive();
        assertThat(e.retryAfterSeconds()).isBetween((long) LOCK_SECONDS, (long) LOCK_SECONDS + 1);
        assertThat(e.detail()).contains(Long.toString(e.retryAfterSeconds()));
    }

    @Test
    void retryAfterShrinksAsTheLockRunsOutAndIsEnough() {
        fail("alice", MAX_FAILURES);
        clock.advanceSeconds(20);

        long retryAfter = assertLocked("alice").retryAfterSeconds();
        assertThat(retryAfter).isBetween(10L, 11L);

        clock.advanceSeconds(retryAfter);
        assertOpen("alice");
    }

    @Test
    void lockExpiresAfterLockSeconds() {
        fail("alice", MAX_FAILURES);

        clock.advanceSeconds(LOCK_SECONDS - 1);
        assertLocked("alice");
        clock.advanceSeconds(1);
        assertOpen("alice");
    }

    @Test
    void theNextLockLastsTwiceAsLongAndTheOneAfterFourTimes() {
        fail("alice", MAX_FAILURES);
        clock.advanceSeconds(LOCK_SECONDS);
        assertOpen("alice");

        // after a lock the failure count starts again from zero
        fail("alice", MAX_FAILURES - 1);
        assertOpen("alice");
        throttle.failed("alice");
        assertThat(assertLocked("alice").retryAfterSeconds()).isGreaterThanOrEqualTo(2L * LOCK_SECONDS);
        clock.advanceSeconds(2L * LOCK_SECONDS - 1);
        assertLocked("alice");
        clock.advanceSeconds(1);
        assertOpen("alice");

        fail("alice", MAX_FAILURES);
        clock.advanceSeconds(4L * LOCK_SECONDS - 1);
        assertLocked("alice");
        clock.advanceSeconds(1);
        assertOpen("alice");
    }

    @Test
    void locksAreCappedAtFifteenMinutes() {
        throttle = new LoginThrottle(MAX_FAILURES, 300, clock);   // 5, 10, then 20 -> capped to 15 minutes
        for (int lock = 0; lock < 2; lock++) {
            fail("alice", MAX_FAILURES);
            clock.advance(Duration.ofMinutes(15));
        }
        fail("alice", MAX_FAILURES);

        assertThat(assertLocked("alice").retryAfterSeconds()).isBetween(900L, 901L);
        clock.advance(LoginThrottle.MAX_LOCK);
        assertOpen("alice");
    }

    @Test
    void successClearsTheFailures() {
        fail("alice", MAX_FAILURES - 1);
        throttle.succeeded("alice");

        fail("alice", MAX_FAILURES - 1);
        assertOpen("alice");
        throttle.failed("alice");
        assertLocked("alice");
    }

    @Test
    void successResetsTheEscalation() {
        fail("alice", MAX_FAILURES);
        clock.advanceSeconds(LOCK_SECONDS);
        throttle.succeeded("alice");

        fail("alice", MAX_FAILURES);
        clock.advanceSeconds(LOCK_SECONDS);
        assertOpen("alice");   // first-lock length again, not doubled
    }

    @Test
    void escalationWearsOffAWindowAfterTheLastLock() {
        fail("alice", MAX_FAILURES);
        clock.advanceSeconds(LOCK_SECONDS);
        clock.advance(LoginThrottle.WINDOW.plusSeconds(1));

        fail("alice", MAX_FAILURES);
        assertThat(assertLocked("alice").retryAfterSeconds()).isEqualTo(LOCK_SECONDS);
        clock.advanceSeconds(LOCK_SECONDS);
        assertOpen("alice");   // first-lock length again: the earlier lock is forgotten
    }

    @Test
    void successLiftsAnActiveLock() {
        fail("alice", MAX_FAILURES);
        assertLocked("alice");

        throttle.succeeded("alice");
        assertOpen("alice");
    }

    @Test
    void namesAreComparedCaseInsensitively() {
        throttle.failed("Admin");
        throttle.failed("admin");
        throttle.failed("ADMIN");

        assertLocked("admin");
        assertLocked("Admin");
        assertLocked("aDmIn");

        throttle.succeeded("ADMIN");
        assertOpen("admin");
    }

    @Test
    void namesAreComparedAccentInsensitivelyLikeTheCollation() {
        throttle.failed("José");
        throttle.failed("jose");
        throttle.failed("JOSE");

        assertLocked("josé");
    }

    @Test
    void otherNamesAreNotAffected() {
        fail("alice", MAX_FAILURES);

        assertLocked("alice");
        assertOpen("bob");
        assertOpen("alice2");
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        fail("alice", MAX_FAILURES - 1);
        clock.advance(LoginThrottle.WINDOW.plusSeconds(1));

        throttle.failed("alice");
        assertOpen("alice");
    }

    @Test
    void failuresInsideTheWindowAccumulate() {
        fail("alice", MAX_FAILURES - 1);
        clock.advance(LoginThrottle.WINDOW.minusSeconds(1));

        throttle.failed("alice");
        assertLocked("alice");
    }

    @Test
    void nonPositiveSettingsAreRaisedToOne() {
        LoginThrottle strict = new LoginThrottle(0, 0, clock);

        strict.failed("alice");
        assertThatCode(() -> strict.check("alice")).isInstanceOf(TooManyRequestsException.class);
        clock.advanceSeconds(1);
        assertThatCode(() -> strict.check("alice")).doesNotThrowAnyException();
    }
}
