package io.pulse.stream.profile;

import static io.pulse.stream.internal.JsonText.number;
import static io.pulse.stream.internal.JsonText.quote;

import java.util.Map;

/** Stream actions and profiles as one JSON object per line, the id first (see {@code JsonLinesFile}). */
public final class ProfileJson {

    private ProfileJson() {
    }

    public static String line(StreamAction a) {
        StringBuilder params = new StringBuilder();
        for (Map.Entry<String, Object> e : a.parameters().entrySet()) {
            Object v = e.getValue();
            params.append(params.length() == 0 ? "" : ",").append(quote(e.getKey())).append(':')
                    .append(v instanceof Number n ? number(n.doubleValue()) : quote(String.valueOf(v)));
        }
        return "{\"id\":" + quote(a.actionId()) + ",\"rule_id\":" + quote(a.ruleId()) + ",\"user_id\":"
                + quote(a.userId()) + ",\"trigger\":" + quote(a.trigger().yamlName()) + ",\"action\":"
                + quote(a.kind()) + ",\"parameters\":{" + params + "},\"control\":" + a.control()
                + ",\"cutoff\":" + quote(a.cutoff().toString()) + ",\"at\":" + quote(a.at().toString())
                + ",\"observed\":" + number(a.observed()) + ",\"threshold\":" + number(a.threshold()) + "}";
    }

    public static String line(Profile p) {
        return "{\"id\":" + quote(p.userId()) + ",\"events\":" + p.events() + ",\"sessions\":" + p.sessions()
                + ",\"purchases\":" + p.purchases() + ",\"carts\":" + p.carts() + ",\"revenue\":"
                + number(p.revenue()) + ",\"refunds\":" + number(p.refunds()) + ",\"active_days\":" + p.activeDays()
                + ",\"first_seen\":" + quote(p.firstSeen().toString()) + ",\"last_seen\":"
                + quote(p.lastSeen().toString()) + ",\"activity_score\":" + number(p.activityScore())
                + ",\"threshold_days\":" + number(p.thresholdDays()) + ",\"silent_days\":" + p.silentDays() + "}";
    }
}
