package io.pulse.store.recommend;

import io.pulse.core.recommend.InteractionType;
import io.pulse.core.recommend.Interactions;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads item interactions from {@code events} as dense indexes. Days are UTC days; the only values
 * that reach the SQL are the day bounds, as parameters.
 */
final class InteractionReader {

    /** Interactions with the ids behind the indexes: user u is {@code userIds[u]}, in id order, as are items. */
    record History(String[] userIds, String[] itemIds, Interactions interactions) {

        Map<String, Integer> userIndex() {
            return index(userIds);
        }

        Map<String, Integer> itemIndex() {
            return index(itemIds);
        }

        private static Map<String, Integer> index(String[] ids) {
            Map<String, Integer> out = new HashMap<>(ids.length * 2);
            for (int k = 0; k < ids.length; k++) {
                out.put(ids[k], k);
            }
            return out;
        }
    }

    /** Carted or bought items after a split, as indexes of a {@link History}. */
    record Targets(int[] user, int[] item) {
    }

    private static final String TYPES = "type IN ('view', 'cart', 'purchase') AND item_id IS NOT NULL";

    // One row per (user, item, type): a user viewing an item fifty times says no more than once.
    private static final String HISTORY = """
            WITH pairs AS (
                SELECT user_id, item_id, type, epoch_ms(max(ts)) AS last
                FROM events
                WHERE %s AND ts < CAST(? AS DATE) + INTERVAL 1 DAY
                GROUP BY user_id, item_id, type)
            SELECT dense_rank() OVER (ORDER BY user_id) - 1, user_id,
                   dense_rank() OVER (ORDER BY item_id) - 1, item_id, type, last
            FROM pairs""".formatted(TYPES);

    private static final String TARGETS = """
            SELECT DISTINCT user_id, item_id
            FROM events
            WHERE type IN ('cart', 'purchase') AND item_id IS NOT NULL
              AND ts >= CAST(? AS DATE) + INTERVAL 1 DAY AND ts < CAST(? AS DATE) + INTERVAL 1 DAY
            ORDER BY user_id, item_id""";

    private InteractionReader() {
    }

    /** Every view, cart and purchase of an item up to and including {@code lastDay}. */
    static History read(PulseStore store, LocalDate lastDay) {
        List<String> userIds = new ArrayList<>();
        List<String> itemIds = new ArrayList<>();
        Growing rows = new Growing();
        try (PreparedStatement p = store.connection().prepareStatement(HISTORY)) {
            p.setString(1, lastDay.toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    int u = rs.getInt(1);
                    int i = rs.getInt(3);
                    put(userIds, u, rs, 2);
                    put(itemIds, i, rs, 4);
                    rows.add(u, i, InteractionType.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getLong(6));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the interactions: " + e.getMessage(), e);
        }
        Interactions in = new Interactions(userIds.size(), itemIds.size(), Arrays.copyOf(rows.user, rows.size),
                Arrays.copyOf(rows.item, rows.size), Arrays.copyOf(rows.type, rows.size), Arrays.copyOf(rows.at, rows.size));
        return new History(userIds.toArray(String[]::new), itemIds.toArray(String[]::new), in);
    }

    /**
     * The items carted or bought in the days after {@code split} up to and including {@code lastDay},
     * by users of the history. An item the history never saw gets an index of its own past the
     * catalogue, so that it counts as a target no model can find.
     */
    static Targets targets(PulseStore store, History history, LocalDate split, LocalDate lastDay) {
        Map<String, Integer> users = history.userIndex();
        Map<String, Integer> items = history.itemIndex();
        Map<String, Integer> unseen = new HashMap<>();
        Growing rows = new Growing();
        try (PreparedStatement p = store.connection().prepareStatement(TARGETS)) {
            p.setString(1, split.toString());
            p.setString(2, lastDay.toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Integer u = users.get(rs.getString(1));
                    if (u != null) {
                        String id = rs.getString(2);
                        Integer i = items.get(id);
                        int item = i != null ? i : unseen.computeIfAbsent(id, k -> items.size() + unseen.size());
                        rows.add(u, item, InteractionType.CART, 0);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the held-out interactions: " + e.getMessage(), e);
        }
        return new Targets(Arrays.copyOf(rows.user, rows.size), Arrays.copyOf(rows.item, rows.size));
    }

    private static void put(List<String> ids, int index, ResultSet rs, int column) throws SQLException {
        // dense_rank hands out indexes in id order but rows come in any order.
        while (ids.size() <= index) {
            ids.add(null);
        }
        if (ids.get(index) == null) {
            ids.set(index, rs.getString(column));
        }
    }

    /** Growable columns of interactions. */
    private static final class Growing {
        int[] user = new int[1024];
        int[] item = new int[1024];
        InteractionType[] type = new InteractionType[1024];
        long[] at = new long[1024];
        int size;

        void add(int u, int i, InteractionType t, long when) {
            if (size == user.length) {
                user = Arrays.copyOf(user, size * 2);
                item = Arrays.copyOf(item, size * 2);
                type = Arrays.copyOf(type, size * 2);
                at = Arrays.copyOf(at, size * 2);
            }
            user[size] = u;
            item[size] = i;
            type[size] = t;
            at[size] = when;
            size++;
        }
    }
}
