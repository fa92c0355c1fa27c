package io.pulse.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreGeneratorTest {

    /** Small, and across Black Friday, Christmas and a year boundary; long enough for two campaigns. */
    private static final GeneratorConfig SMALL = new GeneratorConfig(400, 120, 1, LocalDate.of(2025, 10, 1), 4, 2,
            Campaigns.defaults());

    private static final Set<String> TYPES = Set.of("view", "session", "search", "cart", "purchase", "refund", "click");
    private static final Set<String> CATEGORIES = Set.of("electronics", "books", "fashion", "home", "beauty", "toys",
            "sports", "grocery", "jewelry", "garden", "music", "health");
    private static final Set<String> AGE_BANDS = Set.of("18-24", "25-34", "35-44", "45-54", "55-64", "65+");
    private static final Set<String> REGIONS = Set.of("north", "south", "east", "west", "central");
    private static final Set<String> CHANNELS = Set.of("organic", "paid_search", "social", "referral", "email",
            "affiliate");

    @Test
    void theSameSeedGivesByteIdenticalFiles(@TempDir Path dir) throws IOException {
        StoreGenerator.generate(SMALL, dir.resolve("a"), Progress.NONE);
        StoreGenerator.generate(SMALL, dir.resolve("b"), Progress.NONE);

        for (String file : List.of("events.csv", "users.csv", "actions.csv", "truth.json", "tags.yaml")) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("b").resolve(file)))
                    .as(file).isEqualTo(-1);
        }
    }

    @Test
    void aDifferentSeedGivesDifferentFiles(@TempDir Path dir) throws IOException {
        StoreGenerator.generate(SMALL, dir.resolve("a"), Progress.NONE);
        StoreGenerator.generate(SMALL.withSeed(2), dir.resolve("b"), Progress.NONE);

        for (String file : List.of("events.csv", "users.csv", "truth.json")) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("b").resolve(file)))
                    .as(file).isNotEqualTo(-1);
        }
    }

    @Test
    void everyEventRowIsValidInTheCanonicalSchema(@TempDir Path dir) throws IOException {
        GenerationSummary summary = StoreGenerator.generate(SMALL, dir, Progress.NONE);
        Set<String> users = new HashSet<>();
        CsvRows.forEach(summary.usersFile(), 6, cells -> users.add(cells[0]));
        Instant start = SMALL.start().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = SMALL.end().atStartOfDay().toInstant(ZoneOffset.UTC);
        Set<String> eventIds = new HashSet<>();

        String header = CsvRows.forEachEvent(summary.eventsFile(), e -> {
            String where = "line " + e.line();
            assertThat(eventIds.add(e.eventId())).as(where + " unique event_id").isTrue();
            assertThat(e.eventId()).as(where).matches("e[0-9a-z]+");
            assertThat(users).as(where + " user in users.csv").contains(e.userId());
            assertThat(e.ts()).as(where).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(e.instant()).as(where).isBetween(start, end.minusSeconds(1));
            assertThat(TYPES).as(where).contains(e.type());
            boolean money = e.type().equals("purchase") || e.type().equals("refund");
            if (money) {
                assertThat(e.amount()).as(where).matches("\\d+\\.\\d\\d");
                assertThat(e.amountValue()).as(where).isPositive();
            } else {
                assertThat(e.amount()).as(where + " amount only on purchase and refund").isEmpty();
            }
            boolean timed = e.type().equals("view") || e.type().equals("session");
            assertThat(e.durationS()).as(where).matches(timed ? "\\d+" : "");
            boolean aboutAnItem = !e.type().equals("session") && !e.type().equals("search");
            assertThat(e.itemId()).as(where).matches(aboutAnItem ? "i\\d{5}" : "");
            if (!e.type().equals("session")) {
                assertThat(CATEGORIES).as(where).contains(e.category());
            }
            boolean counted = e.type().equals("cart") || money;
            assertThat(e.quantity()).as(where).matches(counted ? "[1-9]\\d*" : "");
        });

        assertThat(header).isEqualTo(CsvRows.EVENTS_HEADER);
        assertThat(eventIds).hasSize((int) summary.events());
    }

    @Test
    void everyUserHasARowWithKnownAttributesAndASegmentInTheTruth(@TempDir Path dir) throws IOException {
        GenerationSummary summary = StoreGenerator.generate(SMALL, dir, Progress.NONE);
        JsonNode truth = new ObjectMapper().readTree(summary.truthFile().toFile());
        JsonNode userSegments = truth.get("user_segments");
        Map<String, Long> counted = new TreeMap<>();

        String header = CsvRows.forEach(summary.usersFile(), 6, cells -> {
            assertThat(cells[0]).matches("u\\d{6}");
            assertThat(LocalDate.parse(cells[1])).isBefore(SMALL.end());
            assertThat(AGE_BANDS).contains(cells[2]);
            assertThat(Set.of("f", "m", "x")).contains(cells[3]);
            assertThat(REGIONS).contains(cells[4]);
            assertThat(CHANNELS).contains(cells[5]);
            assertThat(userSegments.has(cells[0])).as(cells[0]).isTrue();
            counted.merge(userSegments.get(cells[0]).asText(), 1L, Long::sum);
        });

        assertThat(header).isEqualTo(CsvRows.USERS_HEADER);
        assertThat(userSegments.size()).isEqualTo((int) summary.users());
        assertThat(counted).isEqualTo(new TreeMap<>(summary.usersBySegment()));
        summary.usersBySegment().forEach((segment, count) ->
                assertThat(truth.get("segments").get(segment).get("count").asLong()).as(segment).isEqualTo(count));
    }

    @Test
    void theSummaryCountsWhatTheFilesHold(@TempDir Path dir) throws IOException {
        GenerationSummary summary = StoreGenerator.generate(SMALL, dir, Progress.NONE);
        long[] events = {0};
        long[] purchases = {0};
        double[] revenue = {0};

        CsvRows.forEachEvent(summary.eventsFile(), e -> {
            events[0]++;
            if (e.type().equals("purchase")) {
                purchases[0]++;
                revenue[0] += e.amountValue();
            }
        });

        assertThat(summary.events()).isEqualTo(events[0]);
        assertThat(summary.purchases()).isEqualTo(purchases[0]).isPositive();
        assertThat(summary.revenue()).isCloseTo(revenue[0], within(0.01));
        assertThat(summary.usersBySegment().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(summary.users());
        assertThat(summary.usersBySegment().keySet()).containsExactly("loyal_regular", "bargain_hunter",
                "window_shopper", "casual", "one_and_done", "hidden_value", "spike_visitor");
    }

    @Test
    void aSinkReceivesTheSameUsersAndEventsAsTheFiles(@TempDir Path dir) throws IOException {
        GenerationSummary files = StoreGenerator.generate(SMALL, dir, Progress.NONE);
        List<String> eventIds = new ArrayList<>();
        Map<String, String> segments = new HashMap<>();
        Set<String> actionRows = new HashSet<>();
        GroundTruth[] truth = new GroundTruth[1];

        GenerationSummary streamed = StoreGenerator.generate(SMALL, new EventSink() {
            @Override
            public void user(SyntheticUser user) {
                segments.put(user.userId(), user.segment());
            }

            @Override
            public void event(SyntheticEvent event) {
                eventIds.add(event.eventId());
            }

            @Override
            public void action(SyntheticAction a) {
                actionRows.add(String.join(",", a.actionId(), a.ruleId(), a.userId(), a.action(),
                        a.ts().toString(), Boolean.toString(a.control())));
            }

            @Override
            public void finish(GroundTruth planted) {
                truth[0] = planted;
            }
        }, Progress.NONE);

        assertThat(streamed).isEqualTo(files.withFiles(null, null, null, null, null));
        List<String> fileIds = new ArrayList<>();
        CsvRows.forEachEvent(files.eventsFile(), e -> fileIds.add(e.eventId()));
        assertThat(eventIds).isEqualTo(fileIds);
        List<String> fileActions = Files.readAllLines(files.actionsFile());
        assertThat(fileActions.get(0)).isEqualTo(CsvRows.ACTIONS_HEADER);
        assertThat(fileActions.subList(1, fileActions.size())).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(actionRows);
        segments.forEach((user, segment) ->
                assertThat(truth[0].segmentOf(Integer.parseInt(user.substring(1)))).as(user).isEqualTo(segment));
    }

    @Test
    void progressIsReportedInUsersUpToTheTotal(@TempDir Path dir) throws IOException {
        long[] reported = {0};
        long[] total = {0};
        Progress progress = new Progress() {
            @Override
            public void start(String task, long units) {
                total[0] = units;
            }

            @Override
            public void advance(long units) {
                reported[0] += units;
            }

            @Override
            public void done() {
            }
        };

        GenerationSummary summary = StoreGenerator.generate(SMALL, dir, progress);

        assertThat(total[0]).isEqualTo(summary.users());
        assertThat(reported[0]).isEqualTo(summary.users());
    }

    @Test
    void aRunThatFailsLeavesNoHalfWrittenFiles(@TempDir Path dir) throws IOException {
        // A non-empty directory where truth.json is to be written makes the last step fail.
        Files.createDirectories(dir.resolve("truth.json.partial").resolve("blocker"));

        assertThatThrownBy(() -> StoreGenerator.generate(SMALL, dir, Progress.NONE)).isInstanceOf(IOException.class);

        try (var left = Files.list(dir)) {
            // actions.csv and its per-day parts are gone too.
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("truth.json.partial");
        }
    }
}
