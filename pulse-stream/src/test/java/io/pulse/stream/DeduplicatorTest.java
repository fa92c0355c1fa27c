package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    @Test
    void aRepeatedIdWithinTheHorizonIsDroppedAndCounted() {
        Deduplicator d = new Deduplicator(60_000);

        assertThat(d.first(42, 1_000)).isTrue();
        assertThat(d.first(43, 2_000)).isTrue();
        assertThat(d.first(42, 50_000)).isFalse();
        assertThat(d.first(42, 500)).as("an out-of-order copy").isFalse();
        assertThat(d.duplicates()).isEqualTo(2);
    }

    @Test
    void everyRepeatWithinOneHorizonOfItsFirstCopyIsCaught() {
        Deduplicator d = new Deduplicator(60_000);
        long dropped = 0;
        for (long i = 0; i < 20_000; i++) {
            // A new id every 100 ms, and the id of 59.9 s ago coming back.
            d.first(i, i * 100);
            if (i >= 599) {
                dropped += d.first(i - 599, i * 100) ? 0 : 1;
            }
        }
        assertThat(dropped).isEqualTo(20_000 - 599);
        assertThat(d.duplicates()).isEqualTo(dropped);
    }

    @Test
    void anIdSeenLongBeforeTheHorizonPassesAgain() {
        Deduplicator d = new Deduplicator(60_000);
        d.first(42, 0);
        for (long t = 0; t <= 200_000; t += 5_000) {
            d.first(t + 1_000_000, t);
        }

        assertThat(d.first(42, 200_000)).isTrue();
        assertThat(d.duplicates()).isZero();
    }
}
