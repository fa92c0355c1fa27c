package io.pulse.core.tags;

import java.util.List;

/**
 * Tags that cluster together below a height.
 *
 * @param tags in their original order
 * @param height the height at which the last of them joined: the largest average distance inside
 */
public record TagGroup(List<String> tags, double height) {

    public TagGroup {
        tags = List.copyOf(tags);
    }
}
