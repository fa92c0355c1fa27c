package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import io.pulse.stream.internal.UserSketch;
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

    @Test
    void slidingWindowCountsEqualABruteForceOverEveryWindowHoldingEachEvent() {
        // 10-minute windows every 2 minutes: each event counts in the five windows whose span holds it.
        WindowSpec spec = new WindowSpec(Dimension.ITEM, Duration.ofMinutes(10), 3, 5).sliding(Duration.ofMinutes(2));
        long slide = 2 * MINUTE;
        Map<List<Long>, Integer> closed = new HashMap<>();
        Map<List<Long>, Integer> newestTwoPanes = new HashMap<>();
        List<Long> order = new ArrayList<>();
        KeyedWindows windows = new KeyedWindows(spec, 2 * MINUTE, w -> {
            order.add(w.index());
            assertThat(w.end() - w.start()).isEqualTo(10 * MINUTE);
            for (int i = 0; i < w.keys(); i++) {
                closed.put(List.of(w.index(), (long) w.key(i)), w.count(w.key(i)));
                newestTwoPanes.put(List.of(w.index(), (long) w.key(i)), w.count(w.key(i), w.index() - 1));
            }
        });
        Watermark watermark = new Watermark(MINUTE, MINUTE);
        List<long[]> events = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(9);
        long newest = 0;
        long first = Long.MIN_VALUE;
        for (int i = 0; i < 20_000; i++) {
            newest += rng.nextInt(1_000);
            long ts = newest - rng.nextInt(90_000);
            int item = rng.nextInt(7);
            assertThat(watermark.admit(ts)).isTrue();
            if (first == Long.MIN_VALUE) {
                first = Math.floorDiv(watermark.closeBefore(), slide);
            }
            windows.closeUpTo(watermark.closeBefore());
            windows.add(Events.keyed(ts, i % 50, item, 0, 0, 0));
            events.add(new long[] {ts, item});
        }
        windows.closeAll();

        long lastPane = events.stream().mapToLong(e -> Math.floorDiv(e[0], slide)).max().orElseThrow();
        Map<List<Long>, Integer> expected = new HashMap<>();
        Map<List<Long>, Integer> expectedNewestTwo = new HashMap<>();
        for (long w = first; w <= lastPane; w++) {
            long start = (w + 1) * slide - 10 * MINUTE;
            for (long[] e : events) {
                if (e[0] >= start && e[0] < start + 10 * MINUTE) {
                    expected.merge(List.of(w, e[1]), 1, Integer::sum);
                    expectedNewestTwo.merge(List.of(w, e[1]), e[0] >= (w - 1) * slide ? 1 : 0, Integer::sum);
                }
            }
        }
        assertThat(closed).isEqualTo(expected);
        assertThat(newestTwoPanes).as("counts of the newest panes only").isEqualTo(expectedNewestTwo);
        assertThat(order.get(0)).isEqualTo(first);
        assertThat(order.get(order.size() - 1)).as("no window reaches past the last pane with events").isEqualTo(lastPane);
        for (int i = 1; i < order.size(); i++) {
            assertThat(order.get(i)).isEqualTo(order.get(i - 1) + 1);
        }
    }

    @Test
    void aSlidingWindowEndingOnTheSizeGridEqualsTheTumblingWindowOfThatSpan() {
        WindowSpec tumbling = new WindowSpec(Dimension.ITEM, Duration.ofHours(1), 3, 5);
        WindowSpec sliding = tumbling.sliding(Duration.ofMinutes(15));
        Map<Long, List<Object>> byTumbling = new HashMap<>();
        Map<Long, List<Object>> bySliding = new HashMap<>();
        KeyedWindows a = new KeyedWindows(tumbling, 0, w -> byTumbling.put(w.start(), evidence(w)));
        KeyedWindows b = new KeyedWindows(sliding, 0, w -> {
            if (w.end() % (60 * MINUTE) == 0) {
                bySliding.put(w.start(), evidence(w));
            }
        });
        a.closeUpTo(0);
        b.closeUpTo(0);
        SplittableRandom rng = new SplittableRandom(3);
        for (long ts = 0; ts < 30 * 60 * MINUTE; ts += rng.nextInt(20_000)) {
            StreamEvent e = Events.keyed(ts, rng.nextInt(400), rng.nextInt(5), rng.nextInt(3), 0, rng.nextInt(40) - 1);
            a.closeUpTo(ts);
            b.closeUpTo(ts);
            a.add(e);
            b.add(e);
        }
        a.closeAll();
        b.closeAll();

        assertThat(bySliding).hasSize(30).isEqualTo(byTumbling);
    }

    /** Per item 0–4: count, sources, user estimate; then the totals of categories 0–2. */
    private static List<Object> evidence(KeyedWindows.Closed w) {
        List<Object> out = new ArrayList<>();
        for (int item = 0; item < 5; item++) {
            int[] sources = new int[KeyedWindows.SOURCE_SLOTS];
            long[] users = new long[UserSketch.WORDS];
            w.addSources(item, sources);
            w.addUsers(item, users);
            out.add(w.count(item));
            out.add(List.of(java.util.Arrays.stream(sources).boxed().toArray()));
            out.add(UserSketch.estimate(users, 0));
        }
        for (int c = 0; c < 3; c++) {
            out.add(w.categoryCount(c));
        }
        return out;
    }

    @Test
    void aSlidingSpecIsLabelledWithItsSlideAndMustDivideTheSize() {
        WindowSpec spec = new WindowSpec(Dimension.ITEM, Duration.ofHours(1), 24, 10);
        assertThat(spec.label()).isEqualTo("item/1h");
        assertThat(spec.sliding(Duration.ofMinutes(10)).label()).isEqualTo("item/1h/10m");
        assertThat(spec.sliding(Duration.ofMinutes(10)).panes()).isEqualTo(6);
        assertThat(spec.sliding(Duration.ofHours(1))).isEqualTo(spec);
        assertThat(spec.sliding(Duration.ofMinutes(10)).toString()).isNotEqualTo(spec.toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spec.sliding(Duration.ofMinutes(7)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
