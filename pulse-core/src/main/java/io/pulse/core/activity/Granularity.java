package io.pulse.core.activity;

import io.pulse.core.PulseInputException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The length of a reporting period. Period ids are integers that grow by one from each period to
 * the next, so the analyzer can index arrays with them; {@link #label} turns an id into the text
 * people read.
 */
public enum Granularity {
    DAY {
        @Override
        public int periodOf(int epochDay) {
            return epochDay;
        }

        @Override
        public LocalDate firstDay(int period) {
            return LocalDate.ofEpochDay(period);
        }

        @Override
        public LocalDate lastDay(int period) {
            return firstDay(period);
        }

        @Override
        public String label(int period) {
            return firstDay(period).toString();
        }
    },

    /** ISO weeks: Monday to Sunday, labelled with the ISO week-based year ("2025-W01" starts 2024-12-30). */
    WEEK {
        // 1970-01-01 (epoch day 0) was a Thursday, so shifting by three days puts each Monday
        // on a multiple of seven.
        private static final int MONDAY_SHIFT = 3;

        @Override
        public int periodOf(int epochDay) {
            return Math.floorDiv(epochDay + MONDAY_SHIFT, 7);
        }

        @Override
        public LocalDate firstDay(int period) {
            return LocalDate.ofEpochDay(7L * period - MONDAY_SHIFT);
        }

        @Override
        public LocalDate lastDay(int period) {
            return firstDay(period).plusDays(6);
        }

        @Override
        public String label(int period) {
            LocalDate monday = firstDay(period);
            return String.format(Locale.ROOT, "%d-W%02d",
                    monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
    },

    MONTH {
        @Override
        public int periodOf(int epochDay) {
            LocalDate day = LocalDate.ofEpochDay(epochDay);
            return day.getYear() * 12 + day.getMonthValue() - 1;
        }

        @Override
        public LocalDate firstDay(int period) {
            return LocalDate.of(Math.floorDiv(period, 12), Math.floorMod(period, 12) + 1, 1);
        }

        @Override
        public LocalDate lastDay(int period) {
            return firstDay(period).with(TemporalAdjusters.lastDayOfMonth());
        }

        @Override
        public String label(int period) {
            return YearMonth.from(firstDay(period)).toString();
        }
    };

    /** The id of the period holding {@code epochDay}; later days never get smaller ids. */
    public abstract int periodOf(int epochDay);

    public abstract LocalDate firstDay(int period);

    public abstract LocalDate lastDay(int period);

    /** "2025-03-05", "2025-W10" or "2025-03". */
    public abstract String label(int period);

    public int periodOf(LocalDate day) {
        return periodOf(Math.toIntExact(day.toEpochDay()));
    }

    /** Reads "day", "week" or "month" in any case. */
    public static Granularity parse(String text) {
        if (text != null) {
            for (Granularity g : values()) {
                if (g.name().equalsIgnoreCase(text.trim())) {
                    return g;
                }
            }
        }
        throw new PulseInputException(null, 0, "granularity",
                "granularity must be day, week or month, got " + (text == null ? "nothing" : "'" + text + "'"));
    }
}
