package io.pulse.core.actions;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a rule sends, with its parameters; a closed set, one record per kind of action. */
public sealed interface ActionSpec {

    /** The kind's spelling in rule files, the outbox and JSON. */
    String kind();

    /** The parameters as they go into the outbox payload. */
    Map<String, Object> parameters();

    /** A coupon worth {@code value} (the store's currency or a percentage, as the receiver reads it). */
    record Coupon(double value, int expiryDays) implements ActionSpec {
        public Coupon {
            if (!(value > 0) || expiryDays < 1) {
                throw new IllegalArgumentException("coupon needs value > 0 and expiry_days >= 1");
            }
        }

        @Override
        public String kind() {
            return "coupon";
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", value);
            m.put("expiry_days", expiryDays);
            return m;
        }
    }

    /** The user's top-N items from the latest {@code pulse recommend}. */
    record Recommendation(int topN) implements ActionSpec {
        public Recommendation {
            if (topN < 1) {
                throw new IllegalArgumentException("top_n must be at least 1");
            }
        }

        @Override
        public String kind() {
            return "recommendation";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("top_n", topN);
        }
    }

    /** A named service the receiver knows how to offer (early access, a personal shopper...). */
    record ExclusiveService(String service) implements ActionSpec {
        @Override
        public String kind() {
            return "exclusive_service";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("service", service);
        }
    }

    /** A win-back message, by the template name the receiver uses. */
    record WinBack(String template) implements ActionSpec {
        @Override
        public String kind() {
            return "win_back";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of("template", template);
        }
    }
}
