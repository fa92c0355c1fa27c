package io.pulse.core.actions;

import java.util.List;

/** A rule file: rules in priority order (first is highest) and the caps over all of them. */
public record RuleSet(String source, List<Rule> rules, Caps caps) {

    public RuleSet {
        rules = List.copyOf(rules);
    }
}
