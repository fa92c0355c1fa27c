package io.pulse.store.backtest;

import io.pulse.core.backtest.CatchScore;
import io.pulse.core.backtest.ThresholdComparison;
import io.pulse.core.backtest.Uplift;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The tables {@code backtest_policies} (one row per threshold policy) and {@code backtest_uplift}
 * (one row per rule), replaced together in one transaction: they hold the latest backtest.
 */
final class BacktestTables {

    static final String POLICIES_DDL = """
            CREATE OR REPLACE TABLE backtest_policies (
                policy           VARCHAR NOT NULL,
                threshold_days   INTEGER,
                cut              DOUBLE,
                actions          BIGINT NOT NULL,
                caught           BIGINT NOT NULL,
                churners         BIGINT NOT NULL,
                precision        DOUBLE NOT NULL,
                recall           DOUBLE NOT NULL,
                f1               DOUBLE NOT NULL,
                median_lead_days DOUBLE,
                churn_days       INTEGER NOT NULL,
                cutoffs          INTEGER NOT NULL,
                run_at           TIMESTAMP NOT NULL
            )""";

    static final String UPLIFT_DDL = """
            CREATE OR REPLACE TABLE backtest_uplift (
                rule_id            VARCHAR NOT NULL,
                action             VARCHAR,
                treated            BIGINT NOT NULL,
                control            BIGINT NOT NULL,
                treated_retention  DOUBLE,
                control_retention  DOUBLE,
                retention_diff     DOUBLE,
                ci_low             DOUBLE,
                ci_high            DOUBLE,
                treated_revenue    DOUBLE,
                control_revenue    DOUBLE,
                revenue_diff       DOUBLE,
                revenue_ci_low     DOUBLE,
                revenue_ci_high    DOUBLE,
                window_days        INTEGER NOT NULL,
                run_at             TIMESTAMP NOT NULL
            )""";

    private BacktestTables() {
    }

    static void write(PulseStore store, BacktestRun.Result r) {
        Connection c = store.connection();
        LocalDateTime at = LocalDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC);
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(POLICIES_DDL);
                s.execute(UPLIFT_DDL);
                ThresholdComparison.Result t = r.thresholds();
                if (t != null) {
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO backtest_policies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        policy(p, "fixed", t.fixed().thresholdDays(), null, t.fixed().score(), t, at);
                        policy(p, "personal", null, t.personal().riskCut(), t.personal().score(), t, at);
                        policy(p, "beyond_threshold", null, t.beyondThreshold().quantile(),
                                t.beyondThreshold().score(), t, at);
                        p.executeBatch();
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO backtest_uplift VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Uplift u : r.uplift()) {
                        p.setString(1, u.rule());
                        p.setString(2, u.action());
                        p.setLong(3, u.treated());
                        p.setLong(4, u.control());
                        double[] figures = {u.treatedRetention(), u.controlRetention(), u.retentionDiff(), u.ciLow(),
                                u.ciHigh(), u.treatedRevenue(), u.controlRevenue(), u.revenueDiff(), u.revenueCiLow(),
                                u.revenueCiHigh()};
                        for (int k = 0; k < figures.length; k++) {
                            setNullable(p, 5 + k, figures[k]);
                        }
                        p.setInt(15, r.options().windowDays());
                        p.setObject(16, at);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the backtest tables: " + e.getMessage(), e);
        }
    }

    /** @param cut the risk cut of the personal policy, the quantile of the threshold one */
    private static void policy(PreparedStatement p, String name, Integer days, Double cut, CatchScore s,
            ThresholdComparison.Result t, LocalDateTime at) throws SQLException {
        p.setString(1, name);
        p.setObject(2, days);
        if (cut == null) {
            p.setNull(3, Types.DOUBLE);
        } else {
            setNullable(p, 3, cut);
        }
        p.setLong(4, s.actions());
        p.setLong(5, s.caught());
        p.setLong(6, s.churners());
        p.setDouble(7, s.precision());
        p.setDouble(8, s.recall());
        p.setDouble(9, s.f1());
        setNullable(p, 10, s.medianLeadDays());
        p.setInt(11, t.horizonDays());
        p.setInt(12, t.cutoffs());
        p.setObject(13, at);
        p.addBatch();
    }

    private static void setNullable(PreparedStatement p, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            p.setNull(index, Types.DOUBLE);
        } else {
            p.setDouble(index, value);
        }
    }
}
