package io.pulse.core.tags;

/**
 * Tag {@code from} nearly always comes with tag {@code to}: P(to | from) is at least the threshold, so
 * {@code from} is a refinement of {@code to} (or a duplicate, when the reverse holds too).
 *
 * @param confidence P(to | from)
 * @param lift confidence / P(to)
 */
public record TagImplication(String from, String to, long fromCount, double confidence, double lift) {
}
