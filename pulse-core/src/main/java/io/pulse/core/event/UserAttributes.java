package io.pulse.core.event;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/** A row of the optional users file: who a user is, as opposed to what they did. */
public record UserAttributes(
        String userId,
        LocalDate signupDate,
        String ageBand,
        String gender,
        String region,
        String channel,
        Map<String, String> extra) {

    public UserAttributes {
        Objects.requireNonNull(userId, "userId");
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
