package io.pulse.core.recommend;

/** Ranks items for a user; never an item the user has bought. */
public interface Recommender {

    /** At most {@code n} items for {@code user}, best first. */
    Ranking recommend(int user, int n);

    /** {@link #recommend} for every user, indexed by user. */
    Ranking[] recommendAll(int n);
}
