package io.pulse.core.tags;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * L2-penalised logistic regression on grouped binary rows: row r stands for pos[r] positive and neg[r]
 * negative users who share a fixed offset and the same 0/1 features, given as the ascending list
 * ones[r] of the coefficients (1..p-1) that are on; coefficient 0 is the intercept, on for every row
 * and not penalised. With binary tags many users share a pattern, so fitting on patterns with counts
 * is the same likelihood as fitting on users at a fraction of the cost, and the sparse rows make a
 * Hessian pass cost the squares of the tags a pattern holds rather than of all tags.
 * {@link io.pulse.core.prediction.LogisticRegression} standardises and fits unweighted dense rows,
 * hence this small Newton of its own.
 */
final class WeightedLogistic {

    private static final int MAX_ITERATIONS = 50;
    private static final int MAX_HALVINGS = 30;
    private static final double TOLERANCE = 1e-9;

    private WeightedLogistic() {
    }

    /** The coefficients minimising the penalised negative log-likelihood, by Newton from {@code start}. */
    static double[] fit(int[][] x, double[] offset, double[] pos, double[] neg, double lambda, double[] start) {
        int p = start.length;
        double total = 0;
        for (int r = 0; r < x.length; r++) {
            total += pos[r] + neg[r];
        }
        double[] beta = start.clone();
        double[] gradient = new double[p];
        double[] hessian = new double[p * p];
        double[] trial = new double[p];
        double value = objective(x, offset, pos, neg, lambda, beta);
        derivatives(x, offset, pos, neg, lambda, beta, gradient, hessian);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double largest = 0;
            for (double g : gradient) {
                largest = Math.max(largest, Math.abs(g));
            }
            if (largest <= TOLERANCE * total) {
                break;
            }
            double[] step = solve(hessian, gradient, p);
            double t = 1;
            double trialValue = value;
            int halvings = 0;
            for (; halvings < MAX_HALVINGS; halvings++, t /= 2) {
                for (int j = 0; j < p; j++) {
                    trial[j] = beta[j] - t * step[j];
                }
                trialValue = objective(x, offset, pos, neg, lambda, trial);
                if (trialValue <= value + 1e-12 * Math.abs(value)) {
                    break;
                }
            }
            if (halvings == MAX_HALVINGS || Arrays.equals(trial, beta)) {
                break;
            }
            System.arraycopy(trial, 0, beta, 0, p);
            value = trialValue;
            derivatives(x, offset, pos, neg, lambda, beta, gradient, hessian);
        }
        return beta;
    }

    private static double objective(int[][] x, double[] offset, double[] pos, double[] neg, double lambda,
            double[] beta) {
        double sum = 0;
        for (int r = 0; r < x.length; r++) {
            if (pos[r] + neg[r] > 0) {
                double eta = offset[r] + dot(beta, x[r]);
                // pos ln(1 + e^-eta) + neg ln(1 + e^eta), with softplus(-eta) = softplus(eta) - eta
                sum += (pos[r] + neg[r]) * softplus(eta) - pos[r] * eta;
            }
        }
        return sum + penalty(beta, lambda);
    }

    /** The gradient and Hessian (row-major p × p) of the objective at beta, in one pass over the rows. */
    private static void derivatives(int[][] x, double[] offset, double[] pos, double[] neg, double lambda,
            double[] beta, double[] gradient, double[] hessian) {
        int p = beta.length;
        Arrays.fill(gradient, 0);
        Arrays.fill(hessian, 0);
        for (int r = 0; r < x.length; r++) {
            double n = pos[r] + neg[r];
            if (n == 0) {
                continue;
            }
            int[] ones = x[r];
            double eta = offset[r] + dot(beta, ones);
            double prob = 1 / (1 + Math.exp(-eta));
            double residual = n * prob - pos[r];
            double w = n * prob * (1 - prob);
            gradient[0] += residual;
            hessian[0] += w;
            for (int i = 0; i < ones.length; i++) {
                int a = ones[i];
                gradient[a] += residual;
                hessian[a] += w;
                int row = a * p;
                for (int j = i; j < ones.length; j++) {
                    hessian[row + ones[j]] += w;
                }
            }
        }
        for (int a = 1; a < p; a++) {
            gradient[a] += lambda * beta[a];
            hessian[a * p + a] += lambda;
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                hessian[a * p + b] = hessian[b * p + a];
            }
        }
    }

    private static double[] solve(double[] hessian, double[] gradient, int p) {
        double[][] h = new double[p][p];
        for (int a = 0; a < p; a++) {
            System.arraycopy(hessian, a * p, h[a], 0, p);
            h[a][a] += 1e-12; // keeps the intercept's pivot positive when every row saturates
        }
        return new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-15, 0).getSolver()
                .solve(new ArrayRealVector(gradient, false)).toArray();
    }

    private static double penalty(double[] beta, double lambda) {
        double squares = 0;
        for (int j = 1; j < beta.length; j++) {
            squares += beta[j] * beta[j];
        }
        return lambda / 2 * squares;
    }

    /** ln(1 + e^z) without overflow. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** The linear predictor without offset of a row: the intercept plus the coefficients that are on. */
    static double dot(double[] beta, int[] ones) {
        double sum = beta[0];
        for (int a : ones) {
            sum += beta[a];
        }
        return sum;
    }
}
