package io.pulse.store.tags;

import io.pulse.core.tags.FeatureCondition;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One entry of a tag file, validated: a rule over the feature table, a users-file attribute, or a model
 * output. Attribute and model definitions expand to one tag per value ({@code region:east},
 * {@code p_active:high}); a dormancy definition is a single tag under its own name.
 *
 * @param rule the parsed condition, for {@link Kind#RULE} only
 * @param attribute for {@link Kind#ATTRIBUTE} only
 * @param model for {@link Kind#MODEL} only
 * @param bands ascending cuts of a banded model (p_active, clv); empty otherwise
 * @param labels one more than the bands: value &lt; bands[0] is labels[0], bands[i-1] ≤ value &lt; bands[i]
 *     is labels[i], and value ≥ the last band the last label
 * @param source the file the definition came from ({@value TagDefinitions#DEFAULT} for the shipped one)
 * @param line 1-based line of the definition in {@code source}
 */
public record TagDefinition(String name, Kind kind, FeatureCondition rule, Attribute attribute, Model model,
        List<Band> bands, List<String> labels, String owner, String description, Refresh refresh,
        String source, int line) {

    public TagDefinition {
        bands = List.copyOf(bands);
        labels = List.copyOf(labels);
    }

    public enum Kind {
        RULE, ATTRIBUTE, MODEL
    }

    /** A users-file attribute, named as its column of the feature table. */
    public enum Attribute {
        AGE_BAND, GENDER, REGION, CHANNEL;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A model output and the command that writes it, named in the reason when its table is missing. */
    public enum Model {
        SEGMENT("pulse segments"), P_ACTIVE("pulse predict"), CLV("pulse clv"), DORMANCY("pulse thresholds");

        private final String command;

        Model(String command) {
            this.command = command;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The command whose output the tags read. */
        public String command() {
            return command;
        }

        /** Whether the definition needs bands and labels. */
        public boolean banded() {
            return this == P_ACTIVE || this == CLV;
        }
    }

    public enum Refresh {
        DAILY, WEEKLY, MONTHLY, ON_INGEST;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A band edge: a value, or with {@code percentile} the value-th percentile over users with a value. */
    public record Band(double value, boolean percentile) {
        @Override
        public String toString() {
            String number = value == Math.rint(value) && Math.abs(value) < 1e15
                    ? Long.toString((long) value) : Double.toString(value);
            return percentile ? "p" + number : number;
        }
    }

    /** The definition as one line for the store and for diffs: the rule, or what is read and how it is cut. */
    public String expression() {
        return switch (kind) {
            case RULE -> rule.text();
            case ATTRIBUTE -> "attribute " + attribute.column();
            case MODEL -> "model " + model.key() + (bands.isEmpty() ? ""
                    : " bands [" + bands.stream().map(Band::toString).collect(Collectors.joining(", "))
                    + "] labels [" + String.join(", ", labels) + "]");
        };
    }
}
