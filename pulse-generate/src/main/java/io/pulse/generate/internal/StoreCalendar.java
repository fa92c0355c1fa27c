package io.pulse.generate.internal;

import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.GroundTruth.Drift;
import io.pulse.generate.GroundTruth.Holiday;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Everything that depends on the date rather than on the user, precomputed per day of the
 * period: the smooth yearly curve, holidays and sales, the segments' response to them, the slow
 * drifts, and prices. The weekly rhythm is per user (see {@link Shopper}), the hour of day here.
 */
final class StoreCalendar {

    /** Yearly amplitude: about ±12% between the June trough and the December top. */
    private static final double YEARLY_AMPLITUDE = 0.12;
    private static final int YEARLY_PEAK_DAY = 350;
    private static final double INFLATION_PER_YEAR = 0.05;
    private static final double WINDOW_SHOPPER_CONVERSION_AT_END = 0.5;
    private static final double CASUAL_VISITS_AT_END = 0.7;
    /**
     * A competitor opens when this share of the period has passed; from then on, this share of the
     * users of every segment but one_and_done and hidden_value (who have little to lose, and whose
     * planted pattern other tests look for) leave on a day drawn uniformly over the rest of the period,
     * without warning in their history. It is the drift that makes yesterday's patterns predict the
     * last quarter worse than the rest of the year, which a random split of user-cutoff rows hides.
     */
    private static final double COMPETITOR_OPENS_AT = 0.75;
    static final double COMPETITOR_SHARE = 0.6;
    private static final double SOCIAL_SHARE_AT_START = 0.10;
    private static final double SOCIAL_SHARE_AT_END = 0.30;

    private static final double[] DAYTIME_HOURS = {
        0.5, 0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 0.8, 1.2, 1.4, 1.5, 1.6,
        1.8, 1.7, 1.5, 1.5, 1.6, 1.8, 2.1, 2.5, 2.7, 2.5, 1.8, 1.0};
    private static final double[] EVENING_HOURS = {
        0.8, 0.4, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.6, 0.7, 0.8, 0.9,
        1.1, 1.0, 0.9, 0.9, 1.0, 1.3, 1.9, 2.8, 3.5, 3.8, 3.0, 1.8};
    private static final double[] DAYTIME_CDF = Draw.cumulative(DAYTIME_HOURS);
    private static final double[] EVENING_CDF = Draw.cumulative(EVENING_HOURS);

    private record Peak(String name, double multiplier, double discount) {
    }

    private final LocalDate start;
    private final int days;
    private final long startEpochSecond;
    private final List<Holiday> holidays = new ArrayList<>();
    private final double[][] visitMultiplier;
    private final double[][] conversionMultiplier;
    private final double[] priceFactor;
    private final double[] signupCdf;

    StoreCalendar(GeneratorConfig config) {
        start = config.start();
        days = config.days();
        startEpochSecond = start.toEpochDay() * 86_400;
        Map<LocalDate, Peak> peaks = peaks(start, config.end());
        Segment[] segments = Segment.values();
        visitMultiplier = new double[segments.length][days];
        conversionMultiplier = new double[segments.length][days];
        priceFactor = new double[days];
        double[] signupWeight = new double[days];
        for (int d = 0; d < days; d++) {
            LocalDate date = start.plusDays(d);
            Peak peak = peaks.getOrDefault(date, new Peak(null, 1, 1));
            if (peak.name() != null) {
                holidays.add(new Holiday(date, peak.name(), peak.multiplier(), peak.discount() < 1));
            }
            double yearly = 1 + YEARLY_AMPLITUDE
                    * Math.cos(2 * Math.PI * (date.getDayOfYear() - YEARLY_PEAK_DAY) / 365.25);
            double progress = progress(d);
            for (Segment s : segments) {
                double response = Math.max(0.2, 1 + s.rhythm.saleElasticity() * (peak.multiplier() - 1));
                double drift = s == Segment.CASUAL ? 1 - (1 - CASUAL_VISITS_AT_END) * progress : 1;
                visitMultiplier[s.ordinal()][d] = yearly * response * drift;
                double sale = peak.discount() < 1 ? s.buying.saleBoost() : 1;
                double conversionDrift = s == Segment.WINDOW_SHOPPER
                        ? 1 - (1 - WINDOW_SHOPPER_CONVERSION_AT_END) * progress : 1;
                conversionMultiplier[s.ordinal()][d] = sale * conversionDrift;
            }
            priceFactor[d] = Math.pow(1 + INFLATION_PER_YEAR, d / 365.0) * peak.discount();
            signupWeight[d] = yearly * peak.multiplier();
        }
        signupCdf = Draw.cumulative(signupWeight);
    }

    /** How far into the period a day is, from 0 on the first day to 1 on the last. */
    private double progress(int day) {
        return days == 1 ? 0 : day / (double) (days - 1);
    }

