package io.pulse.core.clv;

/** A model's log-likelihood over a data set, as a function of its positive parameters. */
interface LogLikelihood {

    /**
     * @param theta the parameters, in the order of the model's paper
     * @param gradient when not null, receives d LL / d theta_i (not d / d log theta_i)
     * @return the log-likelihood, or a non-finite value where it cannot be evaluated
     */
    double evaluate(double[] theta, double[] gradient);

    default double value(double[] theta) {
        return evaluate(theta, null);
    }
}
