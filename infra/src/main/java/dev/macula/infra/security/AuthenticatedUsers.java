package dev.macula.infra.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariDataSource;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.identity.UserId;
import dev.macula.api.identity.UserQueries.FindUserQuery;
import dev.macula.api.identity.UserView;
import dev.macula.projection.identity.UserRowChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The users that access tokens name, kept in memory so that a request does not load its caller from
 * PostgreSQL each time — and yet a changed role counts from the next request on (docs/api.md §9.2 item 5).
 *
 * <p>How a change reaches the cache:
 * <ul>
 *   <li>on this node, the user projection announces it after its commit ({@link UserRowChanged}), so
 *       the row is forgotten before the command's answer leaves;</li>
 *   <li>on every node, a trigger on {@code app_user} sends a NOTIFY that PostgreSQL delivers when the
 *       changing transaction commits (V24 migration), heard here on a connection of its own.</li>
 * </ul>
 * A request that read the old row while the change was committing must not leave it here afterwards:
 * every change moves the counter before it forgets, and a request puts its row first and takes it out
 * again if the counter moved since it began to read.
 * Whenever the listening connection is down, nothing is served from memory (every request loads its
 * caller as before), and everything is forgotten, because a notification may have been missed.
 */
@Component
public class AuthenticatedUsers implements SmartLifecycle {

    static final String CHANNEL = "macula_user_changed";
    private static final Logger log = LoggerFactory.getLogger(AuthenticatedUsers.class);
    /** A dead listening connection is noticed within this (a check query each round). */
    private static final Duration ROUND = Duration.ofMillis(500);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final Cache<Long, CurrentUser> users = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();
    private final AtomicLong changes = new AtomicLong();
    private final QueryGateway queries;
    private final DataSource dataSource;
    private final Counter fromMemory;
    private final Counter fromDatabase;
    private volatile boolean listening;
    private volatile boolean running;
    private volatile Thread listener;

    public AuthenticatedUsers(QueryGateway queries, DataSource dataSource, MeterRegistry registry) {
        this.queries = queries;
        this.dataSource = dataSource;
        this.fromMemory = lookups(registry, "memory");
        this.fromDatabase = lookups(registry, "database");
    }

    private static Counter lookups(MeterRegistry registry, String source) {
        return Counter.builder("macula.authenticated.users")
                .description("Users of access tokens looked up, by where they came from: memory or the database")
                .tag("source", source).register(registry);
    }

    /** The user with this id as a request acts for it, or null when there is none. */
    public CurrentUser find(long id) {
        if (listening) {
            CurrentUser known = users.getIfPresent(id);
            if (known != null) {
                fromMemory.increment();
                return known;
            }
        }
        long before = changes.get();
        fromDatabase.increment();
        UserView view = queries.query(new FindUserQuery(UserId.of(id)), ResponseTypes.instanceOf(UserView.class)).join();
        if (view == null) {
            return null;
        }
        CurrentUser user = new CurrentUser(view.id(), view.username(), view.role());
        if (listening) {
            users.put(id, user);
            if (changes.get() != before) {
                users.invalidate(id); // it may be the row from before a change heard meanwhile: not kept
            }
        }
        return user;
    }

    @EventListener
    void on(UserRowChanged change) {
        forget(change.userId());
    }

    private void forget(long id) {
        changes.incrementAndGet();
        users.invalidate(id);
    }

    private void forgetEverything() {
        changes.incrementAndGet();
        users.invalidateAll();
    }

    private void listen() {
        while (running) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                forgetEverything(); // whatever changed while nobody listened
                listening = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    statement.execute("select 1"); // a dead connection fails here, not silently
                    PGNotification[] arrived = notifications.getNotifications((int) ROUND.toMillis());
                    if (arrived != null) {
                        for (PGNotification notification : arrived) {
                            heard(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (listening) {
                    log.warn("Lost the user-change notifications ({}); users are loaded per request until they are back",
                            e.getMessage());
                }
            } finally {
                listening = false;
                forgetEverything();
            }
            pause();
        }
    }

    private void heard(String payload) {
        if ("*".equals(payload)) {
            forgetEverything();
            return;
        }
        try {
            forget(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            forgetEverything();
        }
    }

    /** A connection of its own, outside the pool: it is held for as long as the node runs. */
    private Connection connect() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            Properties properties = new Properties();
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("ApplicationName", "macula user-change listener");
            properties.setProperty("connectTimeout", "5");
            properties.setProperty("socketTimeout", "10");
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        }
        throw new SQLException("no HikariDataSource to open a listening connection from");
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().daemon().name("user-change-listener").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
