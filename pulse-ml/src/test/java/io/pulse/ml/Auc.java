package io.pulse.ml;

/** Area under the ROC curve by its definition: the share of (active, inactive) pairs ranked correctly. */
final class Auc {

    private Auc() {
    }

    /** Ties count one half. Quadratic, for test-sized samples. */
    static double byPairs(double[] score, boolean[] active) {
        double correct = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            if (!active[i]) {
                continue;
            }
            for (int j = 0; j < score.length; j++) {
                if (active[j]) {
                    continue;
                }
                pairs++;
                correct += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
            }
        }
        return correct / pairs;
    }
}
