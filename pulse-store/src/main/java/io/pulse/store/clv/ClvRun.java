package io.pulse.store.clv;

import io.pulse.core.clv.BgNbdModel;
import io.pulse.core.clv.BgNbdParams;
import io.pulse.core.clv.CustomerLifetimeValue;
import io.pulse.core.clv.CustomerSummaries;
import io.pulse.core.clv.GammaGammaModel;
import io.pulse.core.clv.GammaGammaParams;
import io.pulse.core.clv.ParetoNbdModel;
import io.pulse.core.clv.ParetoNbdParams;
import io.pulse.core.clv.PurchaseModel;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits one model on the calibration summaries of a store and writes its per-customer outputs to
 * {@code clv_customers} and its parameters to {@code clv_models}, replacing the earlier rows of the
 * same model, all in one transaction.
 *
 * <p>Every customer gets expected_aov from a Gamma-Gamma fit (FH13; the population mean p·γ/(q−1)
 * when x = 0). The purchase models (BG/NBD, Pareto/NBD) add p_alive, expected_purchases over
 * {@code horizon} units and clv, the discounted value over {@code months} months ({@link
 * CustomerLifetimeValue}); the three are null for the gg model.
 */
public final class ClvRun {

    public static final String DDL = """
            CREATE TABLE IF NOT EXISTS clv_customers (
                user_id            VARCHAR NOT NULL,
                model              VARCHAR NOT NULL,
                cutoff             DATE NOT NULL,
                unit               VARCHAR NOT NULL,
                x                  DOUBLE NOT NULL,
                t_x                DOUBLE NOT NULL,
                "T"                DOUBLE NOT NULL,
                m_x                DOUBLE NOT NULL,
                p_alive            DOUBLE,
                expected_purchases DOUBLE,
                expected_aov       DOUBLE,
                clv                DOUBLE
            );
            CREATE TABLE IF NOT EXISTS clv_models (
                model          VARCHAR NOT NULL,
                cutoff         DATE NOT NULL,
                unit           VARCHAR NOT NULL,
                params         VARCHAR NOT NULL,
                log_likelihood DOUBLE NOT NULL,
                customers      BIGINT NOT NULL,
                fitted_at      TIMESTAMP NOT NULL
            );
            """;

    private ClvRun() {
    }

    /**
     * @param horizon model units over which expected_purchases is counted (52 weeks or 364 days by default)
     * @param months months of the CLV sum
     * @param monthlyDiscountRate d in {@link CustomerLifetimeValue}, e.g. 0.01
     */
    public record Options(ClvModel model, LocalDate cutoff, ClvUnit unit, double horizon, int months,
            double monthlyDiscountRate) {

        public static Options defaults(ClvModel model, LocalDate cutoff, ClvUnit unit) {
            return new Options(model, cutoff, unit, 364.0 / unit.days(), 12, 0.01);
        }
    }

    /** One customer's row of {@code clv_customers}; the purchase-model fields are null for the gg model. */
    public record CustomerValue(String userId, double x, double tx, double T, double mx, Double pAlive,
            Double expectedPurchases, double expectedAov, Double clv) {
    }

    /**
     * @param params the model's parameters named as in its paper (r, alpha, a, b; r, alpha, s, beta; p, q, gamma)
     * @param customers customers the model was fitted on
     * @param values per customer, in the order of the summaries
     */
    public record Result(Options options, Map<String, Double> params, double logLikelihood, int customers,
            List<CustomerValue> values, Instant fittedAt) {

        /** The first {@code n} customers by clv (by expected_aov for the gg model). */
        public List<CustomerValue> top(int n) {
            List<CustomerValue> sorted = new ArrayList<>(values);
            sorted.sort((p, q) -> Double.compare(rank(q), rank(p)));
            return sorted.subList(0, Math.min(n, sorted.size()));
        }

        private double rank(CustomerValue v) {
            return options.model() == ClvModel.GG ? v.expectedAov() : v.clv();
        }
    }

    /** Summarises the store at the cutoff, fits, writes both tables, and returns what it wrote. */
    public static Result run(PulseStore store, Options options) {
        CalibrationSummaries s = CalibrationSummaries.compute(store, options.cutoff(), options.unit());
        Result result = fit(s, options);
        write(store, result);
        return result;
    }

