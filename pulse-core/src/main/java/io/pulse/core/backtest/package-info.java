/**
 * Backtests on history: does a policy catch the users who go on to churn ({@link ThresholdComparison},
 * fixed global dormancy threshold against personal ones at equal action counts), and did an operation
 * change what its users did ({@link Uplift}, treated against control with intervals).
 */
package io.pulse.core.backtest;
