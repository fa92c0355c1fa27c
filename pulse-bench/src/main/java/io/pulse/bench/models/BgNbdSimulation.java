package io.pulse.bench.models;

import io.pulse.core.clv.BgNbdParams;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Customers drawn from the BG/NBD process itself (FHL05a section 3), so a fit has a known truth to
 * recover: lambda ~ Gamma(r, rate alpha), p ~ Beta(a, b); purchases at Poisson rate lambda, and after
 * each one the customer drops out with probability p. Ages T are whole days (multiples of 1/7 week)
 * spread uniformly over 1 .. {@code maxDays}, and t_x is rounded down to its day, as a store's
 * day-level timestamps would give; customers sharing a tuple then compress.
 *
 * @param x, tx, T per customer, in weeks
 */
record BgNbdSimulation(double[] x, double[] tx, double[] T) {

    static BgNbdSimulation simulate(int customers, BgNbdParams truth, int maxDays, long seed) {
        Well19937c generator = new Well19937c(seed);
        GammaDistribution rates = new GammaDistribution(generator, truth.r(), 1 / truth.alpha());
        // Beta(a, b) as G_a / (G_a + G_b): commons-math's own Beta sampler is several times slower.
        GammaDistribution gammaA = new GammaDistribution(generator, truth.a(), 1);
        GammaDistribution gammaB = new GammaDistribution(generator, truth.b(), 1);
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[customers];
        double[] tx = new double[customers];
        double[] T = new double[customers];
        for (int i = 0; i < customers; i++) {
            double lambda = rates.sample();
            double ga = gammaA.sample();
            double dropout = ga / (ga + gammaB.sample());
            int days = 1 + random.nextInt(maxDays);
            double age = days / 7.0;
            double t = 0;
            double last = 0;
            int purchases = 0;
            while (true) {
                t += -Math.log(1 - random.nextDouble()) / lambda;
                if (t > age) {
                    break;
                }
                purchases++;
                last = t;
                if (random.nextDouble() < dropout) {
                    break;
                }
            }
            x[i] = purchases;
            tx[i] = Math.floor(last * 7) / 7;
            T[i] = age;
        }
        return new BgNbdSimulation(x, tx, T);
    }
}
