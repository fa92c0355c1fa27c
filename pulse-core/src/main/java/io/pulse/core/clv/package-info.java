/**
 * Customer-base ("buy 'til you die") models: how many repeat purchases a customer will make, whether
 * they are still alive, and what their purchases are worth.
 *
 * <ul>
 *   <li>{@link io.pulse.core.clv.BgNbdModel}: Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005),
 *       "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model", Marketing
 *       Science 24(2):275-284 (FHL05a). Likelihood eq. (6), E[X(t)] eq. (7), pmf eq. (8),
 *       conditional expectation eq. (10); P(alive) from Fader, Hardie and Lee (2008), "Computing
 *       P(alive) Using the BG/NBD Model", brucehardie.com/notes/021.</li>
 *   <li>{@link io.pulse.core.clv.ParetoNbdModel}: Schmittlein, D. C., Morrison, D. G. and Colombo, R.
 *       (1987), "Counting Your Customers: Who Are They and What Will They Do Next?", Management
 *       Science 33(1):1-24 (SMC87), in the Gauss-hypergeometric formulation of Fader and Hardie
 *       (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions",
 *       brucehardie.com/notes/008 (the {@code hardie = TRUE} form of the BTYD R package).</li>
 *   <li>{@link io.pulse.core.clv.GammaGammaModel}: Fader, P. S. and Hardie, B. G. S. (2013), "The
 *       Gamma-Gamma Model of Monetary Value", brucehardie.com/notes/025 (FH13); first used in Fader,
 *       Hardie and Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
 *       Journal of Marketing Research 42(4):415-430 (FHL05b).</li>
 * </ul>
 *
 * <p>Parameters are named as in the papers (r, alpha, a, b, s, beta, p, q, gamma). All times are in
 * one unit chosen by the caller (the CDNOW tests use weeks). Inputs are {@link
 * io.pulse.core.clv.CustomerSummaries}, compressed into unique (x, t_x, T) tuples so that fitting
 * costs the number of distinct tuples, not the number of customers. Fits maximise the likelihood by
 * BFGS on analytic gradients ({@code MaximumLikelihood}); {@link io.pulse.core.clv.PurchaseModel} is
 * what the two purchase models share, and {@link io.pulse.core.clv.CustomerLifetimeValue} combines
 * either with the Gamma-Gamma spend model.
 */
package io.pulse.core.clv;
