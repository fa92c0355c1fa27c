package io.pulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.actions.Holdout;
import io.pulse.core.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's past campaigns in actions.csv, checked against events.csv and the holdout rule of
 * pulse-core: who qualified, who was held out, who responded, and whether the planted uplift can be
 * measured back as treated minus control.
 */
class PastCampaignsTest {

    /** Bargain hunters always answer the coupon, nobody else ever does: a response is then visible per user. */
    private static final GeneratorConfig CONFIG = GeneratorConfig.defaults().withUsers(3_000).withDays(200).withSeed(5)
            .withCampaigns(new Campaigns(true, Map.of("bargain_hunter", 1.0), 0.0));
    private static final Set<String> RULES = Set.of("dormant-coupon", "low-engagement-winback");

    @TempDir
    static Path dir;
    static JsonNode truth;
    static final List<CsvRows.ActionRow> actions = new ArrayList<>();
    static String actionsHeader;
    /** user → days (since the start) with a session. */
    static final Map<String, TreeSet<Integer>> sessionDays = new HashMap<>();

    @BeforeAll
    static void generateAndReadBack() throws IOException {
        GenerationSummary summary = StoreGenerator.generate(CONFIG, dir, Progress.NONE);
        truth = new ObjectMapper().readTree(summary.truthFile().toFile());
        actionsHeader = CsvRows.forEachAction(summary.actionsFile(), actions::add);
        CsvRows.forEachEvent(summary.eventsFile(), e -> {
            if (e.type().equals("session")) {
                sessionDays.computeIfAbsent(e.userId(), u -> new TreeSet<>()).add(dayOf(LocalDate.parse(e.day())));
            }
        });
    }

    private static int dayOf(LocalDate date) {
        return (int) ChronoUnit.DAYS.between(CONFIG.start(), date);
    }

    /** Days since the user's last session before {@code day}, or -1 when none. */
    private static int silenceAt(String user, int day) {
        Integer last = sessionDays.getOrDefault(user, new TreeSet<>()).lower(day);
        return last == null ? -1 : day - last;
    }

    private static String segmentOf(String user) {
        return truth.get("user_segments").get(user).asText();
    }

    @Test
    void actionsAreCampaignDecisionsOrderedByTimeThenId() {
        assertThat(actionsHeader).isEqualTo(CsvRows.ACTIONS_HEADER);
        assertThat(actions).isNotEmpty();
        Set<String> ids = new HashSet<>();
        String previous = "";
        for (CsvRows.ActionRow a : actions) {
            String where = "line " + a.line();
            assertThat(RULES).as(where).contains(a.ruleId());
            assertThat(a.action()).as(where).isEqualTo(a.ruleId().equals("dormant-coupon") ? "coupon" : "win_back");
            assertThat(a.userId()).as(where).matches("u\\d{6}");
            assertThat(Integer.parseInt(a.userId().substring(1))).as(where + " a regular user").isLessThan(3_000);
            assertThat(a.ts()).as(where).isEqualTo(a.day() + "T09:00:00Z");
            assertThat(a.actionId()).as(where).isEqualTo(a.ruleId() + ":" + a.userId() + ":" + a.day());
            assertThat(ids.add(a.actionId())).as(where + " unique").isTrue();
            int day = dayOf(a.day());
            assertThat(day).as(where + " a campaign day").isBetween(56, 200 - 45);
            assertThat((day - 56) % 14).as(where + " every 14 days").isZero();
            String key = a.ts() + " " + a.actionId();
            assertThat(key).as(where + " ordered by ts then action_id").isGreaterThan(previous);
            previous = key;
        }
    }

    @Test
    void aUserHearsFromTheStoreAtMostOnceInTwentyEightDays() {
        Map<String, TreeSet<Integer>> days = new HashMap<>();
        for (CsvRows.ActionRow a : actions) {
            days.computeIfAbsent(a.userId(), u -> new TreeSet<>()).add(dayOf(a.day()));
        }
        days.forEach((user, ds) -> {
            Integer previous = null;
            for (int d : ds) {
                if (previous != null) {
                    assertThat(d - previous).as(user).isGreaterThanOrEqualTo(28);
                }
                previous = d;
            }
        });
    }

