package io.pulse.generate;

/**
 * Where generated rows go, in generation order: each user's row comes before that user's events.
 * The generator holds no events itself, so a sink that does not keep them keeps memory flat
 * however many are generated. Implementations report I/O failures as unchecked exceptions.
 */
public interface EventSink {

    void user(SyntheticUser user);

    void event(SyntheticEvent event);

    /** Called once, after the last event, with everything that was planted. */
    default void finish(GroundTruth truth) {
    }
}
