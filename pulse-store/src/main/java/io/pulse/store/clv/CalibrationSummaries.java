package io.pulse.store.clv;

import io.pulse.core.PulseInputException;
import io.pulse.core.clv.CustomerSummaries;
import io.pulse.store.PulseStore;
import io.pulse.store.Sql;
import io.pulse.store.StoreException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-customer calibration summaries (x, t_x, T, m_x) of the store's purchase events up to and
 * including a cutoff day, derived as BTYD does (walkthrough §3.1; shared/data/cdnow/EXPECTED.md §1):
 * same-day purchases are merged and their amounts summed, time zero is each customer's first purchase
 * day, x counts the other purchase days, and m_x is the mean of the repeat days' amounts.
 *
 * <p>Customers whose first purchase falls on the cutoff day itself are left out: their T is 0, they
 * carry no information about purchase rates (their BG/NBD likelihood is exactly 1), and the models
 * need T > 0.
 *
 * @param userIds the customers, in the order of the arrays
 */
public record CalibrationSummaries(LocalDate cutoff, ClvUnit unit, List<String> userIds, double[] x, double[] tx,
        double[] T, double[] mx) {

    /** Computes the summaries in DuckDB from the {@code purchase} events with {@code ts < cutoff + 1 day} (UTC). */
    public static CalibrationSummaries compute(PulseStore store, LocalDate cutoff, ClvUnit unit) {
        String day = "DATE " + Sql.literal(cutoff.toString());
        String sql = """
                WITH days AS (
                    SELECT user_id, CAST(ts AS DATE) AS d, sum(coalesce(amount, 0))::DOUBLE AS amount
                    FROM events
                    WHERE type = 'purchase' AND ts < %1$s + INTERVAL 1 DAY
                    GROUP BY user_id, CAST(ts AS DATE)
                ), marked AS (
                    SELECT *, min(d) OVER (PARTITION BY user_id) AS first_day FROM days
                )
                SELECT user_id,
                       count(*) - 1 AS x,
                       date_diff('day', min(d), max(d)) AS span_days,
                       date_diff('day', min(d), %1$s) AS age_days,
                       coalesce(avg(amount) FILTER (WHERE d > first_day), 0) AS mx
                FROM marked
                GROUP BY user_id
                HAVING min(d) < %1$s
                ORDER BY user_id
                """.formatted(day);
        List<String> ids = new ArrayList<>();
        DoubleColumns columns = new DoubleColumns();
        double unitDays = unit.days();
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
                columns.add(rs.getLong(2), rs.getLong(3) / unitDays, rs.getLong(4) / unitDays, rs.getDouble(5));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot summarise purchases: " + e.getMessage(), e);
        }
        if (ids.isEmpty()) {
            throw new PulseInputException(store.path().toString(), "no customer made a purchase event before the cutoff "
                    + cutoff + ": nothing to fit (is the event type 'purchase', and is the cutoff after the first purchase?)");
        }
        return new CalibrationSummaries(cutoff, unit, List.copyOf(ids), columns.get(0), columns.get(1), columns.get(2),
                columns.get(3));
    }

    public int customers() {
        return userIds.size();
    }

    /** Recency-frequency summaries for {@code BgNbdModel} and {@code ParetoNbdModel}. */
    public CustomerSummaries recencyFrequency() {
        return CustomerSummaries.of(x, tx, T);
    }

    /**
     * Summaries with m_x for {@code GammaGammaModel}. Repeat customers whose repeat days sum to no
     * money (free orders, missing amounts) are left out, since the Gamma-Gamma density needs m_x > 0.
     */
    public CustomerSummaries withSpend() {
        DoubleColumns kept = new DoubleColumns();
        for (int i = 0; i < x.length; i++) {
            if (x[i] == 0 || mx[i] > 0) {
                kept.add(x[i], tx[i], T[i], mx[i]);
            }
        }
        return CustomerSummaries.of(kept.get(0), kept.get(1), kept.get(2), kept.get(3));
    }

    /** Four growing primitive columns. */
    private static final class DoubleColumns {
        private double[][] data = new double[4][1024];
        private int size;

        void add(double a, double b, double c, double d) {
            if (size == data[0].length) {
                for (int k = 0; k < 4; k++) {
                    data[k] = Arrays.copyOf(data[k], size * 2);
                }
            }
            data[0][size] = a;
            data[1][size] = b;
            data[2][size] = c;
            data[3][size++] = d;
        }

        double[] get(int k) {
            return Arrays.copyOf(data[k], size);
        }
    }
}
