package io.pulse.generate.internal;

import io.pulse.core.event.EventType;
import io.pulse.generate.SyntheticEvent;
import java.util.SplittableRandom;

/**
 * One visit: a {@code session} event carrying the whole browse time, then what happened inside it
 * (searches, clicks, item views, carts, purchases, and the occasional later refund). The visit is
 * planned into reusable arrays first, because the session row needs the total duration and must
 * not run past the end of the period; then it is emitted.
 */
final class Session {

    private static final int MAX_VIEWS = 60;
    private static final int MAX_LINES = 3;
    private static final int MAX_EVENTS = 3 * MAX_VIEWS + 3 * MAX_LINES + 2;
    private static final double STAY_IN_FOCUS = 0.7;
    private static final double CLICK_RATE = 0.08;
    private static final double REFUND_RATE = 0.03;
    private static final double VIEW_SIGMA = 0.7;
    private static final int MAX_VIEW_SECONDS = 900;
    /** Beyond one item, consumables are bought by the handful: each extra unit with this chance. */
    private static final double ONE_MORE_UNIT = 0.35;
    private static final int MAX_QUANTITY = 6;

    private final StoreCalendar calendar;
    private final Demand demand;
    private final Catalog catalog;
    private final Output out;

    private final EventType[] type = new EventType[MAX_EVENTS];
    private final int[] offset = new int[MAX_EVENTS];
    private final int[] item = new int[MAX_EVENTS];
    private final int[] category = new int[MAX_EVENTS];
    private final int[] duration = new int[MAX_EVENTS];
    private final int[] quantity = new int[MAX_EVENTS];
    private final long[] amount = new long[MAX_EVENTS];
    private int planned;
    private final int[] viewed = new int[MAX_VIEWS];
    /** Per view: 0 not in the cart, above 0 in the cart with that quantity, below 0 bought. */
    private final int[] cartQuantity = new int[MAX_VIEWS];
    private final int[] chosen = new int[MAX_LINES];

    Session(StoreCalendar calendar, Demand demand, Output out) {
        this.calendar = calendar;
        this.demand = demand;
        this.catalog = demand.catalog();
        this.out = out;
    }

    /**
     * Plays one visit starting {@code secondOfDay} after midnight of {@code day}.
     *
     * @return whether the visit ended in a purchase
     */
    boolean run(SplittableRandom rng, Visit visit, int day, int secondOfDay, String channel, String source,
                double purchaseChance) {
        planned = 0;
        Segment.Browsing browsing = visit.browsing();
        int focus = visit.landingItem() >= 0
                ? catalog.categoryOf(visit.landingItem())
                : Draw.pick(rng, visit.categoryCdf());
        int t = 0;
        if (rng.nextDouble() < browsing.searchRate()) {
            int searches = rng.nextDouble() < 0.3 ? 2 : 1;
            for (int s = 0; s < searches; s++) {
                plan(EventType.SEARCH, t, SyntheticEvent.NO_ITEM, focus, SyntheticEvent.NO_DURATION, 0, 0);
                t += 5 + rng.nextInt(25);
            }
        }
        int views = Math.min(MAX_VIEWS, 1 + Draw.poisson(rng, browsing.viewsPerSession() - 1));
        for (int v = 0; v < views; v++) {
            int viewedItem;
            if (v == 0 && visit.landingItem() >= 0) {
                viewedItem = visit.landingItem();
            } else {
                int c = rng.nextDouble() < STAY_IN_FOCUS ? focus : Draw.pick(rng, visit.categoryCdf());
                viewedItem = demand.pick(rng, c, day);
            }
            if (rng.nextDouble() < CLICK_RATE) {
                plan(EventType.CLICK, t, viewedItem, catalog.categoryOf(viewedItem), SyntheticEvent.NO_DURATION, 0, 0);
                t += 1 + rng.nextInt(3);
            }
            int seconds = (int) Math.min(MAX_VIEW_SECONDS,
                    Math.max(2, Math.round(Draw.logNormalWithMean(rng, browsing.secondsPerView(), VIEW_SIGMA))));
            plan(EventType.VIEW, t, viewedItem, catalog.categoryOf(viewedItem), seconds, 0, 0);
            t += seconds;
            viewed[v] = viewedItem;
            cartQuantity[v] = 0;
            if (rng.nextDouble() < browsing.cartRate()) {
                t = cart(rng, visit, v, t);
            }
        }
        boolean bought = rng.nextDouble() < purchaseChance;
        if (bought) {
            t = buy(rng, visit, views, day, t);
        }
        emit(visit.user(), day, secondOfDay, t, channel, source);
        return bought;
    }

