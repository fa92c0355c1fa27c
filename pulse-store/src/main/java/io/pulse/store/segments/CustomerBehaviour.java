package io.pulse.store.segments;

import io.pulse.core.segments.BehaviourFeature;
import io.pulse.store.PulseStore;
import io.pulse.store.Sql;
import io.pulse.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The columns segmentation works on, one entry per user of the {@code features} table, read in one
 * query: the {@link BehaviourFeature}s, RFM inputs, 12-month CLV and attributes.
 *
 * <p>Two behaviour features are derived here rather than in the feature table: views per session, and
 * the price index, each purchase's unit price over the median unit price of its category (on
 * purchases up to the cutoff), averaged per customer. Browse figures of a user with no sessions, and
 * order value and price index of one who has not bought, are NaN (missing; see
 * {@link BehaviourFeature#whenMissing()}). A user with no events at all counts their days since signup
 * as days since the last visit.
 *
 * @param behaviour {@code behaviour[feature][user]} in {@link BehaviourFeature} order, NaN where missing
 * @param recencyDays days from the last purchase to the cutoff; NaN for a user who has not bought
 * @param clv discounted 12-month CLV; 0 for a user the CLV model does not score (no purchase)
 * @param attributes {@code attributes[a][user]} for {@link #ATTRIBUTES}; null when unknown
 */
record CustomerBehaviour(LocalDate cutoff, String[] userIds, double[][] behaviour, double[] monetary,
        double[] recencyDays, double[] frequency, double[] clv, String[][] attributes) {

    static final String[] ATTRIBUTES = {"age_band", "gender", "region", "channel"};

    int size() {
        return userIds.length;
    }

    /** Reads the features table (built at {@code cutoff}) joined with the CLV of {@code clvModel}. */
    static CustomerBehaviour read(PulseStore store, LocalDate cutoff, String clvModel) {
        String end = "TIMESTAMP " + Sql.literal(cutoff.plusDays(1) + " 00:00:00");
        String sql = """
                WITH purchases AS (
                    SELECT user_id, category, amount / greatest(coalesce(quantity, 1), 1) AS unit_price
                    FROM events WHERE type = 'purchase' AND amount > 0 AND ts < %s
                ), medians AS (
                    SELECT category, median(unit_price) AS median_price FROM purchases GROUP BY category
                ), price AS (
                    SELECT p.user_id, avg(p.unit_price / m.median_price) AS price_index
                    FROM purchases p JOIN medians m ON p.category IS NOT DISTINCT FROM m.category
                    WHERE m.median_price > 0
                    GROUP BY p.user_id
                )
                SELECT f.user_id,
                    f.purchases_per_30d,
                    f.sessions_per_30d,
                    f.browse_minutes_per_session,
                    CASE WHEN f.sessions > 0 THEN f.views / f.sessions END,
                    CAST(f.aov AS DOUBLE),
                    price.price_index,
                    f.category_breadth,
                    coalesce(f.days_since_last_visit, f.tenure_days),
                    CAST(f.monetary_total AS DOUBLE),
                    f.recency_days,
                    f.frequency,
                    coalesce(c.clv, 0),
                    f.age_band, f.gender, f.region, f.channel
                FROM features f
                LEFT JOIN price USING (user_id)
                LEFT JOIN clv_customers c ON c.user_id = f.user_id AND c.model = ? AND c.cutoff = f.cutoff
                ORDER BY f.user_id
                """.formatted(end);
        int d = BehaviourFeature.values().length;
        List<String> ids = new ArrayList<>();
        Columns numbers = new Columns(d + 4);
        List<String[]> attributes = new ArrayList<>();
        try (PreparedStatement s = store.connection().prepareStatement(sql)) {
            s.setString(1, clvModel);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    double[] row = new double[d + 4];
                    for (int j = 0; j < d + 4; j++) {
                        double v = rs.getDouble(2 + j);
                        row[j] = rs.wasNull() ? Double.NaN : v;
                    }
                    numbers.add(row);
                    String[] a = new String[ATTRIBUTES.length];
                    for (int j = 0; j < a.length; j++) {
                        a[j] = rs.getString(2 + d + 4 + j);
                    }
                    attributes.add(a);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the customer features: " + e.getMessage(), e);
        }
        double[][] columns = numbers.get();
        String[][] byAttribute = new String[ATTRIBUTES.length][ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            for (int j = 0; j < ATTRIBUTES.length; j++) {
                byAttribute[j][i] = attributes.get(i)[j];
            }
        }
        return new CustomerBehaviour(cutoff, ids.toArray(String[]::new), Arrays.copyOf(columns, d), columns[d],
                columns[d + 1], columns[d + 2], columns[d + 3], byAttribute);
    }

    /** The behaviour features as rows {@code [user][feature]}, missing values filled, as k-means takes them. */
    double[][] rows() {
        BehaviourFeature[] features = BehaviourFeature.values();
        double[][] out = new double[size()][behaviour.length];
        for (int f = 0; f < behaviour.length; f++) {
            double fill = Double.isNaN(features[f].whenMissing()) ? median(behaviour[f]) : features[f].whenMissing();
            for (int i = 0; i < out.length; i++) {
                double v = behaviour[f][i];
                out[i][f] = Double.isNaN(v) ? fill : v;
            }
        }
        return out;
    }

    /** Median of the values present; 0 when none is. */
    static double median(double[] values) {
        double[] present = java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (present.length == 0) {
            return 0;
        }
        int mid = present.length / 2;
        return present.length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
    }

    /** Growing primitive columns. */
    private static final class Columns {
        private double[][] data;
        private int size;

        Columns(int width) {
            data = new double[width][1024];
        }

        void add(double[] row) {
            if (size == data[0].length) {
                for (int k = 0; k < data.length; k++) {
                    data[k] = Arrays.copyOf(data[k], size * 2);
                }
            }
            for (int k = 0; k < data.length; k++) {
                data[k][size] = row[k];
            }
            size++;
        }

        double[][] get() {
            double[][] out = new double[data.length][];
            for (int k = 0; k < data.length; k++) {
                out[k] = Arrays.copyOf(data[k], size);
            }
            return out;
        }
    }
}
