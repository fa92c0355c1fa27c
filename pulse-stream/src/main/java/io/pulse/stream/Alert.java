package io.pulse.stream;

import java.time.Instant;

/**
 * A judged anomaly of one key: when, what kind, transient or sustained, the evidence, and a decision only
 * when the change is sustained.
 *
 * @param window    the window spec it was found in ("item/1h")
 * @param start     start of the first anomalous window
 * @param end       end of the last window the judgement covers
 * @param kind      which detector started it: a spike (robust z-score) or a level shift (EWMA-CUSUM)
 * @param decision  null for a transient; "raise stock for item X" for a sustained item, "investigate …" otherwise
 * @param reason    the rule that gave the label, in words
 */
public record Alert(WindowSpec window, String key, Instant start, Instant end, Kind kind, Label label,
                    Evidence evidence, String decision, String reason) {

    public enum Kind { SPIKE, LEVEL_SHIFT }

    /**
     * A deterministic id, "item/1h|sku-1|2025-01-01T00:00:00Z|TRANSIENT": a key has at most one episode
     * starting in a window, so it names the alert across runs; an idempotent sink drops a repeat of an id
     * (alerts after a checkpoint are emitted again when a run resumes from it).
     */
    public String id() {
        return window.label() + "|" + key + "|" + start + "|" + label;
    }

    public enum Label { TRANSIENT, SUSTAINED }

    /**
     * @param durationWindows consecutive elevated windows
     * @param events          events of the key in those windows
     * @param baseline        events per window expected before the change
     * @param topSource       the source (referrer) with most of those events; "(direct)" for none
     * @param topSourceShare  its share of the events, in [0, 1]
     * @param distinctUsers   distinct users behind the events (linear-counting estimate)
     * @param relatedLift     for items, the relative change of the rest of the item's category in the same
     *                        windows against one cycle earlier (a day for windows under a day, else a week):
     *                        0 is no lift, 1 is double; NaN for other dimensions
     */
    public record Evidence(int durationWindows, long events, double baseline, String topSource,
                           double topSourceShare, long distinctUsers, double relatedLift) {
    }
}
