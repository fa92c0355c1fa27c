package io.pulse.stream;

import io.pulse.core.PulseInputException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How {@link StreamEngine#live(LiveSource, LiveOptions)} runs.
 *
 * @param tickEvery wall-clock interval between two calls of {@code onTick}
 * @param onTick    receives the stats on the pipeline thread (where reading the engine is safe), every
 *                  {@code tickEvery} and once at the end
 * @param stop      checked between two batches: when true the run stops without polling again
 * @param onReject  a record the parser rejects; the default rethrows, which ends the run
 */
public record LiveOptions(Duration tickEvery, Consumer<StreamStats> onTick, BooleanSupplier stop,
                          Consumer<PulseInputException> onReject) {

    public LiveOptions {
        if (tickEvery.isNegative() || tickEvery.isZero()) {
            throw new IllegalArgumentException("tickEvery must be positive, got " + tickEvery);
        }
    }

    /** A tick every 250 ms that does nothing, no stop flag, and a bad record ends the run. */
    public static LiveOptions defaults() {
        return new LiveOptions(Duration.ofMillis(250), s -> { }, () -> false, e -> {
            throw e;
        });
    }

    public LiveOptions withTick(Duration every, Consumer<StreamStats> onTick) {
        return new LiveOptions(every, onTick, stop, onReject);
    }

    public LiveOptions withStop(BooleanSupplier stop) {
        return new LiveOptions(tickEvery, onTick, stop, onReject);
    }

    public LiveOptions withRejects(Consumer<PulseInputException> onReject) {
        return new LiveOptions(tickEvery, onTick, stop, onReject);
    }
}