    static Result fit(CalibrationSummaries s, Options o) {
        CustomerSummaries withSpend = s.withSpend();
        GammaGammaParams spend = GammaGammaModel.fit(withSpend);
        Map<String, Double> params = new LinkedHashMap<>();
        return switch (o.model()) {
            case BGNBD -> {
                BgNbdParams p = BgNbdModel.fit(s.recencyFrequency());
                params.put("r", p.r());
                params.put("alpha", p.alpha());
                params.put("a", p.a());
                params.put("b", p.b());
                yield new Result(o, params, p.logLikelihood(), s.customers(), score(s, o, p, spend), Instant.now());
            }
            case PARETO -> {
                ParetoNbdParams p = ParetoNbdModel.fit(s.recencyFrequency());
                params.put("r", p.r());
                params.put("alpha", p.alpha());
                params.put("s", p.s());
                params.put("beta", p.beta());
                yield new Result(o, params, p.logLikelihood(), s.customers(), score(s, o, p, spend), Instant.now());
            }
            case GG -> {
                params.put("p", spend.p());
                params.put("q", spend.q());
                params.put("gamma", spend.gamma());
                List<CustomerValue> values = new ArrayList<>(s.customers());
                for (int i = 0; i < s.customers(); i++) {
                    double x = s.x()[i], mx = s.mx()[i];
                    values.add(new CustomerValue(s.userIds().get(i), x, s.tx()[i], s.T()[i], mx, null, null,
                            aov(spend, x, mx), null));
                }
                yield new Result(o, params, spend.logLikelihood(), withSpend.repeatCustomers(), List.copyOf(values),
                        Instant.now());
            }
        };
    }

    /**
     * Every customer's row under a purchase model. Customers sharing (x, t_x, T, m_x) get the same
     * figures, so each distinct row is scored once: its 2F1 series are most of the cost of a run.
     */
    private static List<CustomerValue> score(CalibrationSummaries s, Options o, PurchaseModel purchases,
            GammaGammaParams spend) {
        double[] horizon = {o.horizon()};
        Map<Row, Scores> scored = new HashMap<>();
        List<CustomerValue> values = new ArrayList<>(s.customers());
        for (int i = 0; i < s.customers(); i++) {
            Row row = new Row(s.x()[i], s.tx()[i], s.T()[i], s.mx()[i]);
            Scores v = scored.computeIfAbsent(row, k -> new Scores(purchases.probabilityAlive(k.x, k.tx, k.T),
                    purchases.conditionalExpectedPurchases(horizon, k.x, k.tx, k.T)[0], aov(spend, k.x, k.mx),
                    CustomerLifetimeValue.discounted(purchases, spend, k.x, k.tx, k.T, k.mx > 0 ? k.mx : 0,
                            o.months(), o.unit().unitsPerMonth(), o.monthlyDiscountRate())));
            values.add(new CustomerValue(s.userIds().get(i), row.x, row.tx, row.T, row.mx, v.pAlive,
                    v.expectedPurchases, v.expectedAov, v.clv));
        }
        return List.copyOf(values);
    }

    private record Row(double x, double tx, double T, double mx) {
    }

    private record Scores(double pAlive, double expectedPurchases, double expectedAov, double clv) {
    }

    /** The Gamma-Gamma conditional mean; a repeat customer with no money on record gets the population mean. */
    private static double aov(GammaGammaParams spend, double x, double mx) {
        return mx > 0 ? spend.conditionalExpectedAverageValue(x, mx) : spend.conditionalExpectedAverageValue(0, 0);
    }

    static String paramsJson(Map<String, Double> params) {
        StringBuilder b = new StringBuilder("{");
        params.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return b.append('}').toString();
    }

    private static void write(PulseStore store, Result r) {
        Connection c = store.connection();
        String model = r.options().model().toString();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(DDL);
                }
                for (String table : List.of("clv_customers", "clv_models")) {
                    try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + " WHERE model = ?")) {
                        d.setString(1, model);
                        d.executeUpdate();
                    }
                }
                try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "clv_customers")) {
                    for (CustomerValue v : r.values()) {
                        a.beginRow().append(v.userId()).append(model).append(r.options().cutoff())
                                .append(r.options().unit().toString()).append(v.x()).append(v.tx()).append(v.T())
                                .append(v.mx()).append(v.pAlive()).append(v.expectedPurchases())
                                .append(v.expectedAov()).append(v.clv()).endRow();
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO clv_models VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, model);
                    p.setObject(2, r.options().cutoff());
                    p.setString(3, r.options().unit().toString());
                    p.setString(4, paramsJson(r.params()));
                    p.setDouble(5, r.logLikelihood());
                    p.setLong(6, r.customers());
                    p.setObject(7, java.sql.Timestamp.from(r.fittedAt()));
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the CLV tables: " + e.getMessage(), e);
        }
    }
}
