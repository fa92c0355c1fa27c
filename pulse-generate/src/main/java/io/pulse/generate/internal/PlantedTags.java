package io.pulse.generate.internal;

import io.pulse.generate.GroundTruth.PlantedTag;
import io.pulse.generate.GroundTruth.PlantedTag.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tags.yaml of a generated store: Pulse's default tags plus tags that repeat some of them, as
 * happens when several teams each define "their" high-value customers. {@code pulse tags audit} should
 * find every one. Exact duplicates are the same rule written differently, chosen so the sets are equal
 * whatever the data (the columns are whole numbers, or the terms only swap places); near duplicates move
 * a threshold one step, so they share most but not all of their users. The file is the same for every
 * config.
 */
final class PlantedTags {

    private record Planted(PlantedTag truth, String owner, String refresh, String description) {
    }

    private static final List<Planted> TABLE = List.of(
            exact("never_ordered", "purchases < 1", "never_bought",
                    "purchases is a whole number, so < 1 is == 0",
                    "growth", "weekly", "Has not placed an order yet"),
            exact("multi_day_buyer", "frequency > 0", "repeat_buyer",
                    "frequency is a whole number, so > 0 is >= 1",
                    "retention", "daily", "Came back to buy on another day"),
            exact("dormant_month", "days_since_last_visit >= 31", "silent_30d",
                    "days_since_last_visit is a whole number of days, so >= 31 is > 30",
                    "retention", "daily", "Not seen for a month"),
            exact("one_day_buyer", "frequency == 0 and purchases > 0", "one_time_buyer",
                    "the same two terms in the other order, and purchases > 0 is >= 1 for a whole number",
                    "retention", "weekly", "All purchases on a single day"),
            exact("established", "tenure_days > 364", "veteran",
                    "tenure_days is a whole number of days, so > 364 is >= 365",
                    "finance", "monthly", "Customer for over a year"),
            near("vip_spender", "monetary_total > p78", "high_value",
                    "p78 instead of p80: the 2% of users between the two percentiles are added",
                    "sales", "daily", "Our best customers by spend"),
            near("long_sessions", "browse_minutes_per_session > p82", "deep_browser",
                    "p82 instead of p80: the 2% of users between the two percentiles are left out",
                    "ux", "weekly", "Sessions longer than most"),
            near("visited_recently", "days_since_last_visit <= 8", "visited_this_week",
                    "8 days instead of 7: users last seen exactly 8 days ago are added",
                    "growth", "daily", "Seen in the last week or so"),
            near("loyal_buyer", "frequency >= 5", "frequent_buyer",
                    "5 repeat purchase days instead of 4: users with exactly 4 are left out",
                    "retention", "daily", "Buys again and again"));

    /** The planted tags, as truth.json lists them. */
    static final List<PlantedTag> ALL = TABLE.stream().map(Planted::truth).toList();

    private PlantedTags() {
    }

    private static Planted exact(String tag, String rule, String duplicateOf, String how, String owner,
                                 String refresh, String description) {
        return new Planted(new PlantedTag(tag, rule, duplicateOf, Kind.EXACT, how), owner, refresh, description);
    }

    private static Planted near(String tag, String rule, String duplicateOf, String how, String owner,
                                String refresh, String description) {
        return new Planted(new PlantedTag(tag, rule, duplicateOf, Kind.NEAR, how), owner, refresh, description);
    }

    /** In the format of Pulse's default-tags.yaml, which it includes; nothing in the table needs quoting beyond "". */
    static void writeYaml(Path file) throws IOException {
        StringBuilder yaml = new StringBuilder()
                .append("# Tags for this generated store: Pulse's default tags plus planted duplicates (listed in truth.json)\n")
                .append("include: default\n")
                .append("tags:\n");
        for (Planted p : TABLE) {
            yaml.append("  - {name: ").append(p.truth().tag())
                    .append(", rule: \"").append(p.truth().rule())
                    .append("\", owner: ").append(p.owner())
                    .append(", refresh: ").append(p.refresh())
                    .append(", description: \"").append(p.description()).append("\"}\n");
        }
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }
}
