package io.pulse.generate;

import io.pulse.generate.internal.Simulation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the generator planted, so later analyses can be checked against the answer: who is in
 * which segment, which bursts were one-off, which demand changes lasted, what drifted, and which
 * days were holidays. Written to truth.json.
 *
 * @param totalUsers       regular users plus spike visitors
 * @param reactivatedUsers users who came back after a long dormant gap
 */
public record GroundTruth(
        GeneratorConfig config,
        long totalUsers,
        List<SegmentInfo> segments,
        List<Spike> spikes,
        List<LevelShift> levelShifts,
        List<Drift> drift,
        List<Holiday> holidays,
        long reactivatedUsers) {

    public GroundTruth {
        segments = List.copyOf(segments);
        spikes = List.copyOf(spikes);
        levelShifts = List.copyOf(levelShifts);
        drift = List.copyOf(drift);
        holidays = List.copyOf(holidays);
    }

    /**
     * The segment of a user. Derived again from the seed rather than remembered, so the truth of
     * millions of users costs no memory.
     */
    public String segmentOf(int userIndex) {
        return Simulation.segmentOf(config, userIndex);
    }

    public record SegmentInfo(String name, String description, long count) {
    }

    /** A transient burst: visitors arriving from one referrer within a few hours, mostly never back. */
    public record Spike(
            String itemId, String category, String source, String channel,
            Instant start, Instant end, long visitors, long extraEvents) {
    }

    /** A lasting change: from {@code from} on, the item's demand is {@code factor} times what it was. */
    public record LevelShift(String itemId, String category, LocalDate from, double factor) {
    }

    /** A gradual change across the period: a quantity moves from {@code from} to {@code to}. */
    public record Drift(String what, double from, double to, String how) {
    }

    /** A day whose visit rate is {@code multiplier} times an ordinary day's; sale days also cut prices. */
    public record Holiday(LocalDate date, String name, double multiplier, boolean sale) {
    }
}
