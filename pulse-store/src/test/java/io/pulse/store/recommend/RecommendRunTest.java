package io.pulse.store.recommend;

import io.pulse.store.GeneratedStore;

import io.pulse.core.PulseInputException;
import io.pulse.core.recommend.RecommenderConfig;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A generated store (6,000 users, a year): recommendations checked against scores recomputed in
 * SQL, and the time-split evaluation against the popularity baseline.
 */
class RecommendRunTest {

    /** The defaults without a cap on neighbours per item, so that SQL can recompute every score. */
    private static final RecommenderConfig ALL_NEIGHBOURS = new RecommenderConfig(1, 3, 5, 0.5, 2, 100, 1_000_000);

    @TempDir
    static Path dir;
    private static PulseStore store;
    private static LocalDate cutoff;
    private static RecommendRun.Result result;

    @BeforeAll
    static void generateIngestAndRecommend() throws IOException {
        store = GeneratedStore.openEventsOnly(dir, 6000, 365, 11L);
        cutoff = FeatureTable.lastEventDay(store);
        result = RecommendRun.run(store, new RecommendRun.Options(cutoff, 10, 30, ALL_NEIGHBOURS), 5);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static long scalar(String sql) {
        return store.scalarLong(sql);
    }

    @Test
    void everyRecommendedUserHasRanksOneToAtMostTopAtTheCutoff() {
        assertThat(scalar("SELECT count(*) FROM recommendations")).isEqualTo(result.rows());
        assertThat(scalar("SELECT count(DISTINCT user_id) FROM recommendations")).isEqualTo(result.recommended());
        assertThat(scalar("SELECT count(*) FROM (SELECT user_id FROM recommendations GROUP BY user_id"
                + " HAVING min(rank) <> 1 OR max(rank) <> count(*) OR count(*) > 10)")).isZero();
        assertThat(scalar("SELECT count(*) FROM recommendations WHERE cutoff <> DATE '" + cutoff + "'")).isZero();
        assertThat(result.users()).isEqualTo(scalar("SELECT count(DISTINCT user_id) FROM events"
                + " WHERE type IN ('view', 'cart', 'purchase') AND item_id IS NOT NULL"));
        assertThat(result.recommended()).isGreaterThan(result.users() / 2);
    }

    @Test
    void noUserIsRecommendedAnItemTheyBoughtBeforeTheCutoff() {
        assertThat(scalar("SELECT count(*) FROM recommendations r SEMI JOIN events e ON e.user_id = r.user_id"
                + " AND e.item_id = r.item_id AND e.type = 'purchase'")).isZero();
    }

    @Test
    void scoresAndOrderMatchTheCosineSumRecomputedInSql() throws SQLException {
        for (RecommendRun.UserRecommendations sample : result.sample()) {
            Map<String, Double> sql = new HashMap<>();
            try (PreparedStatement p = store.connection().prepareStatement(SQL_SCORES)) {
                p.setString(1, sample.userId());
                p.setString(2, sample.userId());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        sql.put(rs.getString(1), rs.getDouble(2));
                    }
                }
            }
            // Each item's score, then the k-th best score at every rank: no better item was left out.
            // Items are not compared rank by rank, as equal sums in another order may differ in the last bit.
            double[] best = sql.values().stream().sorted(Comparator.reverseOrder()).limit(10)
                    .mapToDouble(Double::doubleValue).toArray();
            assertThat(sample.scores()).as(sample.userId()).hasSize(best.length);
            for (int r = 0; r < best.length; r++) {
                String item = sample.itemIds().get(r);
                assertThat(sample.scores()[r]).as(item).isCloseTo(sql.get(item), within(1e-9 * best[r]))
                        .isCloseTo(best[r], within(1e-9 * best[r]));
            }
        }
        assertThat(result.sample()).hasSize(5);
    }

    /**
     * Each user's 100 strongest, then latest, items; s_ij = c_ij / sqrt(n_i n_j) for c_ij >= 2;
     * score_uj = sum_i w_ui s_ij over u's items, less what u bought.
     */
    private static final String SQL_SCORES = """
            WITH all_items AS (
                SELECT user_id, item_id, max(CASE type WHEN 'purchase' THEN 5 WHEN 'cart' THEN 3 ELSE 1 END) AS w,
                       max(ts) AS last
                FROM events WHERE type IN ('view', 'cart', 'purchase') AND item_id IS NOT NULL
                GROUP BY ALL),
            w AS (
                SELECT user_id, item_id, w FROM all_items
                QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY w DESC, last DESC, item_id) <= 100),
            n AS (SELECT item_id, count(*) AS n FROM w GROUP BY item_id),
            mine AS (SELECT item_id, w FROM w WHERE user_id = ?),
            c AS (
                SELECT m.item_id AS i, o.item_id AS j, count(*) AS c
                FROM mine m JOIN w a ON a.item_id = m.item_id JOIN w o ON o.user_id = a.user_id AND o.item_id <> m.item_id
                GROUP BY ALL
                HAVING count(*) >= 2)
            SELECT c.j, sum(m.w * c.c / sqrt(ni.n * nj.n)) AS score
            FROM c JOIN mine m ON m.item_id = c.i JOIN n ni ON ni.item_id = c.i JOIN n nj ON nj.item_id = c.j
            WHERE c.j NOT IN (SELECT item_id FROM events WHERE user_id = ? AND type = 'purchase' AND item_id IS NOT NULL)
            GROUP BY c.j""";

    @Test
    void coOccurrenceBeatsPopularityOnHitRateAtTenOnTheHeldOutMonth() {
        RecommendRun.Evaluation e = RecommendRun.evaluate(store, RecommendRun.Options.defaults(cutoff));
        System.out.printf("evaluation 6,000 users: co-occurrence hit %.4f recall %.4f; popularity hit %.4f recall %.4f;"
                + " users %d%n", e.cooccurrence().hitRate(), e.cooccurrence().recall(), e.popularity().hitRate(),
                e.popularity().recall(), e.users());
        assertThat(e.split()).isEqualTo(cutoff.minusDays(30));
        assertThat(e.users()).isEqualTo(e.popularity().users()).isEqualTo(scalar(evaluatedUsers(e.split())));
        assertThat(e.cooccurrence().hitRate()).isGreaterThan(e.popularity().hitRate());
        assertThat(e.cooccurrence().recall()).isBetween(0.0, e.cooccurrence().hitRate());
    }

    /** Users with a history up to the split and a cart or purchase after it of an item they had not bought. */
    private static String evaluatedUsers(LocalDate split) {
        String before = "ts < DATE '" + split + "' + INTERVAL 1 DAY";
        return "SELECT count(DISTINCT f.user_id) FROM events f"
                + " WHERE f.type IN ('cart', 'purchase') AND f.item_id IS NOT NULL AND f.ts >= DATE '" + split
                + "' + INTERVAL 1 DAY AND f.ts < DATE '" + cutoff + "' + INTERVAL 1 DAY"
                + " AND f.user_id IN (SELECT user_id FROM events WHERE type IN ('view', 'cart', 'purchase')"
                + " AND item_id IS NOT NULL AND " + before + ")"
                + " AND NOT EXISTS (SELECT 1 FROM events b WHERE b.user_id = f.user_id AND b.item_id = f.item_id"
                + " AND b.type = 'purchase' AND b." + before + ")";
    }

    @Test
    void runningAgainReplacesTheRowsWithTheSameRecommendations() {
        String rows = "SELECT string_agg(user_id || ':' || rank || ':' || item_id, ',' ORDER BY user_id, rank)"
                + " FROM recommendations";
        String before = TestText.one(store, rows);
        RecommendRun.Result again = RecommendRun.run(store, new RecommendRun.Options(cutoff, 10, 30, ALL_NEIGHBOURS), 0);
        assertThat(TestText.one(store, rows)).isEqualTo(before);
        assertThat(scalar("SELECT count(*) FROM recommendations")).isEqualTo(again.rows()).isEqualTo(result.rows());
    }

    @Test
    void aHoldoutReachingBeforeTheFirstEventIsABadInput() {
        assertThatThrownBy(() -> RecommendRun.evaluate(store, new RecommendRun.Options(cutoff, 10, 400,
                RecommenderConfig.defaults()))).isInstanceOf(PulseInputException.class)
                .hasMessageContaining("before the first event");
    }
}
