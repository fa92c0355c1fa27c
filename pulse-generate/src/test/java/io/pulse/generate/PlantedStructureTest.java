package io.pulse.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.progress.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that what truth.json says was planted can be found again in events.csv, computed from the
 * CSV alone. One generated year of 4,000 users is read once and reduced to the aggregates below.
 */
class PlantedStructureTest {

    private static final GeneratorConfig CONFIG = GeneratorConfig.defaults().withUsers(4_000).withSeed(7);
    private static final Instant END = Instant.parse(CONFIG.end() + "T00:00:00Z");

    @TempDir
    static Path dir;
    static JsonNode truth;

    /** Per user. */
    static final Map<String, Long> sessions = new HashMap<>();
    static final Map<String, Long> sessionSeconds = new HashMap<>();
    static final Map<String, Long> purchases = new HashMap<>();
    static final Map<String, Double> spend = new HashMap<>();
    static final Map<String, Instant> firstSeen = new HashMap<>();
    /** Per day. */
    static final Map<LocalDate, Long> eventsByDay = new TreeMap<>();
    /** item → source → timestamps of its views, for spiked items. */
    static final Map<String, Map<String, List<Instant>>> spikedItemViews = new HashMap<>();
    /** item → [views before the shift, category views before, views after, category views after]. */
    static final Map<String, long[]> shiftedItemViews = new HashMap<>();
    /** window_shopper sessions and purchases in February–March and in September–October. */
    static final long[] windowShopperEarly = new long[2];
    static final long[] windowShopperLate = new long[2];

    @BeforeAll
    static void generateAndReadBack() throws IOException {
        GenerationSummary summary = StoreGenerator.generate(CONFIG, dir, Progress.NONE);
        truth = new ObjectMapper().readTree(summary.truthFile().toFile());
        JsonNode segments = truth.get("user_segments");
        Set<String> spiked = new HashSet<>();
        truth.get("spikes").forEach(s -> spiked.add(s.get("item_id").asText()));
        Map<String, JsonNode> shifts = new HashMap<>();
        truth.get("level_shifts").forEach(s -> shifts.put(s.get("item_id").asText(), s));

        CsvRows.forEachEvent(summary.eventsFile(), e -> {
            Instant ts = e.instant();
            eventsByDay.merge(LocalDate.parse(e.day()), 1L, Long::sum);
            firstSeen.merge(e.userId(), ts, (a, b) -> a.isBefore(b) ? a : b);
            boolean windowShopper = segments.get(e.userId()).asText().equals("window_shopper");
            int month = Integer.parseInt(e.ts().substring(5, 7));
            long[] season = month == 2 || month == 3 ? windowShopperEarly
                    : month == 9 || month == 10 ? windowShopperLate
                    : null;
            switch (e.type()) {
                case "session" -> {
                    sessions.merge(e.userId(), 1L, Long::sum);
                    sessionSeconds.merge(e.userId(), (long) e.duration(), Long::sum);
                    if (windowShopper && season != null) {
                        season[0]++;
                    }
                }
                case "purchase" -> {
                    purchases.merge(e.userId(), 1L, Long::sum);
                    spend.merge(e.userId(), e.amountValue(), Double::sum);
                    if (windowShopper && season != null) {
                        season[1]++;
                    }
                }
                case "view" -> {
                    if (spiked.contains(e.itemId())) {
                        spikedItemViews.computeIfAbsent(e.itemId(), k -> new HashMap<>())
                                .computeIfAbsent(e.source(), k -> new ArrayList<>()).add(ts);
                    }
                    shifts.forEach((item, shift) -> {
                        if (e.category().equals(shift.get("category").asText())) {
                            boolean after = e.day().compareTo(shift.get("from").asText()) >= 0;
                            long[] counts = shiftedItemViews.computeIfAbsent(item, k -> new long[4]);
                            counts[after ? 3 : 1]++;
                            if (e.itemId().equals(item)) {
                                counts[after ? 2 : 0]++;
                            }
                        }
                    });
                }
                default -> {
                }
            }
        });
    }

