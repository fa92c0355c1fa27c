package io.pulse.core.backtest;

import java.time.LocalDate;

/**
 * The users at risk on one backtest cutoff: everyone seen before it and silent for fewer than the
 * churn horizon (longer silences have churned already, there is nobody left to catch), with what the
 * policies look at and what happened next.
 *
 * @param silentDays days since each user's last active day, at the cutoff
 * @param unusualness how unusual that silence is for the user: the standardised log silence under
 *     their personal gap distribution, so the personal threshold at quantile q is crossed exactly
 *     where it passes z_q; larger is more unusual
 * @param churnRisk the personal chance that the silence lasts the whole horizon, from the user's
 *     rhythm and how often users with as many active days stop; the personal policy ranks by it
 * @param churned true when the user had no activity in the horizon after the cutoff
 */
public record AtRiskSnapshot(LocalDate cutoff, int[] silentDays, double[] unusualness, double[] churnRisk,
        boolean[] churned) {

    public AtRiskSnapshot {
        int n = silentDays.length;
        if (unusualness.length != n || churnRisk.length != n || churned.length != n) {
            throw new IllegalArgumentException("silentDays, unusualness, churnRisk and churned need one entry per user");
        }
    }

    public int users() {
        return silentDays.length;
    }

    public int churners() {
        int n = 0;
        for (boolean c : churned) {
            n += c ? 1 : 0;
        }
        return n;
    }
}
