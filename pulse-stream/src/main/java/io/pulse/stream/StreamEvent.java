package io.pulse.stream;

/**
 * One event as the stream engine sees it: the canonical event reduced to what the stages use, with every
 * string field interned to a dense id by the {@link EventParser}'s dictionaries (-1 when absent).
 *
 * @param idHash    64-bit hash of {@code event_id}, or of the row's content when the id is absent (the dedup key)
 * @param user      user id
 * @param ts        event time, epoch milliseconds UTC
 * @param type      event type id; the seven standard types have the fixed ids {@link #VIEW} … {@link #CLICK}
 * @param durationS {@code duration_s} in whole seconds, -1 when absent
 * @param amountCents {@code amount} in hundredths (rounded half away from zero), 0 when absent; refunds carry
 *                  their own sign as written
 */
public record StreamEvent(long idHash, int user, long ts, int type, int item, int category, int channel,
                          int source, int durationS, long amountCents) {

    public static final int VIEW = 0;
    public static final int SESSION = 1;
    public static final int SEARCH = 2;
    public static final int CART = 3;
    public static final int PURCHASE = 4;
    public static final int REFUND = 5;
    public static final int CLICK = 6;

    /** The standard type names in id order; the parser pre-interns them. */
    static final String[] STANDARD_TYPES = {"view", "session", "search", "cart", "purchase", "refund", "click"};
}