    private static List<String> usersOf(String segment) {
        List<String> users = new ArrayList<>();
        truth.get("user_segments").properties().forEach(entry -> {
            if (entry.getValue().asText().equals(segment)) {
                users.add(entry.getKey());
            }
        });
        return users;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Purchases per 30 days from the user's first event to the end of the period, as RFM would see it. */
    private static double purchasesPerMonth(String user) {
        double months = Math.max(1, Duration.between(firstSeen.get(user), END).toDays() / 30.0);
        return purchases.get(user) / months;
    }

    @Test
    void hiddenValueUsersBrowseForHalfAnHourPerSessionOnAverage() {
        List<Double> meanSessionSeconds = usersOf("hidden_value").stream()
                .filter(sessions::containsKey)
                .map(u -> sessionSeconds.get(u) / (double) sessions.get(u))
                .toList();

        assertThat(meanSessionSeconds).hasSizeGreaterThan(100);
        assertThat(meanSessionSeconds.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
                .isGreaterThanOrEqualTo(1800);
    }

    @Test
    void hiddenValueOrdersAreWorthAtLeastTwiceThePopulationsAverageOrder() {
        double populationAov = spend.values().stream().mapToDouble(Double::doubleValue).sum()
                / purchases.values().stream().mapToLong(Long::longValue).sum();
        List<String> hidden = usersOf("hidden_value").stream().filter(purchases::containsKey).toList();
        double hiddenAov = hidden.stream().mapToDouble(spend::get).sum()
                / hidden.stream().mapToLong(purchases::get).sum();

        assertThat(hiddenAov).isGreaterThanOrEqualTo(2 * populationAov);
    }

    @Test
    void hiddenValueUsersBuyNoMoreOftenThanTheMedianBuyer() {
        double populationMedian = median(purchases.keySet().stream().map(PlantedStructureTest::purchasesPerMonth)
                .toList());
        double hiddenMedian = median(usersOf("hidden_value").stream().filter(purchases::containsKey)
                .map(PlantedStructureTest::purchasesPerMonth).toList());

        assertThat(hiddenMedian).isLessThanOrEqualTo(populationMedian);
    }

    @Test
    void weekendsAreBusierThanWeekdays() {
        Set<LocalDate> holidays = new HashSet<>();
        truth.get("holidays").forEach(h -> holidays.add(LocalDate.parse(h.get("date").asText())));
        double[] sum = new double[2];
        int[] days = new int[2];
        eventsByDay.forEach((day, events) -> {
            if (!holidays.contains(day)) {
                DayOfWeek weekday = day.getDayOfWeek();
                int weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 1 : 0;
                sum[weekend] += events;
                days[weekend]++;
            }
        });

        assertThat(sum[1] / days[1]).isGreaterThan(1.15 * sum[0] / days[0]);
    }

    @Test
    void blackFridayToCyberMondayEachBeatTheNovemberMedianDay() {
        List<Double> november = new ArrayList<>();
        eventsByDay.forEach((day, events) -> {
            if (day.getMonthValue() == 11) {
                november.add((double) events);
            }
        });
        double median = median(november);
        LocalDate blackFriday = LocalDate.of(2025, 11, 28);

        assertThat(eventsByDay.get(blackFriday)).isGreaterThan((long) (1.8 * median));
        for (int d = 1; d <= 3; d++) {
            assertThat(eventsByDay.get(blackFriday.plusDays(d))).as(blackFriday.plusDays(d).toString())
                    .isGreaterThan((long) (1.3 * median));
        }
    }

    @Test
    void everyPlantedSpikeRisesFarAboveItsItemsOrdinaryHourlyViews() {
        assertThat(truth.get("spikes")).hasSize(4);
        truth.get("spikes").forEach(spike -> {
            String item = spike.get("item_id").asText();
            Instant start = Instant.parse(spike.get("start").asText());
            Instant end = Instant.parse(spike.get("end").asText());
            Map<String, List<Instant>> bySource = spikedItemViews.get(item);
            long inWindow = bySource.getOrDefault(spike.get("source").asText(), List.of()).stream()
                    .filter(ts -> !ts.isBefore(start) && ts.isBefore(end)).count();
            long outside = bySource.values().stream().flatMap(List::stream)
                    .filter(ts -> ts.isBefore(start) || !ts.isBefore(end)).count();
            double windowHours = ChronoUnit.SECONDS.between(start, end) / 3600.0;
            double ordinaryPerHour = (outside + 1) / (CONFIG.days() * 24.0);

            assertThat(inWindow).as(item).isGreaterThan(30);
            assertThat(inWindow / windowHours).as(item).isGreaterThan(100 * ordinaryPerHour);
        });
    }

    @Test
    void levelShiftedItemsTakeAboutThreeTimesTheirShareOfTheirCategoryAfterTheShift() {
        assertThat(shiftedItemViews).hasSize(2);
        shiftedItemViews.forEach((item, v) -> {
            double before = v[0] / (double) v[1];
            double after = v[2] / (double) v[3];
            assertThat(after / before).as(item).isBetween(2.0, 4.5);
        });
    }

    @Test
    void windowShoppersConvertLessLateInThePeriod() {
        double early = windowShopperEarly[1] / (double) windowShopperEarly[0];
        double late = windowShopperLate[1] / (double) windowShopperLate[0];

        assertThat(late).isLessThan(0.85 * early);
    }
}
