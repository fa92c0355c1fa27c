package io.pulse.generate.internal;

import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.GroundTruth.LevelShift;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The planted events a spike detector must tell apart: one-off bursts from a single referrer,
 * and lasting level shifts. Planned up front from the seed, before any user is generated.
 */
final class Incidents {

    /** Items that go viral on social media are more often these than, say, grocery. */
    private static final String[] VIRAL_CATEGORIES = {"fashion", "beauty", "toys", "electronics", "home", "sports"};
    private static final String[][] REFERRERS = {
        {"tiktok.com", "social"},
        {"reddit.com/r/deals", "referral"},
        {"youtube.com", "social"},
        {"instagram.com", "social"},
        {"slickdeals.net", "affiliate"}};
    /** Mid-catalogue items, so that their ordinary traffic is a trickle and a burst stands out. */
    private static final int SPIKE_MIN_RANK = 30;
    private static final int SPIKE_RANKS = 120;
    /** Popular items, so that a threefold step shows in daily counts; below every spike rank. */
    private static final int SHIFT_MIN_RANK = 3;
    private static final int SHIFT_RANKS = 13;
    private static final double SHIFT_FACTOR = 3;

    /**
     * A planned burst. Visitors have consecutive user indices from {@code firstVisitor}.
     *
     * @param startSecond seconds after midnight of {@code day} when the burst begins
     */
    record Spike(int item, String source, String channel, int day, int startSecond, int durationSeconds,
                 int firstVisitor, int visitors) {
    }

    private final List<Spike> spikes;
    private final List<Demand.Shift> shifts;

    Incidents(GeneratorConfig config, Catalog catalog) {
        SplittableRandom rng = Draw.rng(config.seed(), Draw.PLAN, 0);
        shifts = planShifts(config, catalog, rng);
        spikes = planSpikes(config, catalog, rng);
    }

    private static List<Demand.Shift> planShifts(GeneratorConfig config, Catalog catalog, SplittableRandom rng) {
        int[] categories = new int[Catalog.CATEGORIES.length];
        for (int c = 0; c < categories.length; c++) {
            categories[c] = c;
        }
        for (int i = categories.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = categories[i];
            categories[i] = categories[j];
            categories[j] = t;
        }
        List<Demand.Shift> planned = new ArrayList<>();
        for (int s = 0; s < config.levelShifts(); s++) {
            // Round-robin over shuffled categories; a second round uses the next band of ranks,
            // so no two shifts share an item.
            int category = categories[s % categories.length];
            int rank = SHIFT_MIN_RANK + (s / categories.length) * SHIFT_RANKS + rng.nextInt(SHIFT_RANKS);
            int fromDay = config.days() / 4 + rng.nextInt(Math.max(1, config.days() / 2));
            planned.add(Demand.shift(catalog, category, rank, fromDay, SHIFT_FACTOR));
        }
        return planned;
    }

    private static List<Spike> planSpikes(GeneratorConfig config, Catalog catalog, SplittableRandom rng) {
        long count = config.spikeRate() == 0 ? 0 : Math.max(1, Math.round(config.spikeRate() * config.days() / 365));
        record Draft(int item, String[] referrer, int day, int startSecond, int durationSeconds, int visitors) {
        }
        List<Draft> drafts = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int category = Catalog.categoryIndex(VIRAL_CATEGORIES[rng.nextInt(VIRAL_CATEGORIES.length)]);
            int item = catalog.itemAtRank(category, SPIKE_MIN_RANK + rng.nextInt(SPIKE_RANKS));
            String[] referrer = REFERRERS[rng.nextInt(REFERRERS.length)];
            int day = rng.nextInt(config.days());
            int startSecond = 9 * 3600 + rng.nextInt(8 * 3600);
            int durationSeconds = 4 * 3600 + rng.nextInt(2 * 3600);
            // A few percent of the customer base arrives in a few hours: far above the item's trickle.
            int visitors = (int) Math.max(50, Math.round(config.users() * (0.015 + 0.025 * rng.nextDouble())));
            drafts.add(new Draft(item, referrer, day, startSecond, durationSeconds, visitors));
        }
        drafts.sort(Comparator.comparingInt(Draft::day).thenComparingInt(Draft::startSecond));
        List<Spike> planned = new ArrayList<>();
        int nextVisitor = config.users();
        for (Draft d : drafts) {
            planned.add(new Spike(d.item(), d.referrer()[0], d.referrer()[1], d.day(), d.startSecond(),
                    d.durationSeconds(), nextVisitor, d.visitors()));
            nextVisitor += d.visitors();
        }
        return List.copyOf(planned);
    }

    List<Spike> spikes() {
        return spikes;
    }

    List<Demand.Shift> shifts() {
        return shifts;
    }

    long spikeVisitors() {
        return spikes.stream().mapToLong(Spike::visitors).sum();
    }

    List<LevelShift> levelShiftTruth(StoreCalendar calendar) {
        return shifts.stream()
                .map(s -> new LevelShift(Ids.item(s.item()), Catalog.CATEGORIES[s.category()],
                        calendar.date(s.fromDay()), s.factor()))
                .toList();
    }
}