    private int cart(SplittableRandom rng, Visit visit, int view, int t) {
        int c = catalog.categoryOf(viewed[view]);
        cartQuantity[view] = quantity(rng, visit, c);
        plan(EventType.CART, t, viewed[view], c, SyntheticEvent.NO_DURATION, cartQuantity[view], 0);
        return t + 5 + rng.nextInt(15);
    }

    /** Carts whatever is bought and not yet in the cart, then checks out one purchase row per item. */
    private int buy(SplittableRandom rng, Visit visit, int views, int day, int t) {
        double basket = rng.nextDouble();
        int lines = Math.min(views, basket < 0.85 ? 1 : basket < 0.97 ? 2 : MAX_LINES);
        for (int line = 0; line < lines; line++) {
            int v = choose(rng, visit, views);
            chosen[line] = v;
            if (cartQuantity[v] == 0) {
                t = cart(rng, visit, v, t);
            }
        }
        t += 20 + rng.nextInt(70);
        for (int line = 0; line < lines; line++) {
            int v = chosen[line];
            if (cartQuantity[v] < 0) {
                continue;
            }
            int c = catalog.categoryOf(viewed[v]);
            long cents = calendar.priceCents(catalog.listPriceCents(viewed[v]), day) * cartQuantity[v];
            plan(EventType.PURCHASE, t, viewed[v], c, SyntheticEvent.NO_DURATION, cartQuantity[v], cents);
            if (rng.nextDouble() < REFUND_RATE) {
                int later = (2 + rng.nextInt(28)) * 86_400 + rng.nextInt(86_400);
                plan(EventType.REFUND, t + later, viewed[v], c, SyntheticEvent.NO_DURATION, cartQuantity[v], cents);
            }
            cartQuantity[v] = -cartQuantity[v];
        }
        return t + 1;
    }

    /** A viewed item to buy: any of them, or the dearer or cheaper of two, as the visitor leans. */
    private int choose(SplittableRandom rng, Visit visit, int views) {
        int v = rng.nextInt(views);
        if (visit.priceLean() != PriceLean.ANY) {
            int other = rng.nextInt(views);
            long difference = catalog.listPriceCents(viewed[other]) - catalog.listPriceCents(viewed[v]);
            if (visit.priceLean() == PriceLean.DEARER ? difference > 0 : difference < 0) {
                v = other;
            }
        }
        return v;
    }

    private int quantity(SplittableRandom rng, Visit visit, int c) {
        int units = 1;
        if (catalog.consumable(c)) {
            while (units < MAX_QUANTITY && rng.nextDouble() < ONE_MORE_UNIT) {
                units++;
            }
        } else {
            double u = rng.nextDouble();
            units = u < 0.9 ? 1 : u < 0.98 ? 2 : 3;
        }
        if (visit.stocksUp() && rng.nextDouble() < 0.3) {
            units++;
        }
        return units;
    }

    private void plan(EventType kind, int at, int what, int inCategory, int seconds, int count, long cents) {
        type[planned] = kind;
        offset[planned] = at;
        item[planned] = what;
        category[planned] = inCategory;
        duration[planned] = seconds;
        quantity[planned] = count;
        amount[planned] = cents;
        planned++;
    }

    /**
     * Emits the planned visit. A visit that would run past the end of the period starts earlier
     * instead; a refund that falls after the end is left out, as it would be from a real export.
     */
    private void emit(int user, int day, int secondOfDay, int sessionSeconds, String channel, String source) {
        long end = calendar.endEpochSecond();
        long start = Math.min(calendar.dayStartEpochSecond(day) + secondOfDay, end - 1 - sessionSeconds);
        out.event(user, start, EventType.SESSION, SyntheticEvent.NO_AMOUNT, sessionSeconds, SyntheticEvent.NO_ITEM,
                null, channel, source, SyntheticEvent.NO_QUANTITY);
        for (int i = 0; i < planned; i++) {
            long ts = start + offset[i];
            boolean refund = type[i] == EventType.REFUND;
            if (refund && ts >= end) {
                continue;
            }
            out.event(user, ts, type[i],
                    type[i].carriesAmount() ? amount[i] : SyntheticEvent.NO_AMOUNT,
                    duration[i],
                    item[i],
                    Catalog.CATEGORIES[category[i]],
                    refund ? null : channel,
                    refund ? null : source,
                    quantity[i]);
        }
    }
}
