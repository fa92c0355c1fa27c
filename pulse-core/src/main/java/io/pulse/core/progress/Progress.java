package io.pulse.core.progress;

/**
 * Where long work reports how far it got. The CLI draws a bar on a terminal and stays quiet
 * otherwise; library users pass {@link #NONE}. Implementations must be cheap: callers report
 * every few thousand units of work, not every unit.
 */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void done() {
        }
    };

    /** Begins a task of {@code total} units ({@code -1} when unknown). */
    void start(String task, long total);

    /** Reports that {@code units} more units are done. */
    void advance(long units);

    /** Ends the current task. */
    void done();
}
