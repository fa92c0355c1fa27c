package io.pulse.generate.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.GroundTruth;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes truth.json field by field, in a fixed order, with snake_case names. Streaming rather
 * than binding: {@code user_segments} has an entry per user and is derived on the fly, and the
 * field names are a documented format that must not follow Java renames.
 */
final class TruthJson {

    private TruthJson() {
    }

    static void write(GroundTruth truth, Path file) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            GeneratorConfig config = truth.config();
            json.writeStartObject();
            json.writeNumberField("seed", config.seed());
            json.writeObjectFieldStart("config");
            json.writeNumberField("users", config.users());
            json.writeNumberField("days", config.days());
            json.writeNumberField("seed", config.seed());
            json.writeStringField("start", config.start().toString());
            json.writeNumberField("spike_rate", config.spikeRate());
            json.writeNumberField("level_shifts", config.levelShifts());
            json.writeEndObject();
            json.writeObjectFieldStart("period");
            json.writeStringField("start", config.start() + "T00:00:00Z");
            json.writeStringField("end", config.end() + "T00:00:00Z");
            json.writeEndObject();
            json.writeNumberField("total_users", truth.totalUsers());
            json.writeNumberField("reactivated_users", truth.reactivatedUsers());

            json.writeObjectFieldStart("segments");
            for (GroundTruth.SegmentInfo s : truth.segments()) {
                json.writeObjectFieldStart(s.name());
                json.writeStringField("description", s.description());
                json.writeNumberField("count", s.count());
                json.writeEndObject();
            }
            json.writeEndObject();

            json.writeArrayFieldStart("spikes");
            for (GroundTruth.Spike s : truth.spikes()) {
                json.writeStartObject();
                json.writeStringField("item_id", s.itemId());
                json.writeStringField("category", s.category());
                json.writeStringField("source", s.source());
                json.writeStringField("channel", s.channel());
                json.writeStringField("start", s.start().toString());
                json.writeStringField("end", s.end().toString());
                json.writeNumberField("visitors", s.visitors());
                json.writeNumberField("extra_events", s.extraEvents());
                json.writeEndObject();
            }
            json.writeEndArray();

            json.writeArrayFieldStart("level_shifts");
            for (GroundTruth.LevelShift s : truth.levelShifts()) {
                json.writeStartObject();
                json.writeStringField("item_id", s.itemId());
                json.writeStringField("category", s.category());
                json.writeStringField("from", s.from().toString());
                json.writeNumberField("factor", s.factor());
                json.writeEndObject();
            }
            json.writeEndArray();

            json.writeArrayFieldStart("drift");
            for (GroundTruth.Drift d : truth.drift()) {
                json.writeStartObject();
                json.writeStringField("what", d.what());
                json.writeNumberField("from", d.from());
                json.writeNumberField("to", d.to());
                json.writeStringField("how", d.how());
                json.writeEndObject();
            }
            json.writeEndArray();

            json.writeArrayFieldStart("holidays");
            for (GroundTruth.Holiday h : truth.holidays()) {
                json.writeStartObject();
                json.writeStringField("date", h.date().toString());
                json.writeStringField("name", h.name());
                json.writeNumberField("multiplier", h.multiplier());
                json.writeBooleanField("sale", h.sale());
                json.writeEndObject();
            }
            json.writeEndArray();

            if (truth.campaigns().isPresent()) {
                writeCampaigns(json, truth.campaigns().get());
            }

            writeTags(json, truth.plantedTags());

            json.writeObjectFieldStart("user_segments");
            for (int user = 0; user < truth.totalUsers(); user++) {
                json.writeStringField(Ids.user(user), truth.segmentOf(user));
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void writeCampaigns(JsonGenerator json, GroundTruth.CampaignHistory c) throws IOException {
        json.writeObjectFieldStart("campaigns");
        json.writeNumberField("every_days", c.everyDays());
        json.writeStringField("first_day", c.firstDay() == null ? null : c.firstDay().toString());
        json.writeStringField("last_day", c.lastDay() == null ? null : c.lastDay().toString());
        json.writeNumberField("window_days", c.windowDays());
        json.writeArrayFieldStart("rules");
        for (GroundTruth.RuleOutcome r : c.rules()) {
            json.writeStartObject();
            json.writeStringField("rule", r.rule());
            json.writeStringField("action", r.action());
            json.writeStringField("qualifies", r.qualifies());
            if (r.upliftBySegment().isEmpty()) {
                json.writeNumberField("uplift", r.uplift());
            } else {
                json.writeObjectFieldStart("uplift_by_segment");
                for (var e : r.upliftBySegment().entrySet()) {
                    json.writeNumberField(e.getKey(), e.getValue());
                }
                json.writeEndObject();
            }
            json.writeNumberField("treated", r.treated());
            json.writeNumberField("control", r.control());
            json.writeNumberField("responded", r.responded());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("treated", c.treated());
        json.writeNumberField("control", c.control());
        json.writeNumberField("responded", c.responded());
        json.writeEndObject();
    }

    private static void writeTags(JsonGenerator json, List<GroundTruth.PlantedTag> planted) throws IOException {
        json.writeObjectFieldStart("tags");
        json.writeStringField("file", CsvFiles.TAGS);
        json.writeArrayFieldStart("planted");
        for (GroundTruth.PlantedTag t : planted) {
            json.writeStartObject();
            json.writeStringField("tag", t.tag());
            json.writeStringField("rule", t.rule());
            json.writeStringField("duplicate_of", t.duplicateOf());
            json.writeStringField("kind", t.kind().label());
            json.writeStringField("how", t.how());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
