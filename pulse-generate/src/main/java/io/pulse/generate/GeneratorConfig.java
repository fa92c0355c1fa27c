package io.pulse.generate;

import io.pulse.core.PulseInputException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate. Everything random is derived from {@code seed}, so the same config always
 * gives byte-identical files.
 *
 * @param users       regular customers to simulate (spike visitors come on top, see {@link GroundTruth})
 * @param days        length of the observed period, starting at {@code start} (UTC)
 * @param seed        root of every random draw
 * @param start       first day of the period
 * @param spikeRate   one-off external bursts per 365 days (scaled to {@code days}; at least one when positive)
 * @param levelShifts items whose demand steps up and stays, planted for the stream detectors
 * @param campaigns   the store's own past coupon and win-back campaigns, and how users respond to them
 */
public record GeneratorConfig(int users, int days, long seed, LocalDate start, double spikeRate, int levelShifts,
                              Campaigns campaigns) {

    /** Ten years is far beyond any demo, and keeps per-day tables small. */
    public static final int MAX_DAYS = 3660;
    public static final int MAX_LEVEL_SHIFTS = 20;
    /** About 1.5 billion events: far beyond a demo, and user and spike-visitor indices stay within int. */
    public static final int MAX_USERS = 10_000_000;
    public static final double MAX_SPIKE_RATE = 52;

    public GeneratorConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(campaigns, "campaigns");
        if (users < 1 || users > MAX_USERS) {
            throw invalid("users", "must be between 1 and " + MAX_USERS + ", got " + users);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw invalid("days", "must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        if (!(spikeRate >= 0 && spikeRate <= MAX_SPIKE_RATE)) {
            throw invalid("spike_rate", "must be between 0 and " + MAX_SPIKE_RATE + " spikes a year, got " + spikeRate);
        }
        if (levelShifts < 0 || levelShifts > MAX_LEVEL_SHIFTS) {
            throw invalid("level_shifts", "must be between 0 and " + MAX_LEVEL_SHIFTS + ", got " + levelShifts);
        }
    }

    /**
     * 20,000 users over the calendar year 2025: the year holds a January sale, Valentine's, Easter,
     * a summer sale, Black Friday (2025-11-28), Cyber Monday and the Christmas run-up. The store runs
     * its coupon and win-back campaigns ({@link Campaigns#defaults()}).
     */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(20_000, 365, 42, LocalDate.of(2025, 1, 1), 4.0, 2, Campaigns.defaults());
    }

    public GeneratorConfig withUsers(int users) {
        return new GeneratorConfig(users, days, seed, start, spikeRate, levelShifts, campaigns);
    }

    public GeneratorConfig withDays(int days) {
        return new GeneratorConfig(users, days, seed, start, spikeRate, levelShifts, campaigns);
    }

    public GeneratorConfig withSeed(long seed) {
        return new GeneratorConfig(users, days, seed, start, spikeRate, levelShifts, campaigns);
    }

    public GeneratorConfig withStart(LocalDate start) {
        return new GeneratorConfig(users, days, seed, start, spikeRate, levelShifts, campaigns);
    }

    public GeneratorConfig withCampaigns(Campaigns campaigns) {
        return new GeneratorConfig(users, days, seed, start, spikeRate, levelShifts, campaigns);
    }

    /** The first day after the period. */
    public LocalDate end() {
        return start.plusDays(days);
    }

    private static PulseInputException invalid(String field, String why) {
        return new PulseInputException("generator config", 0, field, why);
    }
}
