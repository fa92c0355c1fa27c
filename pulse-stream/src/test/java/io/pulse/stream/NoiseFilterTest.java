package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoiseFilterTest {

    private final NoiseFilter filter = new NoiseFilter(new NoiseFilter.Settings(120, 30, 20, 5));

    @Test
    void eventsBeyondTheRateLimitOfAMinuteAreRemoved() {
        for (int i = 0; i < 130; i++) {
            filter.check(Events.view(60_000 + i * 400L, 1, i % 3, 4));
        }

        assertThat(filter.removed(NoiseFilter.Reason.RATE_LIMIT)).isEqualTo(10);
        assertThat(filter.check(Events.view(120_000, 1, 0, 4))).as("a new minute").isNull();
    }

    @Test
    void manyZeroDwellViewsInARowMarkABotAndEverythingAfterIsRemoved() {
        for (int i = 0; i < 29; i++) {
            assertThat(filter.check(Events.view(i * 7_001L + (i * i) % 13, 2, i, 0))).isNull();
        }
        assertThat(filter.check(Events.view(300_000, 2, 99, 0))).isEqualTo(NoiseFilter.Reason.BOT_LIKE);
        assertThat(filter.check(Events.view(400_000, 2, 5, 30))).isEqualTo(NoiseFilter.Reason.BOT_LIKE);
        assertThat(filter.removed(NoiseFilter.Reason.BOT_LIKE)).isEqualTo(2);
    }

    @Test
    void perfectlyRegularIntervalsMarkABot() {
        NoiseFilter.Reason last = null;
        int passed = 0;
        for (int i = 0; i < 25; i++) {
            last = filter.check(Events.view(1_000_000 + i * 5_000L, 3, i, 3));
            passed += last == null ? 1 : 0;
        }
        // 21 events make 20 equal intervals: the 21st is the one that shows the pattern.
        assertThat(passed).isEqualTo(20);
        assertThat(last).isEqualTo(NoiseFilter.Reason.BOT_LIKE);
    }

    @Test
    void viewsOfMoreThanFiveItemsInOneSecondAreAnImpossibleSession() {
        for (int i = 0; i < 8; i++) {
            filter.check(Events.view(2_000_000 + i * 100L, 4, i, 1));
        }

        assertThat(filter.removed(NoiseFilter.Reason.IMPOSSIBLE_SESSION)).isEqualTo(3);
    }

    @Test
    void anOrdinaryShopperPassesUntouched() {
        long t = 0;
        for (int i = 0; i < 200; i++) {
            t += 3_000 + (i * 7919L) % 40_000;
            assertThat(filter.check(Events.view(t, 5, i % 17, 5 + i % 50))).isNull();
        }
        assertThat(filter.removed().values()).containsOnly(0L);
    }
}
