package io.pulse.generate;

import io.pulse.core.progress.Progress;

/**
 * Generates into a sink that only counts, and prints {@code events=N}. Run in a small forked JVM by
 * {@link BoundedMemoryTest} to show that memory does not grow with the number of events.
 */
public final class CountingSinkMain {

    private CountingSinkMain() {
    }

    public static void main(String[] args) {
        GeneratorConfig config = GeneratorConfig.defaults().withUsers(Integer.parseInt(args[0]));
        System.out.println("events=" + countEvents(config));
    }

    static long countEvents(GeneratorConfig config) {
        CountingSink sink = new CountingSink();
        StoreGenerator.generate(config, sink, Progress.NONE);
        return sink.events;
    }

    private static final class CountingSink implements EventSink {

        long events;

        @Override
        public void user(SyntheticUser user) {
        }

        @Override
        public void event(SyntheticEvent event) {
            events++;
        }
    }
}
