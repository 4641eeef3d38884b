package dev.macula.query.search;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.macula.query.imaging.ImagingReader;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Connections of their own for the parts of a search page, read at the same time instead of in
 * turn (the page's images, their tags and attributes, their studies with series and tags: seven
 * set-based queries, docs/performance.md "Search"). A separate small pool, because the search's
 * own thread already holds a connection of the main pool for its query's transaction: if the
 * parts borrowed from that pool too, enough concurrent searches could each hold one connection
 * while waiting for another. Here every part holds one connection and waits for nothing else.
 */
@Component
class ParallelReads implements DisposableBean {

    static final int CONNECTIONS = 8;

    private final HikariDataSource pool;
    private final ImagingReader reader;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    ParallelReads(DataSource dataSource) {
        this.pool = dataSource instanceof HikariDataSource main ? poolLike(main) : null;
        this.reader = pool == null ? null : ImagingReader.on(new JdbcTemplate(pool));
    }

    private static HikariDataSource poolLike(HikariDataSource main) {
        HikariConfig config = new HikariConfig();
        main.copyStateTo(config); // the same database, credentials and timeouts, wherever they came from
        config.setPoolName("search-parts");
        config.setMaximumPoolSize(CONNECTIONS);
        config.setMinimumIdle(0); // no connections held for an instance that never searches
        return new HikariDataSource(config);
    }

    /** False when the data source is not a Hikari pool: search pages are then read in turn. */
    boolean available() {
        return reader != null;
    }

    ImagingReader reader() {
        return reader;
    }

    ExecutorService executor() {
        return executor;
    }

    @Override
    public void destroy() {
        executor.shutdown();
        if (pool != null) {
            pool.close();
        }
    }
}
