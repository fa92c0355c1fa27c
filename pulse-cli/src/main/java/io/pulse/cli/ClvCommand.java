package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;
import io.pulse.store.clv.ClvModel;
import io.pulse.store.clv.ClvRun;
import io.pulse.store.clv.ClvRun.CustomerValue;
import io.pulse.store.clv.ClvUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

@Command(name = "clv", mixinStandardHelpOptions = true,
        description = {"Fits a customer-base model (BG/NBD, Pareto/NBD or Gamma-Gamma) on the purchase",
                "events up to a cutoff day and scores every customer: P(alive), expected purchases,",
                "expected order value and discounted CLV. Writes the tables clv_customers and",
                "clv_models. See docs/clv.md for the definitions of x, t_x, T and m_x."},
        footer = {"", "Examples:",
                "  pulse clv",
                "  pulse clv --model pareto --cutoff 1997-09-30 --unit week --json clv.json"})
final class ClvCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--model", paramLabel = "bgnbd|pareto|gg", defaultValue = "bgnbd",
            description = "The model to fit (default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--cutoff", paramLabel = "DATE", description = "Last day of calibration, included (default: the last event day).")
    LocalDate cutoff;

    @Option(names = "--unit", paramLabel = "day|week", defaultValue = "week", description = "Time unit of the model (default ${DEFAULT-VALUE}).")
    String unit;

    @Option(names = "--horizon", paramLabel = "N", description = "Units over which expected purchases are counted (default: 52 weeks, i.e. 52 or 364).")
    Double horizon;

    @Option(names = "--months", paramLabel = "N", defaultValue = "12", description = "Months of the CLV sum (default ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--discount", paramLabel = "RATE", defaultValue = "0.01", description = "Monthly discount rate of the CLV (default ${DEFAULT-VALUE}).")
    double discount;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write the fit and the top 20 customers as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        ClvModel m = ClvModel.parse(model);
        ClvUnit u = ClvUnit.parse(unit);
        if (months < 1 || !(discount >= 0) || (horizon != null && !(horizon > 0))) {
            throw new PulseInputException("clv", "--months must be >= 1, --discount >= 0 and --horizon > 0");
        }
        try (PulseStore s = store.open()) {
            LocalDate day = store.cutoffOrLastEventDay(s, cutoff);
            ClvRun.Options defaults = ClvRun.Options.defaults(m, day, u);
            ClvRun.Result result = ClvRun.run(s, new ClvRun.Options(m, day, u,
                    horizon == null ? defaults.horizon() : horizon, months, discount));
            print(result, Json.humanOut(json));
            if (json != null) {
                Json.write(json, toJson(result));
            }
        }
        return 0;
    }

    static void print(ClvRun.Result r, PrintStream out) {
        ClvRun.Options o = r.options();
        out.println();
        out.println("CLV model " + o.model() + " fitted on " + Table.count(r.customers()) + " customers, calibration up to "
                + o.cutoff() + " (unit: " + o.unit() + ")");
        out.println();
        Table p = new Table("Parameters", "parameter", "value");
        r.params().forEach((k, v) -> p.row(k, String.format("%.4f", v)));
        p.row("log-likelihood", String.format("%.2f", r.logLikelihood()));
        out.print(p.render());
        out.println();
        if (o.model() != ClvModel.GG) {
            Table d = new Table("Across customers", "", "mean", "p10", "median", "p90");
            distribution(d, "P(alive)", r.values().stream().mapToDouble(CustomerValue::pAlive).toArray());
            distribution(d, "purchases next " + String.format("%.0f", o.horizon()) + " " + o.unit() + "s",
                    r.values().stream().mapToDouble(CustomerValue::expectedPurchases).toArray());
            distribution(d, "expected order value", r.values().stream().mapToDouble(CustomerValue::expectedAov).toArray());
            distribution(d, "CLV, " + o.months() + " months", r.values().stream().mapToDouble(CustomerValue::clv).toArray());
            out.print(d.render());
            out.println();
        }
        Table t = new Table("Top 10 customers" + (o.model() != ClvModel.GG ? " by CLV" : ""),
                "user", "x", "t_x", "T", "m_x", "P(alive)", "E[purchases]", "E[order value]", "CLV");
        for (CustomerValue v : r.top(10)) {
            t.row(v.userId(), String.format("%.0f", v.x()), num(v.tx()), num(v.T()), num(v.mx()), num(v.pAlive()),
                    num(v.expectedPurchases()), num(v.expectedAov()), num(v.clv()));
        }
        out.print(t.render());
        out.println();
        out.println("  Written to the tables clv_customers and clv_models (model = " + o.model() + ").");
    }

    private static void distribution(Table t, String label, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        t.row(label, num(Arrays.stream(sorted).average().orElse(Double.NaN)), num(quantile(sorted, 0.1)),
                num(quantile(sorted, 0.5)), num(quantile(sorted, 0.9)));
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static String num(Double v) {
        return v == null ? "" : String.format("%.2f", v);
    }

    static Map<String, Object> toJson(ClvRun.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.options().model());
        m.put("params", r.params());
        m.put("log_likelihood", r.logLikelihood());
        m.put("customers", r.customers());
        m.put("cutoff", r.options().cutoff());
        m.put("unit", r.options().unit());
        m.put("horizon", r.options().horizon());
        m.put("months", r.options().months());
        m.put("monthly_discount_rate", r.options().monthlyDiscountRate());
        m.put("fitted_at", r.fittedAt());
        List<Map<String, Object>> top = r.top(20).stream().map(ClvCommand::customer).toList();
        m.put("top_customers", top);
        return m;
    }

    private static Map<String, Object> customer(CustomerValue v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", v.userId());
        m.put("x", v.x());
        m.put("t_x", v.tx());
        m.put("T", v.T());
        m.put("m_x", v.mx());
        m.put("p_alive", v.pAlive());
        m.put("expected_purchases", v.expectedPurchases());
        m.put("expected_aov", v.expectedAov());
        m.put("clv", v.clv());
        m.values().removeIf(Objects::isNull);
        return m;
    }
}
