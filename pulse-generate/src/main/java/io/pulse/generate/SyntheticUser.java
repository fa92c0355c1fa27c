package io.pulse.generate;

import io.pulse.generate.internal.Ids;
import java.time.LocalDate;

/**
 * One generated customer: the attributes that go to users.csv, and the segment that made their
 * behaviour (which goes only to truth.json, since a real store would not know it).
 */
public record SyntheticUser(
        int index,
        LocalDate signupDate,
        String ageBand,
        String gender,
        String region,
        String channel,
        String segment) {

    public String userId() {
        return Ids.user(index);
    }
}
