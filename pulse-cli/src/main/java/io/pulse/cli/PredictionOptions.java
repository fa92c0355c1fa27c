package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.prediction.BgNbdBaseline;
import io.pulse.core.prediction.LogisticRegression;
import io.pulse.core.prediction.ModelTrainer;
import io.pulse.ml.GradientBoostedTrees;
import io.pulse.store.prediction.ActivityLabel;
import io.pulse.store.prediction.LabelledData;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How labelled rows are made, shared by validate and predict. */
final class PredictionOptions {

    @Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "30",
            description = "Label window after each cutoff (default ${DEFAULT-VALUE} days).")
    int horizon;

    @Option(names = "--label", paramLabel = "any|purchase", defaultValue = "any",
            description = "Active means any event (default) or a purchase in the window.")
    String label;

    @Option(names = "--every", paramLabel = "DAYS", defaultValue = "14", description = "Days between cutoffs (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--history", paramLabel = "DAYS", defaultValue = "60",
            description = "Days of events a cutoff needs before it (default ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--cutoffs", paramLabel = "N", defaultValue = "26", description = "At most N cutoffs, the latest (default ${DEFAULT-VALUE}).")
    int cutoffs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of folds, samples and models (default ${DEFAULT-VALUE}).")
    long seed;

    LabelledData.Options data() {
        return new LabelledData.Options(horizon, ActivityLabel.parse(label), every, history, cutoffs);
    }

    /** "xgboost", "logistic" or "bgnbd". */
    static ModelTrainer trainer(String kind) {
        return switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case GradientBoostedTrees.KIND, "gbt", "trees" -> new GradientBoostedTrees();
            case LogisticRegression.KIND, "lr" -> new LogisticRegression();
            case BgNbdBaseline.KIND -> new BgNbdBaseline();
            default -> throw new PulseInputException("--model", 0, "model", "expected xgboost, logistic or bgnbd, got '"
                    + kind + "'");
        };
    }

    static List<ModelTrainer> trainers(String kinds) {
        List<ModelTrainer> out = new ArrayList<>();
        for (String k : kinds.split(",")) {
            if (!k.isBlank()) {
                out.add(trainer(k));
            }
        }
        if (out.isEmpty()) {
            throw new PulseInputException("--models", 0, "models", "name at least one of xgboost, logistic, bgnbd");
        }
        return out;
    }
}
