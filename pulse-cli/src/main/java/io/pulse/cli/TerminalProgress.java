package io.pulse.cli;

import io.pulse.core.progress.Progress;

import java.io.PrintStream;

/**
 * A progress bar on standard error, redrawn in place at most ten times a second, with the rate
 * and the time left. Quiet when standard error is not a terminal (pipes, CI, cron), so logs stay
 * clean.
 */
final class TerminalProgress implements Progress {

    private static final int WIDTH = 28;

    private final PrintStream out;
    private final boolean enabled;
    private String task = "";
    private long total;
    private long done;
    private long startedNanos;
    private long lastDrawNanos;

    TerminalProgress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** A bar when a person is watching; nothing otherwise. */
    static Progress forTerminal() {
        boolean tty = System.console() != null && !"dumb".equals(System.getenv("TERM"))
                && System.getenv("CI") == null;
        return tty ? new TerminalProgress(System.err, true) : Progress.NONE;
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.startedNanos = System.nanoTime();
        this.lastDrawNanos = 0;
        draw(true);
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        draw(false);
    }

    @Override
    public synchronized void done() {
        if (total > 0) {
            done = total;
        }
        draw(true);
        if (enabled) {
            out.print("\n");
            out.flush();
        }
    }

    private void draw(boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDrawNanos < 100_000_000L) {
            return;
        }
        lastDrawNanos = now;
        out.print("\r\033[K" + line(task, done, total, (now - startedNanos) / 1e9));
        out.flush();
    }

    /** The text of the bar: task, bar, percent, rate and what is left. */
    static String line(String task, long done, long total, double seconds) {
        StringBuilder b = new StringBuilder(task).append(' ');
        double rate = seconds > 0 ? done / seconds : 0;
        if (total > 0) {
            double f = Math.min(1, (double) done / total);
            int filled = (int) Math.round(f * WIDTH);
            b.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                    .append(String.format("%3.0f%%", f * 100));
            if (done > 0 && done < total) {
                b.append("  ").append(rate(rate))
                        .append("  ETA ").append(duration((total - done) / Math.max(rate, 1e-9)));
            }
        } else {
            b.append(done).append("  ").append(rate(rate));
        }
        return b.append("  ").append(duration(seconds)).toString();
    }

    static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format("%.1fM/s", perSecond / 1e6)
                : perSecond >= 1e4 ? String.format("%.0fk/s", perSecond / 1e3) : String.format("%.0f/s", perSecond);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
