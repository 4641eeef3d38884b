package dev.macula.infra.axon;

import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which application nodes are alive (a heartbeat row each, every second), and from that how many
 * segments of a pooled processor one node may hold: an equal share, rounded up. When a second node
 * starts, the first releases the surplus and the second claims it; when a node dies, its heartbeat
 * expires after {@value #EXPIRY_SECONDS} s and the survivors' share grows to take its segments over
 * (its claims expire in the same time).
 */
@Component
public class ClusterMembership implements MaxSegmentProvider {

    /** As long as a token claim lasts (Axon's claim timeout): a dead node's share and its claims end together. */
    static final int EXPIRY_SECONDS = 10;
    /** A survivor notices a death at most this long after the heartbeat expired. */
    static final int HEARTBEAT_SECONDS = 1;
    private static final Logger log = LoggerFactory.getLogger(ClusterMembership.class);

    private final JdbcTemplate jdbc;
    private final String nodeId = UUID.randomUUID().toString();
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("node-heartbeat").factory());
    private final Map<String, Integer> segments = new ConcurrentHashMap<>();
    private volatile int liveNodes = 1;

    ClusterMembership(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        beat.scheduleWithFixedDelay(this::heartbeat, 0, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    private void heartbeat() {
        try {
            jdbc.update("""
                    insert into node_heartbeat (node_id, last_seen) values (?, now())
                    on conflict (node_id) do update set last_seen = now()""", nodeId);
            Integer live = jdbc.queryForObject("select count(*) from node_heartbeat where last_seen > now() - "
                    + "make_interval(secs => ?)", Integer.class, EXPIRY_SECONDS);
            liveNodes = Math.max(1, live == null ? 1 : live);
            jdbc.query("select processorname, count(*) from tokenentry where processorname <> '__config' group by 1",
                    rs -> {
                        segments.put(rs.getString(1), rs.getInt(2));
                    });
        } catch (RuntimeException e) {
            // the database is away: keep the last known share (claims need the database anyway)
            log.debug("Heartbeat failed: {}", e.getMessage());
        }
    }

    public int liveNodes() {
        return liveNodes;
    }

    @Override
    public int getMaxSegments(String processorName) {
        Integer total = segments.get(processorName);
        if (total == null || total == 0) {
            return Short.MAX_VALUE; // not initialised yet: claim what there is
        }
        return (total + liveNodes - 1) / liveNodes;
    }

    @PreDestroy
    void leave() {
        beat.shutdownNow();
        try {
            jdbc.update("delete from node_heartbeat where node_id = ?", nodeId);
        } catch (RuntimeException e) {
            log.debug("Could not remove the heartbeat: {}", e.getMessage());
        }
    }
}
