package io.pulse.bench;

import io.pulse.core.activity.ActivityOptions;
import io.pulse.store.PulseStore;
import io.pulse.store.activity.StoreActivity;
import io.pulse.store.activity.StoreActivity.ActivityAnalysis;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Pulse's side of the activity race: {@link StoreActivity#analyze} with the defaults, as {@code pulse activity} runs it. */
final class PulseActivity {

    private PulseActivity() {
    }

    /** {@code stages} are seconds by what the statements do; they add up to {@code seconds}. */
    record Run(ActivityAnalysis analysis, double seconds, Map<String, Double> stages) {
    }

    static Run run(PulseStore store) throws SQLException {
        QueryLog log = QueryLog.start(store.connection());
        Instant begin = Instant.now();
        ActivityAnalysis analysis = StoreActivity.analyze(store, ActivityOptions.defaults(), ZoneOffset.UTC);
        Instant end = Instant.now();
        return new Run(analysis, QueryLog.seconds(begin, end),
                log.stages(begin, end, "start", PulseActivity::stageOf));
    }

    /**
     * Names {@code StoreActivity}'s statements. A span lasts until the next statement, so the
     * fetch loops are in their query's span, and the Java analysis (building the columns and
     * {@code ActivityAnalyzer}) is in the span of the DROP that follows the last fetch.
     */
    static String stageOf(String sql) {
        if (sql.contains("__pulse_user_index AS")) {
            return "user index: first day per user, join users";
        }
        if (sql.startsWith("SELECT count(*) FROM __pulse_user_index") || sql.contains("SELECT DISTINCT user_id")) {
            return "counts to size the arrays";
        }
        if (sql.startsWith("SELECT ix,")) {
            return "fetch known-from days";
        }
        if (sql.startsWith("SELECT i.ix")) {
            return "user-day rows: group + sort + fetch";
        }
        if (sql.startsWith("DROP TABLE IF EXISTS __pulse_user_index")) {
            return "Java: build columns + ActivityAnalyzer";
        }
        if (sql.contains("duration_s") && !sql.contains("LIMIT 1")) {
            return "browse: fetch durations + sort";
        }
        return "other statements";
    }
}
