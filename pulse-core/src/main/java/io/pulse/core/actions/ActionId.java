package io.pulse.core.actions;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The id of one decided action. The same rule, user and cutoff day always give the same id, so a re-run of
 * a cutoff (batch) or a replay after a crash (stream) queues nothing new, a batch run and the stream that
 * decide the same action on the same day agree, and a receiver can deduplicate on it.
 */
public final class ActionId {

    private ActionId() {
    }

    public static String of(String ruleId, String userId, LocalDate cutoff) {
        return UUID.nameUUIDFromBytes((ruleId + ":" + userId + ":" + cutoff).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
