package io.pulse.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StreamPlanTest {

    /** 1,000 ns per event on the pipeline thread, 2,000 in the process, 1 kB per key, 4 cores, 16 GiB. */
    private static final StreamPlan PLAN = new StreamPlan(1_000_000, 10_000, 1_000, 2_000, 1_024, 50, 100, 4,
            16L << 30);

    @Test
    void scalesTheMeasuredCostsByHand() {
        StreamPlan.Estimate e = PLAN.estimate(100_000, 1_000_000);
        // 100k events/s × 1 µs = 10% of the pipeline thread; × 2 µs = 0.2 cores.
        assertThat(e.pipelineBusy()).isCloseTo(0.1, within(1e-12));
        assertThat(e.inProcessCores()).isCloseTo(0.2, within(1e-12));
        assertThat(e.inProcessHeapBytes()).isEqualTo(StreamPlan.BASE_HEAP_BYTES + 1_000_000L * 1_024);
        assertThat(e.checkpointBytes()).isEqualTo(50_000_000L);
        // 100k × 100 bytes = 10 MB/s: one partition by bytes, but one per Flink slot: 0.2 cores × 20 / 0.7 → 6.
        assertThat(e.flinkSlots()).isEqualTo(6);
        assertThat(e.kafkaPartitions()).isEqualTo(6);
        assertThat(e.oneMachine()).isTrue();
        // The pipeline thread allows 0.7e9 / 1000 = 700k/s, the cores 0.7 × 4e9 / 2000 = 1.4M/s.
        assertThat(e.maxRateOneMachine()).isCloseTo(700_000, within(1e-6));
    }

    @Test
    void oneMachineEndsWhereThePipelineThreadPassesItsTarget() {
        StreamPlan.Estimate e = PLAN.estimate(800_000, 1_000);
        assertThat(e.oneMachine()).isFalse();
        assertThat(e.limit()).contains("pipeline thread");
        // Flink: 1.6 cores × 20 / 0.7 = 45.7 → 46 slots, and at least as many partitions (8 by bytes alone).
        assertThat(e.flinkSlots()).isEqualTo(46);
        assertThat(e.kafkaPartitions()).isEqualTo(46);
    }

    @Test
    void oneMachineEndsWhereTheStateOutgrowsHalfTheMemory() {
        StreamPlan.Estimate e = PLAN.estimate(1_000, 9_000_000);
        assertThat(e.oneMachine()).isFalse();
        assertThat(e.limit()).contains("memory");
    }
}
