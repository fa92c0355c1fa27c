package io.pulse.store.thresholds;

import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * The table {@code thresholds}: one row per user, re-created as a whole in one transaction (it holds
 * the latest run and is derived from the events, so its columns may change freely).
 */
public final class ThresholdTable {

    public static final String DDL = """
            CREATE OR REPLACE TABLE thresholds (
                user_id                 VARCHAR NOT NULL,
                segment                 VARCHAR NOT NULL,
                active_days             INTEGER NOT NULL,
                own_median_gap_days     DOUBLE,
                dormancy_threshold_days DOUBLE,
                days_since_last_active  INTEGER NOT NULL,
                beyond_threshold        BOOLEAN,
                engagement_threshold    DOUBLE,
                probability             DOUBLE,
                reason                  VARCHAR NOT NULL,
                cutoff                  DATE NOT NULL
            )""";

    private ThresholdTable() {
    }

    static void write(PulseStore store, ThresholdRun.UserThreshold[] users, LocalDate cutoff) {
        Connection c = store.connection();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(DDL);
                }
                try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "thresholds")) {
                    for (ThresholdRun.UserThreshold u : users) {
                        double days = u.dormancy().days();
                        a.beginRow().append(u.userId()).append(u.segment()).append(u.activeDays())
                                .append(orNull(u.ownMedianGapDays())).append(orNull(days))
                                .append(u.daysSinceLastActive())
                                .append(Double.isNaN(days) ? null : Boolean.valueOf(u.beyondThreshold()))
                                .append(orNull(u.engagementCut())).append(orNull(u.probability()))
                                .append(u.reason()).append(cutoff).endRow();
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
            throw new StoreException("cannot write the thresholds: " + e.getMessage(), e);
        }
    }

    /** The table has no NaN: a missing figure is null. */
    private static Double orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
