package io.pulse.core.validation;

import java.time.LocalDate;
import java.util.List;

/**
 * One train/test partition of the rows of {@link LabelledRows}.
 *
 * @param name e.g. "fold 2 of 5" or "test 2024-03-11"
 * @param train row indexes to fit on, ascending
 * @param test row indexes to score, ascending
 * @param trainCutoffs the cutoffs of the training rows, in order
 * @param testCutoffs the cutoffs of the test rows, in order
 */
public record Split(String name, int[] train, int[] test, List<LocalDate> trainCutoffs, List<LocalDate> testCutoffs) {

    public Split {
        trainCutoffs = List.copyOf(trainCutoffs);
        testCutoffs = List.copyOf(testCutoffs);
    }
}