    @Test
    void theControlGroupIsExactlyWhatHoldoutDecidesAboutATenthOfUsers() {
        long control = 0;
        for (CsvRows.ActionRow a : actions) {
            assertThat(a.control()).as(a.actionId()).isEqualTo(Holdout.isControl(a.userId(), a.ruleId(), 0.1));
            control += a.control() ? 1 : 0;
        }
        int n = actions.size();
        double tolerance = 4 * Math.sqrt(0.1 * 0.9 / n);
        assertThat(control / (double) n).isBetween(0.1 - tolerance, 0.1 + tolerance);
        JsonNode campaigns = truth.get("campaigns");
        assertThat(campaigns.get("control").asLong()).isEqualTo(control);
        assertThat(campaigns.get("treated").asLong()).isEqualTo(n - control);
        assertThat(campaigns.get("first_day").asText()).isEqualTo("2025-02-26");
        assertThat(campaigns.get("last_day").asText()).isEqualTo("2025-06-04");
    }

    @Test
    void everyActionFollowsASilenceInItsRulesBand() {
        for (CsvRows.ActionRow a : actions) {
            int silence = silenceAt(a.userId(), dayOf(a.day()));
            if (a.ruleId().equals("dormant-coupon")) {
                assertThat(silence).as(a.actionId()).isBetween(7, 90);
            } else {
                assertThat(silence).as(a.actionId()).isBetween(91, 180);
            }
        }
    }

