package io.pulse.store.recommend;

import io.pulse.core.recommend.Ranking;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * The table {@code recommendations}: each user's top items at a cutoff, rank 1 first. Re-created in
 * one transaction: it holds the latest run only and is derived from the events, so a reader never
 * sees half a run or two cutoffs mixed.
 */
public final class RecommendationTable {

    public static final String DDL = """
            CREATE OR REPLACE TABLE recommendations (
                user_id VARCHAR NOT NULL,
                rank    INTEGER NOT NULL,
                item_id VARCHAR NOT NULL,
                score   DOUBLE NOT NULL,
                cutoff  DATE NOT NULL
            )""";

    private RecommendationTable() {
    }

    /** Replaces the table by these rankings; returns the rows written. */
    static long write(PulseStore store, InteractionReader.History h, Ranking[] ranked, LocalDate cutoff) {
        Connection c = store.connection();
        long rows = 0;
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(DDL);
                }
                try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "recommendations")) {
                    for (int u = 0; u < ranked.length; u++) {
                        for (int r = 0; r < ranked[u].size(); r++) {
                            a.beginRow().append(h.userIds()[u]).append(r + 1).append(h.itemIds()[ranked[u].items()[r]])
                                    .append(ranked[u].scores()[r]).append(cutoff).endRow();
                            rows++;
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the recommendations: " + e.getMessage(), e);
        }
        return rows;
    }
}
