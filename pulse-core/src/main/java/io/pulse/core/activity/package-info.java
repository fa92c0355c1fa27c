/**
 * Who is active, how often, and who comes back: DAU/WAU/MAU, active rates per day, ISO week and
 * month, stickiness, weekly retention cohorts, lifecycle counts and a benchmark verdict.
 *
 * <p>Entry point: {@link io.pulse.core.activity.ActivityAnalyzer#analyze} over a
 * {@link io.pulse.core.activity.DailyActivity} (one row per user and day, sorted by user then day)
 * with {@link io.pulse.core.activity.ActivityOptions}. Everything else here is a value the report
 * is made of; package-private classes hold the passes over the rows.
 *
 * <p>Definitions (the project's official defaults):
 * <ul>
 *   <li><b>Active</b> in a period (day, week, month, or trailing 7 or 30 days): the user's qualifying
 *       events in the period's days inside [from, to] add up to at least {@code minEvents} and their
 *       browse seconds to at least {@code minBrowseSeconds}. Qualifying means the event type is in the
 *       definition's {@code eventTypes} (empty = every type); the store filters on that.</li>
 *   <li><b>Known</b> in a period: the user's known-from day (first event of any type, or sign-up if
 *       earlier) is on or before the period's last day and on or before {@code to}. A user with
 *       neither is never known.</li>
 *   <li><b>Range</b>: {@code from} and {@code to} as given, else the first and last day with a row
 *       (a row may carry zero qualifying events).</li>
 *   <li><b>Active rate</b>: active / known, 0 when nobody is known. A <b>partial</b> period sticks out
 *       of [from, to] and counts only its in-range days.</li>
 *   <li><b>WAU, MAU</b>: active over the 7 or 30 days ending on the day, never reaching before
 *       {@code from}.</li>
 *   <li><b>Stickiness</b> of a month: mean DAU over its in-range days / the month's active users. The
 *       report's figure is the mean over complete months (over all months if none is complete).</li>
 *   <li><b>Retention</b>: users grouped by the ISO week they were first active in the range; cell k is
 *       how many of them are active k weeks later; a week cut by the end of the range is left out.</li>
 *   <li><b>Lifecycle</b>, against the previous period of the range: new (first active period in the
 *       range), returning (active in the previous one too), resurrecting (active before, but not in
 *       the previous one), dormant (known, not active), lapsed (dormant now, active in the previous
 *       one). new + returning + resurrecting = active; that + dormant = known.</li>
 *   <li><b>Benchmark</b>: the mean monthly active rate over complete months with known users (all
 *       months with known users if none is complete) against a band, 30–40% by default.</li>
 *   <li><b>Percentiles</b>: linear interpolation between closest ranks, as DuckDB's
 *       {@code quantile_cont}.</li>
 * </ul>
 */
package io.pulse.core.activity;