    @Test
    void everyUserSilentForThreeToSixMonthsGetsAWinBackUnlessCoolingDown() {
        Map<String, Set<Integer>> reached = new HashMap<>();
        Set<String> winbacks = new HashSet<>();
        for (CsvRows.ActionRow a : actions) {
            reached.computeIfAbsent(a.userId(), u -> new HashSet<>()).add(dayOf(a.day()));
            if (a.ruleId().equals("low-engagement-winback")) {
                winbacks.add(a.userId() + "@" + dayOf(a.day()));
            }
        }
        int checked = 0;
        for (int day = 56; day <= 200 - 45; day += 14) {
            for (String user : sessionDays.keySet()) {
                int silence = silenceAt(user, day);
                boolean cooling = reached.getOrDefault(user, Set.of()).contains(day - 14);
                if (Integer.parseInt(user.substring(1)) < 3_000 && silence > 90 && silence <= 180 && !cooling) {
                    assertThat(winbacks).as(user + " on day " + day).contains(user + "@" + day);
                    checked++;
                }
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void everyTreatedBargainHunterComesBackWithinThreeDaysOfTheCoupon() {
        long treated = 0;
        for (CsvRows.ActionRow a : actions) {
            if (a.ruleId().equals("dormant-coupon") && !a.control() && segmentOf(a.userId()).equals("bargain_hunter")) {
                int day = dayOf(a.day());
                assertThat(sessionDays.get(a.userId()).subSet(day + 1, day + 4)).as(a.actionId()).isNotEmpty();
                treated++;
            }
        }
        assertThat(treated).isPositive();
        JsonNode rules = truth.get("campaigns").get("rules");
        assertThat(rules.get(0).get("rule").asText()).isEqualTo("dormant-coupon");
        assertThat(rules.get(0).get("responded").asLong()).isEqualTo(treated);
        assertThat(rules.get(0).get("uplift_by_segment").get("bargain_hunter").asDouble()).isEqualTo(1.0);
        assertThat(rules.get(0).get("uplift_by_segment").get("casual").asDouble()).isZero();
        assertThat(rules.get(1).get("responded").asLong()).isZero();
        assertThat(rules.get(1).get("uplift").asDouble()).isZero();
    }

    @Test
    void withoutAnyUpliftEveryUserLivesExactlyAsWithoutCampaigns(@TempDir Path runs) throws IOException {
        GeneratorConfig small = GeneratorConfig.defaults().withUsers(1_500).withDays(150).withSeed(3);
        Campaigns none = new Campaigns(true, Map.of(), 0.0);
        GenerationSummary reached = StoreGenerator.generate(small.withCampaigns(none), runs.resolve("a"),
                Progress.NONE);
        GenerationSummary off = StoreGenerator.generate(small.withCampaigns(Campaigns.disabled()), runs.resolve("b"),
                Progress.NONE);

        assertThat(Files.mismatch(reached.eventsFile(), off.eventsFile())).isEqualTo(-1);
        assertThat(Files.mismatch(reached.usersFile(), off.usersFile())).isEqualTo(-1);
        assertThat(Files.readAllLines(reached.actionsFile()).size()).isGreaterThan(100);
        assertThat(Files.readAllLines(off.actionsFile())).containsExactly(CsvRows.ACTIONS_HEADER);
        assertThat(new ObjectMapper().readTree(off.truthFile().toFile()).has("campaigns")).isFalse();
    }

    @Test
    void theMeasuredUpliftIsThePlantedOneAndTheWinBackHasNone() {
        Map<String, Effect> effects = Effect.measure(GeneratorConfig.defaults());
        Effect coupon = effects.get("dormant-coupon");
        Effect winback = effects.get("low-engagement-winback");

        // A treated user comes back within the window because of the coupon (chance u of their segment)
        // or by themselves (as often as the control group does), so treated − control = ū × (1 − control rate).
        double expected = coupon.meanUplift() * (1 - coupon.controlRate());
        assertThat(coupon.difference()).isCloseTo(expected, within(3 * coupon.error()));
        assertThat(coupon.difference()).isGreaterThan(2 * coupon.error());
        assertThat(winback.meanUplift()).isZero();
        assertThat(winback.difference()).isCloseTo(0, within(3 * winback.error()));
    }

    /**
     * Share of treated and of control users of a rule with any event in the 30 days after their
     * campaign, and the mean planted uplift of the treated.
     */
    record Effect(long treated, long treatedBack, long control, long controlBack, double meanUplift) {

        double treatedRate() {
            return treatedBack / (double) treated;
        }

        double controlRate() {
            return controlBack / (double) control;
        }

        double difference() {
            return treatedRate() - controlRate();
        }

        /** Standard error of the difference of two proportions. */
        double error() {
            double t = treatedRate();
            double c = controlRate();
            return Math.sqrt(t * (1 - t) / treated + c * (1 - c) / control);
        }

        /** Per rule, from one generation into a sink that keeps only the days each user had events on. */
        static Map<String, Effect> measure(GeneratorConfig config) {
            Map<Integer, BitSet> eventDays = new HashMap<>();
            List<SyntheticAction> reached = new ArrayList<>();
            GroundTruth[] truth = new GroundTruth[1];
            long startSecond = config.start().toEpochDay() * 86_400;
            StoreGenerator.generate(config, new EventSink() {
                @Override
                public void user(SyntheticUser user) {
                }

                @Override
                public void event(SyntheticEvent event) {
                    eventDays.computeIfAbsent(event.user(), u -> new BitSet())
                            .set((int) ((event.epochSecond() - startSecond) / 86_400));
                }

                @Override
                public void action(SyntheticAction action) {
                    reached.add(action);
                }

                @Override
                public void finish(GroundTruth planted) {
                    truth[0] = planted;
                }
            }, Progress.NONE);

            Map<String, long[]> counts = new TreeMap<>();
            Map<String, Double> uplift = new HashMap<>();
            for (SyntheticAction a : reached) {
                int day = (int) ChronoUnit.DAYS.between(config.start(), a.day());
                BitSet days = eventDays.getOrDefault(a.user(), new BitSet());
                int next = days.nextSetBit(day + 1);
                boolean back = next >= 0 && next <= day + 30;
                long[] c = counts.computeIfAbsent(a.ruleId(), r -> new long[4]);
                int group = a.control() ? 2 : 0;
                c[group]++;
                c[group + 1] += back ? 1 : 0;
                if (!a.control()) {
                    uplift.merge(a.ruleId(), a.ruleId().equals("dormant-coupon")
                            ? config.campaigns().couponUplift(truth[0].segmentOf(a.user()))
                            : config.campaigns().winbackUplift(), Double::sum);
                }
            }
            Map<String, Effect> effects = new TreeMap<>();
            counts.forEach((rule, c) -> effects.put(rule, new Effect(c[0], c[1], c[2], c[3], uplift.get(rule) / c[0])));
            return effects;
        }
    }
}
