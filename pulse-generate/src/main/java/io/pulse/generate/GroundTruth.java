package io.pulse.generate;

import io.pulse.generate.internal.Simulation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the generator planted, so later analyses can be checked against the answer: who is in
 * which segment, which bursts were one-off, which demand changes lasted, what drifted, and which
 * days were holidays. Written to truth.json.
 *
 * @param totalUsers       regular users plus spike visitors
 * @param reactivatedUsers users who came back by themselves after a long dormant gap
 * @param campaigns        the store's past campaigns and the planted response; empty when they were off
 * @param plantedTags      the tags of tags.yaml that repeat or nearly repeat a default tag
 */
public record GroundTruth(
        GeneratorConfig config,
        long totalUsers,
        List<SegmentInfo> segments,
        List<Spike> spikes,
        List<LevelShift> levelShifts,
        List<Drift> drift,
        List<Holiday> holidays,
        long reactivatedUsers,
        Optional<CampaignHistory> campaigns,
        List<PlantedTag> plantedTags) {

    public GroundTruth {
        segments = List.copyOf(segments);
        spikes = List.copyOf(spikes);
        levelShifts = List.copyOf(levelShifts);
        drift = List.copyOf(drift);
        holidays = List.copyOf(holidays);
        plantedTags = List.copyOf(plantedTags);
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

    /**
     * The store's campaigns: one every {@code everyDays} from {@code firstDay} to {@code lastDay} (both
     * null when the period is too short for any), each followed by a {@code windowDays} window in which
     * a response is observed.
     */
    public record CampaignHistory(int everyDays, LocalDate firstDay, LocalDate lastDay, int windowDays,
                                  List<RuleOutcome> rules) {

        public CampaignHistory {
            rules = List.copyOf(rules);
        }

        public long treated() {
            return rules.stream().mapToLong(RuleOutcome::treated).sum();
        }

        public long control() {
            return rules.stream().mapToLong(RuleOutcome::control).sum();
        }

        public long responded() {
            return rules.stream().mapToLong(RuleOutcome::responded).sum();
        }
    }

    /**
     * One rule of the campaigns: who qualifies, the planted chance that a treated user responds (per
     * segment, or one {@code uplift} for all when {@code upliftBySegment} is empty), and how many users
     * it treated, held out, and brought back.
     */
    public record RuleOutcome(String rule, String action, String qualifies, Map<String, Double> upliftBySegment,
                              double uplift, long treated, long control, long responded) {

        public RuleOutcome {
            upliftBySegment = Collections.unmodifiableMap(new LinkedHashMap<>(upliftBySegment));
        }
    }

    /** A day whose visit rate is {@code multiplier} times an ordinary day's; sale days also cut prices. */
    public record Holiday(LocalDate date, String name, double multiplier, boolean sale) {
    }

    /**
     * A tag of tags.yaml planted as a duplicate of one of Pulse's default tags: {@code EXACT} when its rule
     * selects the same users written differently, {@code NEAR} when it selects nearly the same users
     * (a neighbouring threshold).
     */
    public record PlantedTag(String tag, String rule, String duplicateOf, Kind kind, String how) {

        public enum Kind {
            EXACT, NEAR;

            /** As written to truth.json. */
            public String label() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }
}
