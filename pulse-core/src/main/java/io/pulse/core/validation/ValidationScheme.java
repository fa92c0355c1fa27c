package io.pulse.core.validation;

import java.util.List;

/**
 * A way of cutting labelled rows into train/test splits to estimate how a model will do on rows it
 * has not seen. Implementations: {@link RandomKFold}, {@link TimeSeriesCv}, {@link ForwardHoldout}.
 */
public interface ValidationScheme {

    /** "random_kfold", "time_series_cv" or "forward_holdout": the key its figures are reported under. */
    String id();

    /** The splits, in order; empty when the data hold too few cutoffs for this scheme. */
    List<Split> splits(LabelledRows rows);
}
