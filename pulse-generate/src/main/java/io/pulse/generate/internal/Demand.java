package io.pulse.generate.internal;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Which item a view lands on: catalog popularity, except that from its date a level-shifted item
 * takes views from the rest of its category until its share is {@code factor} times what it was.
 * Every visitor sees the shift, so views, carts and purchases of the item all step up together.
 */
final class Demand {

    /**
     * @param switchChance chance that a view landing elsewhere in the category goes to the item instead:
     *                     with share s, s + (1 - s) q = factor × s gives q = (factor - 1) s / (1 - s)
     */
    record Shift(int item, int category, int fromDay, double factor, double switchChance) {
    }

    private final Catalog catalog;
    private final List<Shift> shifts;

    Demand(Catalog catalog, List<Shift> shifts) {
        this.catalog = catalog;
        this.shifts = List.copyOf(shifts);
    }

    static Shift shift(Catalog catalog, int category, int rank, int fromDay, double factor) {
        double share = catalog.shareOfRank(category, rank);
        double switchChance = Math.min(1, (factor - 1) * share / (1 - share));
        return new Shift(catalog.itemAtRank(category, rank), category, fromDay, factor, switchChance);
    }

    int pick(SplittableRandom rng, int category, int day) {
        int item = catalog.pick(rng, category);
        for (Shift shift : shifts) {
            if (shift.category() == category && day >= shift.fromDay() && item != shift.item()
                    && rng.nextDouble() < shift.switchChance()) {
                item = shift.item();
            }
        }
        return item;
    }

    Catalog catalog() {
        return catalog;
    }
}
