package io.pulse.core.validation;

import java.util.Locale;

/**
 * How much random K-fold flatters a model, and which estimate to believe, in one sentence for a report.
 *
 * <p>The rules, on ROC AUC, with the forward holdout taken as what production will see:
 * <ol>
 * <li>The forward holdout's AUC is undefined: no verdict ({@link Trust#NONE}).
 * <li>Optimism gap = random K-fold − forward holdout. If |gap| < {@value #HARMLESS_GAP}, random K-fold
 *     is harmless here; otherwise it overstates (gap > 0) or understates (gap < 0) by |gap|. An
 *     undefined random K-fold AUC gives no sentence about it.
 * <li>If time-series CV lands within {@value #TS_CV_TOLERANCE} of the forward holdout, trust
 *     time-series CV: it averages several cutoffs, the holdout is one. Otherwise (or when time-series
 *     CV had no fold) trust the forward holdout, with its interval: the data drift more between
 *     cutoffs than the folds show.
 * </ol>
 * Differences within 1e-9 of a limit count as on it, so figures typed to two decimals (0.81 − 0.78)
 * fall on the side the rule says.
 *
 * @param optimismGap random K-fold AUC − forward-holdout AUC (NaN when either is undefined)
 * @param timeSeriesCvGap time-series CV AUC − forward-holdout AUC (NaN when either is undefined)
 * @param randomKFoldHarmless whether |optimismGap| < {@value #HARMLESS_GAP}
 * @param trust which estimate to believe
 * @param trusted that estimate, {@link AucEstimate#UNDEFINED} for {@link Trust#NONE}
 * @param verdict the plain-language verdict
 */
public record OptimismVerdict(double optimismGap, double timeSeriesCvGap, boolean randomKFoldHarmless, Trust trust,
        AucEstimate trusted, String verdict) {

    public static final double HARMLESS_GAP = 0.01;
    public static final double TS_CV_TOLERANCE = 0.03;
    private static final double EPSILON = 1e-9;

    public enum Trust { TIME_SERIES_CV, FORWARD_HOLDOUT, NONE }

    public static OptimismVerdict judge(AucEstimate randomKFold, AucEstimate timeSeriesCv, AucEstimate holdout) {
        double gap = randomKFold.auc() - holdout.auc();
        double tsGap = timeSeriesCv.auc() - holdout.auc();
        boolean harmless = Math.abs(gap) < HARMLESS_GAP - EPSILON;
        if (!holdout.defined()) {
            return new OptimismVerdict(gap, tsGap, false, Trust.NONE, AucEstimate.UNDEFINED,
                    "The forward holdout's AUC is undefined (its rows hold one class only), so there is nothing to"
                            + " judge the other estimates against.");
        }
        String aboutRandom = aboutRandom(randomKFold, holdout, gap, harmless);
        if (timeSeriesCv.defined() && Math.abs(tsGap) <= TS_CV_TOLERANCE + EPSILON) {
            return new OptimismVerdict(gap, tsGap, harmless, Trust.TIME_SERIES_CV, timeSeriesCv, sentence(aboutRandom
                    + String.format(Locale.ROOT, "time-series CV lands within %.2f of the forward holdout: trust"
                            + " time-series CV (%s), which averages more cutoffs than the holdout's.",
                            roundedUp(Math.abs(tsGap)), timeSeriesCv.describe())));
        }
        String aboutTimeSeries = timeSeriesCv.defined()
                ? String.format(Locale.ROOT, "time-series CV misses the forward holdout by %.2f AUC (%.2f vs %.2f)",
                        Math.abs(tsGap), timeSeriesCv.auc(), holdout.auc())
                : "time-series CV had no fold with a training cutoff";
        return new OptimismVerdict(gap, tsGap, harmless, Trust.FORWARD_HOLDOUT, holdout, sentence(aboutRandom
                + aboutTimeSeries + ": trust the forward holdout (" + holdout.describe() + ")."));
    }

    private static String aboutRandom(AucEstimate randomKFold, AucEstimate holdout, double gap, boolean harmless) {
        if (!randomKFold.defined()) {
            return "";
        }
        if (harmless) {
            return String.format(Locale.ROOT, "Random K-fold is harmless here: it lands within %.2f AUC of the"
                    + " forward holdout (%.2f vs %.2f); ", HARMLESS_GAP, randomKFold.auc(), holdout.auc());
        }
        return String.format(Locale.ROOT, gap > 0
                ? "Random K-fold overstates what production will see by %.2f AUC (%.2f vs %.2f on the forward holdout); "
                : "Random K-fold understates the forward holdout by %.2f AUC (%.2f vs %.2f); ",
                Math.abs(gap), randomKFold.auc(), holdout.auc());
    }

    private static String sentence(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The smallest whole hundredth at or above x, at least 0.01: "within 0.01" for a difference of 0.004. */
    private static double roundedUp(double x) {
        return Math.max(0.01, Math.ceil(x * 100 - EPSILON) / 100);
    }
}
