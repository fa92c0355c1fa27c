package io.pulse.generate;

/**
 * Where generated rows go, in generation order: each user's row comes before that user's events.
 * The generator holds no events itself, so a sink that does not keep them keeps memory flat
 * however many are generated. Implementations report I/O failures as unchecked exceptions.
 */
public interface EventSink {

    void user(SyntheticUser user);

    void event(SyntheticEvent event);

    /**
     * An action of the store's past campaigns, in generation order (by user, not by time): each comes
     * after the user's row, among that user's events.
     */
    default void action(SyntheticAction action) {
    }

    /** Called once, after the last event, with everything that was planted. */
    default void finish(GroundTruth truth) {
    }
}
