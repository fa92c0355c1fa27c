package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyedWindowsTest {

    private static final long MINUTE = 60_000;

    @Test
    void closedWindowCountsEqualAGroupByOverTheSameEvents() {
        WindowSpec spec = new WindowSpec(Dimension.ITEM, Duration.ofMinutes(10), 3, 5);
        Map<List<Long>, Integer> closed = new HashMap<>();
        List<Long> order = new ArrayList<>();
        KeyedWindows windows = new KeyedWindows(spec, 2 * MINUTE, w -> {
            order.add(w.index());
            for (int i = 0; i < w.keys(); i++) {
                closed.put(List.of(w.start(), (long) w.key(i)), w.count(w.key(i)));
            }
        });
        Watermark watermark = new Watermark(MINUTE, MINUTE);
        Map<List<Long>, Integer> expected = new HashMap<>();
        SplittableRandom rng = new SplittableRandom(5);
        long newest = 0;
        for (int i = 0; i < 20_000; i++) {
            newest += rng.nextInt(1_000);
            // Up to 90 s out of order: within out-of-orderness + lateness, so nothing is late.
            long ts = newest - rng.nextInt(90_000);
            int item = rng.nextInt(7);
            StreamEvent e = Events.keyed(ts, i % 50, item, 0, 0, 0);
            assertThat(watermark.admit(ts)).isTrue();
            windows.closeUpTo(watermark.closeBefore());
            windows.add(e);
            expected.merge(List.of(Math.floorDiv(ts, 10 * MINUTE) * 10 * MINUTE, (long) item), 1, Integer::sum);
        }
        windows.closeAll();

        assertThat(closed).isEqualTo(expected);
        for (int i = 1; i < order.size(); i++) {
            assertThat(order.get(i)).as("windows close one after another, empty ones included").isEqualTo(order.get(i - 1) + 1);
        }
    }

    @Test
    void aWindowClosesOnlyOnceTheWatermarkMinusLatenessPassesItsEnd() {
        WindowSpec spec = new WindowSpec(Dimension.CHANNEL, Duration.ofMinutes(10), 3, 5);
        List<Long> closedStarts = new ArrayList<>();
        KeyedWindows windows = new KeyedWindows(spec, 2 * MINUTE, w -> closedStarts.add(w.start()));
        windows.closeUpTo(0);
        windows.add(Events.keyed(MINUTE, 1, 0, 0, 3, 0));

        windows.closeUpTo(10 * MINUTE - 1);
        assertThat(closedStarts).isEmpty();
        windows.closeUpTo(10 * MINUTE);
        assertThat(closedStarts).containsExactly(0L);
    }

    @Test
    void aWindowKeepsEventsPerSourceAndDistinctUsers() {
        WindowSpec spec = new WindowSpec(Dimension.ITEM, Duration.ofHours(1), 3, 5);
        int[] sources = new int[KeyedWindows.SOURCE_SLOTS];
        long[] users = new long[io.pulse.stream.internal.UserSketch.WORDS];
        int[] category = new int[1];
        KeyedWindows windows = new KeyedWindows(spec, 0, w -> {
            w.addSources(4, sources);
            w.addUsers(4, users);
            category[0] = w.categoryCount(2);
        });
        windows.closeUpTo(0);
        for (int i = 0; i < 30; i++) {
            windows.add(Events.keyed(i * 1_000L, i % 20, 4, 2, 0, i < 24 ? 5 : -1));
        }
        windows.add(Events.keyed(40_000, 99, 8, 2, 0, 5));
        windows.closeAll();

        assertThat(sources[KeyedWindows.sourceSlot(5)]).isEqualTo(24);
        assertThat(sources[0]).as("events without a source").isEqualTo(6);
        assertThat(io.pulse.stream.internal.UserSketch.estimate(users, 0)).isBetween(19L, 21L);
        assertThat(category[0]).as("both items of category 2").isEqualTo(31);
    }
}
