package io.pulse.core.activity;

import java.time.LocalDate;

/**
 * Users active on {@code date} (DAU), in the 7 days ending on it (WAU) and in the 30 days ending
 * on it (MAU). Windows do not reach before the analysed range, so the first days of a range show
 * a low WAU and MAU.
 */
public record DailyEngagement(LocalDate date, long dau, long wau, long mau) {
}
