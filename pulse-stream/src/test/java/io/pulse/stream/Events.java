package io.pulse.stream;

/** Hand-built events for the stage tests: ids are the dictionaries' ids, times in seconds. */
final class Events {

    private Events() {
    }

    static StreamEvent at(long seconds, long id, int user) {
        return new StreamEvent(id, user, seconds * 1000, StreamEvent.VIEW, 0, 0, 0, 0, 10, 0);
    }

    static StreamEvent view(long millis, int user, int item, int durationS) {
        return new StreamEvent(millis * 31 + user, user, millis, StreamEvent.VIEW, item, 0, 0, 0, durationS, 0);
    }

    static StreamEvent keyed(long millis, int user, int item, int category, int channel, int source) {
        return new StreamEvent(millis * 1_000_003L + user, user, millis, StreamEvent.VIEW, item, category, channel,
                source, 10, 0);
    }
}
