package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.core.actions.Trigger;
import io.pulse.core.thresholds.DormancyThreshold;
import io.pulse.core.thresholds.GapPrior;
import io.pulse.stream.profile.Profile;
import io.pulse.stream.profile.ProfileSettings;
import io.pulse.stream.profile.TriggerHit;
import io.pulse.stream.profile.UserProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online profiles against a brute force over the same events: counters, gap prior and thresholds, and every
 * trigger fired (dormancy, cart abandonment, browse surge) recomputed user by user from the whole history.
 */
class UserProfilesTest {

    private static final long DAY = 86_400_000L;
    private static final double Q = 0.95;

    @TempDir
    static Path dir;
    private static List<StreamEvent> events;
    private static EventParser parser;
    private static Map<Integer, List<StreamEvent>> byUser;

    @BeforeAll
    static void generate() throws IOException {
        GeneratedStore store = GeneratedStore.generate(GeneratedStore.testConfig(1500), dir);
        List<String> lines = Files.readAllLines(store.events());
        parser = new EventParser(lines.get(0), "events.csv");
        events = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            events.add(parser.parse(lines.get(i), i + 1));
        }
        events.sort(Comparator.comparingLong(StreamEvent::ts));
        byUser = events.stream().collect(Collectors.groupingBy(StreamEvent::user, TreeMap::new, Collectors.toList()));
    }

    /** Feeds every event in time order, the watermark at the event's own time (no out-of-orderness). */
    private static UserProfiles feed(ProfileSettings settings, List<TriggerHit> hits) {
        UserProfiles p = new UserProfiles(settings, hits::add);
        for (StreamEvent e : events) {
            p.advance(e.ts());
            p.update(e);
        }
        return p;
    }

    @Test
    void countersEqualABruteForceOverEachUsersEvents() {
        UserProfiles p = feed(ProfileSettings.defaults(), new ArrayList<>());
        assertThat(p.users()).isEqualTo(byUser.size());
        for (Map.Entry<Integer, List<StreamEvent>> e : byUser.entrySet()) {
            Profile got = p.profile(e.getKey(), parser.users());
            List<StreamEvent> mine = e.getValue();
            assertThat(got.events()).isEqualTo(mine.size());
            assertThat(got.sessions()).isEqualTo(count(mine, StreamEvent.SESSION));
            assertThat(got.purchases()).isEqualTo(count(mine, StreamEvent.PURCHASE));
            assertThat(got.carts()).isEqualTo(count(mine, StreamEvent.CART));
            long cents = mine.stream().filter(x -> x.type() == StreamEvent.PURCHASE).mapToLong(StreamEvent::amountCents).sum();
            assertThat(got.revenue()).isEqualTo(cents / 100.0);
            assertThat(got.activeDays()).isEqualTo(activeDays(mine).size());
            assertThat(got.firstSeen().toEpochMilli()).isEqualTo(mine.get(0).ts());
            assertThat(got.lastSeen().toEpochMilli()).isEqualTo(mine.get(mine.size() - 1).ts());
            // Activity score: Σ over active days of 2^(−age/14), age in days to the watermark's day.
            long today = Math.floorDiv(events.get(events.size() - 1).ts(), DAY);
            double score = activeDays(mine).stream().mapToDouble(d -> Math.pow(2, -(today - d) / 14.0)).sum();
            assertThat(got.activityScore()).isCloseTo(score, within(1e-9 * Math.max(1, score)));
        }
    }

    @Test
    void theOnlinePriorAndThresholdsEqualTheBatchFit() {
        UserProfiles p = feed(ProfileSettings.defaults(), new ArrayList<>());
        p.advance(events.get(events.size() - 1).ts() + 2 * DAY);
        GapPrior batch = GapPrior.fit(byUser.values().stream().map(UserProfilesTest::logGaps).toArray(double[][]::new));
        assertThat(p.prior().users()).isEqualTo(batch.users());
        assertThat(p.prior().mu0()).isCloseTo(batch.mu0(), within(1e-9));
        assertThat(p.prior().tau0Squared()).isCloseTo(batch.tau0Squared(), within(1e-9));
        assertThat(p.prior().sigmaSquared()).isCloseTo(batch.sigmaSquared(), within(1e-9));
        for (Map.Entry<Integer, List<StreamEvent>> e : byUser.entrySet()) {
            double expected = DormancyThreshold.of(logGaps(e.getValue()), batch, Q).days();
            assertThat(p.profile(e.getKey(), parser.users()).thresholdDays()).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void dormancyFiresOnTheFirstCutoffDayBeyondEachPersonalThreshold() {
        GapPrior prior = GapPrior.fit(byUser.values().stream().map(UserProfilesTest::logGaps).toArray(double[][]::new));
        List<TriggerHit> hits = new ArrayList<>();
        feed(ProfileSettings.defaults().withFixedPrior(prior), hits);
        long lastComplete = Math.floorDiv(events.get(events.size() - 1).ts(), DAY) - 1;
        Set<String> expected = new TreeSet<>();
        for (Map.Entry<Integer, List<StreamEvent>> e : byUser.entrySet()) {
            List<Long> days = activeDays(e.getValue());
            for (int k = 0; k < days.size(); k++) {
                double[] gapsSoFar = logGaps(days.subList(0, k + 1));
                double t = DormancyThreshold.of(gapsSoFar, prior, Q).days();
                long c = days.get(k) + (long) Math.floor(t) + 1;
                long next = k + 1 < days.size() ? days.get(k + 1) : Long.MAX_VALUE;
                if (c < next && c <= lastComplete) {
                    expected.add(e.getKey() + "@" + c);
                }
            }
        }
        Set<String> got = hits.stream().filter(h -> h.trigger() == Trigger.DORMANCY)
                .map(h -> h.user() + "@" + h.day()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(got).isEqualTo(expected);
        for (TriggerHit h : hits) {
            if (h.trigger() == Trigger.DORMANCY) {
                assertThat(h.observed()).isGreaterThan(h.threshold());
            }
        }
    }

    @Test
    void cartAbandonmentFiresOnceTheWaitPassesWithNoPurchaseOrNewerCart() {
        List<TriggerHit> hits = new ArrayList<>();
        ProfileSettings settings = ProfileSettings.defaults();
        feed(settings, hits);
        long wait = settings.cartWait().toMillis();
        long end = events.get(events.size() - 1).ts();
        Set<String> expected = new HashSet<>();
        for (Map.Entry<Integer, List<StreamEvent>> e : byUser.entrySet()) {
            List<StreamEvent> mine = e.getValue();
            long previousCart = Long.MIN_VALUE;
            for (StreamEvent cart : mine) {
                if (cart.type() != StreamEvent.CART || cart.ts() == previousCart) {
                    continue;
                }
                previousCart = cart.ts();
                long t = cart.ts();
                boolean cancelled = mine.stream().anyMatch(x -> x.ts() < t + wait
                        && (x.type() == StreamEvent.CART && x.ts() > t || x.type() == StreamEvent.PURCHASE && x.ts() >= t));
                if (!cancelled && t + wait <= end) {
                    expected.add(e.getKey() + "@" + (t + wait));
                }
            }
        }
        Set<String> got = hits.stream().filter(h -> h.trigger() == Trigger.CART_ABANDONMENT)
                .map(h -> h.user() + "@" + h.at()).collect(Collectors.toSet());
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void browseSurgeFollowsTheBatchRuleOnTheSevenDaysUpToEachSession() {
        List<TriggerHit> hits = new ArrayList<>();
        feed(ProfileSettings.defaults(), hits);
        Set<String> expected = new TreeSet<>();
        for (Map.Entry<Integer, List<StreamEvent>> e : byUser.entrySet()) {
            List<StreamEvent> mine = e.getValue();
            Set<Long> firedDays = new HashSet<>();
            for (int i = 0; i < mine.size(); i++) {
                StreamEvent s = mine.get(i);
                long d = Math.floorDiv(s.ts(), DAY);
                if (s.type() != StreamEvent.SESSION || firedDays.contains(d)) {
                    continue;
                }
                int recent = 0;
                int before = 0;
                boolean bought = false;
                for (StreamEvent x : mine.subList(0, i + 1)) {
                    long xd = Math.floorDiv(x.ts(), DAY);
                    if (x.type() == StreamEvent.SESSION) {
                        recent += xd >= d - 6 && xd <= d ? 1 : 0;
                        before += xd >= d - 62 && xd < d - 6 ? 1 : 0;
                    }
                    bought |= x.type() == StreamEvent.PURCHASE && xd >= d - 6;
                }
                if (recent >= Math.max(3, 3.0 * before / 8.0) && !bought) {
                    firedDays.add(d);
                    expected.add(e.getKey() + "@" + d);
                }
            }
        }
        Set<String> got = hits.stream().filter(h -> h.trigger() == Trigger.BROWSE_SURGE)
                .map(h -> h.user() + "@" + h.day()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(expected).hasSizeGreaterThan(50);
        assertThat(got).isEqualTo(expected);
    }

    private static int count(List<StreamEvent> events, int type) {
        return (int) events.stream().filter(e -> e.type() == type).count();
    }

    private static List<Long> activeDays(List<StreamEvent> events) {
        return events.stream().map(e -> Math.floorDiv(e.ts(), DAY)).distinct().sorted().toList();
    }

    private static double[] logGaps(List<?> eventsOrDays) {
        List<Long> days = eventsOrDays.isEmpty() || eventsOrDays.get(0) instanceof Long
                ? eventsOrDays.stream().map(Long.class::cast).toList()
                : activeDays(eventsOrDays.stream().map(StreamEvent.class::cast).toList());
        double[] out = new double[Math.max(0, days.size() - 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.log(days.get(i + 1) - days.get(i));
        }
        return out;
    }
}
