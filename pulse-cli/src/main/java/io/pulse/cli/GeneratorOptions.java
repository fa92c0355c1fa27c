package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.generate.Campaigns;
import io.pulse.generate.GeneratorConfig;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The size, length, seed and start of a generated store, and its past campaigns, shared by generate and demo. */
final class GeneratorOptions {

    @Option(names = "--users", defaultValue = "20000", description = "Customers to simulate (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--days", defaultValue = "365", description = "Days of history (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "DATE", description = "First day, yyyy-MM-dd (default 2025-01-01).")
    LocalDate start;

    @Option(names = "--uplift", split = ",", paramLabel = "SEGMENT=P",
            description = "Chance that a user of SEGMENT who gets a dormant-coupon comes back because of it"
                    + " (defaults: loyal_regular=0.10, bargain_hunter=0.35, window_shopper=0.10, casual=0.20,"
                    + " one_and_done=0.05, hidden_value=0.25); segments not named keep their default.")
    List<String> uplift = List.of();

    @Option(names = "--winback-uplift", paramLabel = "P",
            description = "Chance that a user who gets a low-engagement-winback comes back because of it"
                    + " (default 0: a planted null effect).")
    String winbackUplift;

    @Option(names = "--no-campaigns",
            description = "Simulate no past campaigns (actions.csv is then only a header).")
    boolean noCampaigns;

    GeneratorConfig config() {
        GeneratorConfig c = GeneratorConfig.defaults().withUsers(users).withDays(days).withSeed(seed);
        if (start != null) {
            c = c.withStart(start);
        }
        return c.withCampaigns(campaigns());
    }

    private Campaigns campaigns() {
        Campaigns campaigns = noCampaigns ? Campaigns.disabled() : Campaigns.defaults();
        Map<String, Double> overrides = new LinkedHashMap<>();
        for (String pair : uplift) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new PulseInputException("--uplift", "expected SEGMENT=P, got '" + pair + "'");
            }
            overrides.put(pair.substring(0, eq).trim(), probability("--uplift " + pair, pair.substring(eq + 1)));
        }
        campaigns = campaigns.withCouponUplift(overrides);
        return winbackUplift == null ? campaigns
                : campaigns.withWinbackUplift(probability("--winback-uplift", winbackUplift));
    }

    private static double probability(String option, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new PulseInputException(option, "expected a probability between 0 and 1, got '" + text + "'");
        }
    }
}
