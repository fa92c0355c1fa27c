package io.pulse.core.validation;

import io.pulse.core.PulseInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * K-fold cross-validation over rows shuffled regardless of their cutoff. This is the common mistake
 * for time-stamped data: a test row's label window overlaps the training rows' features and labels
 * (and the same user sits on both sides), so it reads higher than production will. It is kept to
 * measure that optimism against {@link ForwardHoldout}.
 *
 * @param folds K, at least 2
 * @param seed seed of the shuffle
 */
public record RandomKFold(int folds, long seed) implements ValidationScheme {

    public static final String ID = "random_kfold";

    public RandomKFold {
        if (folds < 2) {
            throw new IllegalArgumentException("random K-fold needs at least 2 folds, got " + folds);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Split> splits(LabelledRows rows) {
        int n = rows.rows();
        if (n < folds) {
            throw new PulseInputException("random K-fold with " + folds + " folds needs at least " + folds
                    + " rows, got " + n);
        }
        int[] fold = new int[n];
        int[] shuffled = new int[n];
        for (int i = 0; i < n; i++) {
            shuffled[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swap;
        }
        for (int position = 0; position < n; position++) {
            fold[shuffled[position]] = position % folds;
        }
        List<Split> splits = new ArrayList<>(folds);
        for (int k = 0; k < folds; k++) {
            int held = k;
            int[] test = rowsWhere(fold, f -> f == held);
            int[] train = rowsWhere(fold, f -> f != held);
            splits.add(new Split("fold " + (k + 1) + " of " + folds, train, test, rows.cutoffsOf(train),
                    rows.cutoffsOf(test)));
        }
        return splits;
    }

    private static int[] rowsWhere(int[] fold, IntPredicate keep) {
        return IntStream.range(0, fold.length).filter(r -> keep.test(fold[r])).toArray();
    }
}
