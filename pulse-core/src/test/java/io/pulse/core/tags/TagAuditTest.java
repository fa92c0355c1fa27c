package io.pulse.core.tags;

import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TagAuditTest {

    private static final int USERS = 20_000;

    /**
     * a, b, c carry the outcome; a_copy is a; a_near is a with 5% of its users swapped out; noise1..3
     * are independent; model:x is left unscored.
     */
    @Test
    void flagsThePlantedDuplicatesAndKeepsThePredictiveTags() {
        SplittableRandom random = new SplittableRandom(11);
        RoaringBitmap a = new RoaringBitmap();
        RoaringBitmap b = new RoaringBitmap();
        RoaringBitmap c = new RoaringBitmap();
        RoaringBitmap near = new RoaringBitmap();
        RoaringBitmap[] noise = {new RoaringBitmap(), new RoaringBitmap(), new RoaringBitmap()};
        RoaringBitmap model = new RoaringBitmap();
        RoaringBitmap outcome = new RoaringBitmap();
        for (int u = 0; u < USERS; u++) {
            boolean ia = random.nextDouble() < 0.3;
            boolean ib = random.nextDouble() < 0.2;
            boolean ic = random.nextDouble() < 0.4;
            if (ia) {
                a.add(u);
                if (random.nextDouble() >= 0.05) {
                    near.add(u);
                }
            }
            if (ib) {
                b.add(u);
            }
            if (ic) {
                c.add(u);
            }
            for (RoaringBitmap n : noise) {
                if (random.nextDouble() < 0.25) {
                    n.add(u);
                }
            }
            if (random.nextDouble() < 0.5) {
                model.add(u);
            }
            double logit = -2 + 1.5 * (ia ? 1 : 0) + 1.0 * (ib ? 1 : 0) + 0.7 * (ic ? 1 : 0);
            if (random.nextDouble() < 1 / (1 + Math.exp(-logit))) {
                outcome.add(u);
            }
        }
        List<String> names = List.of("a", "b", "c", "a_copy", "a_near", "noise1", "noise2", "noise3", "model:x");
        List<RoaringBitmap> tags = new ArrayList<>(List.of(a, b, c, a.clone(), near, noise[0], noise[1], noise[2], model));
        RoaringBitmap changed = b.clone();
        changed.remove(b.first());
        TagAudit.Result r = TagAudit.run(names, tags, USERS, Map.of("b", changed), outcome, Set.of("model:x"),
                TagAudit.Options.defaults(3));

        assertThat(r.redundant()).anySatisfy(p -> {
            assertThat(Set.of(p.a(), p.b())).isEqualTo(Set.of("a", "a_copy"));
            assertThat(p.jaccard()).isEqualTo(1.0);
        });
        assertThat(r.redundant()).anySatisfy(p -> assertThat(Set.of(p.a(), p.b())).contains("a_near"));
        assertThat(r.recommended()).contains("b", "c", "model:x");
        assertThat(r.recommended()).containsAnyOf("a", "a_copy");
        assertThat(r.recommended()).doesNotContain("noise1", "noise2", "noise3");
        assertThat(r.dropped()).anySatisfy(d -> {
            assertThat(d.tag()).isIn("a", "a_copy");
            assertThat(d.because()).startsWith("duplicates");
        });
        assertThat(r.recommendedAuc()).isGreaterThanOrEqualTo(r.allTagsAuc() - 0.005);
        assertThat(r.stability()).singleElement().satisfies(s -> {
            assertThat(s.tag()).isEqualTo("b");
            assertThat(s.left()).isZero();
            assertThat(s.entered()).isEqualTo(1);
        });
        assertThat(r.coverage().get(0).share()).isEqualTo((double) a.getCardinality() / USERS);
        assertThat(r.rules()).anySatisfy(rule -> {
            assertThat(rule.antecedent()).containsExactly("a_copy");
            assertThat(rule.consequent()).containsExactly("a");
            assertThat(rule.confidence()).isEqualTo(1.0);
        });
        assertThat(r.mergeCandidates()).anySatisfy(g -> assertThat(g.tags()).contains("a", "a_copy"));
    }
}