    /** The holiday calendar of the years the period touches; later entries override earlier ones. */
    private static Map<LocalDate, Peak> peaks(LocalDate from, LocalDate until) {
        TreeMap<LocalDate, Peak> peaks = new TreeMap<>();
        for (int year = from.getYear(); year <= until.getYear(); year++) {
            put(peaks, LocalDate.of(year, 1, 1), 1, "new_years_day", 0.7, 1);
            put(peaks, LocalDate.of(year, 1, 2), 13, "january_sale", 1.35, 0.85);
            put(peaks, LocalDate.of(year, 2, 8), 6, "valentines_run_up", 1.2, 1);
            put(peaks, LocalDate.of(year, 2, 14), 1, "valentines_day", 1.1, 1);
            LocalDate easter = easterSunday(year);
            put(peaks, easter.minusDays(2), 1, "good_friday", 1.15, 1);
            put(peaks, easter.minusDays(1), 1, "easter_saturday", 1.2, 1);
            put(peaks, easter, 1, "easter_sunday", 0.9, 1);
            put(peaks, easter.plusDays(1), 1, "easter_monday", 1.2, 1);
            LocalDate summerSale = LocalDate.of(year, 7, 1)
                    .with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.TUESDAY));
            put(peaks, summerSale, 2, "summer_sale", 1.5, 0.85);
            for (int day = 1; day <= 21; day++) {
                // Whole hundredths, so that truth.json shows 1.34 rather than 1.3399999999999999.
                double rising = (120 + 2 * (day - 1)) / 100.0;
                put(peaks, LocalDate.of(year, 12, day), 1, "christmas_run_up", rising, 1);
            }
            LocalDate blackFriday = LocalDate.of(year, Month.NOVEMBER, 1)
                    .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)).plusDays(1);
            put(peaks, blackFriday.minusDays(4), 4, "black_friday_week", 1.35, 0.9);
            put(peaks, blackFriday, 1, "black_friday", 2.6, 0.75);
            put(peaks, blackFriday.plusDays(1), 2, "black_friday_weekend", 1.7, 0.8);
            put(peaks, blackFriday.plusDays(3), 1, "cyber_monday", 2.2, 0.8);
            put(peaks, LocalDate.of(year, 12, 22), 2, "christmas_last_orders", 1.5, 1);
            put(peaks, LocalDate.of(year, 12, 24), 1, "christmas_eve", 0.8, 1);
            put(peaks, LocalDate.of(year, 12, 25), 1, "christmas_day", 0.55, 1);
            put(peaks, LocalDate.of(year, 12, 26), 1, "boxing_day", 1.5, 0.8);
            put(peaks, LocalDate.of(year, 12, 27), 4, "year_end_sale", 1.15, 0.9);
            put(peaks, LocalDate.of(year, 12, 31), 1, "new_years_eve", 0.8, 1);
        }
        return peaks.subMap(from, until);
    }

    private static void put(Map<LocalDate, Peak> peaks, LocalDate first, int days, String name,
                            double multiplier, double discount) {
        for (int d = 0; d < days; d++) {
            peaks.put(first.plusDays(d), new Peak(name, multiplier, discount));
        }
    }

    /** The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    /** The day the competitor opens (see {@link #COMPETITOR_SHARE}). */
    int competitorDay() {
        return (int) Math.round(days * COMPETITOR_OPENS_AT);
    }

    /** Whether users of the segment may leave for the competitor. */
    static boolean competitorTakes(Segment segment) {
        return segment != Segment.ONE_AND_DONE && segment != Segment.HIDDEN_VALUE;
    }

    int days() {
        return days;
    }

    LocalDate date(int day) {
        return start.plusDays(day);
    }

    long dayStartEpochSecond(int day) {
        return startEpochSecond + day * 86_400L;
    }

    long endEpochSecond() {
        return dayStartEpochSecond(days);
    }

    /** 0 for Monday to 6 for Sunday. */
    int dayOfWeek(int day) {
        return (start.getDayOfWeek().ordinal() + day) % 7;
    }

    /** Yearly curve × the segment's response to holidays and sales × drift. */
    double visitMultiplier(Segment segment, int day) {
        return visitMultiplier[segment.ordinal()][day];
    }

    double conversionMultiplier(Segment segment, int day) {
        return conversionMultiplier[segment.ordinal()][day];
    }

    /** Inflation since the start × the sale discount of the day. */
    long priceCents(long listPriceCents, int day) {
        return Math.max(1, Math.round(listPriceCents * priceFactor[day]));
    }

    double socialShare(int day) {
        return SOCIAL_SHARE_AT_START + (SOCIAL_SHARE_AT_END - SOCIAL_SHARE_AT_START) * progress(day);
    }

    /** A signup day for a new user: more people join when more people visit. */
    int signupDay(SplittableRandom rng) {
        return Draw.pick(rng, signupCdf);
    }

    /** Seconds after midnight at which a visit starts. */
    int secondOfDay(SplittableRandom rng, boolean evening) {
        return Draw.pick(rng, evening ? EVENING_CDF : DAYTIME_CDF) * 3600 + rng.nextInt(3600);
    }

    List<Holiday> holidays() {
        return List.copyOf(holidays);
    }

    List<Drift> drift() {
        double priceRise = Math.round(10_000 * Math.pow(1 + INFLATION_PER_YEAR, (days - 1) / 365.0)) / 10_000.0;
        return List.of(
                new Drift("window_shopper conversion", 1, WINDOW_SHOPPER_CONVERSION_AT_END,
                        "per-visit purchase probability of window_shopper users falls linearly to half its"
                                + " starting level by the last day"),
                new Drift("casual visit rate", 1, CASUAL_VISITS_AT_END,
                        "visit rate of casual users declines linearly to 70% of its starting level by the last day"),
                new Drift("social share of sessions", SOCIAL_SHARE_AT_START, SOCIAL_SHARE_AT_END,
                        "chance that a returning visit comes through social media (instagram, tiktok, ...) rises"
                                + " linearly; visits of users acquired through social come on top, so the observed"
                                + " share of sessions is higher but rises by about as much"),
                new Drift("prices", 1, priceRise,
                        "list prices, and so order values, inflate continuously by 5% a year"),
                new Drift("competitor", 0, COMPETITOR_SHARE,
                        "a competitor opens on " + date(competitorDay()) + "; from then on "
                                + Math.round(100 * COMPETITOR_SHARE) + "% of the users of every segment but"
                                + " one_and_done and hidden_value leave"
                                + " for good, each on a day drawn uniformly between that date and the last day"));
    }
}
