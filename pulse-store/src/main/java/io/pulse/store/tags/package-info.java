/**
 * Tags in the store: a tag file is loaded and checked once ({@link io.pulse.store.tags.TagDefinitions}),
 * {@link io.pulse.store.tags.TagRun} turns it into one bitmap of dense user indexes per tag at a cutoff
 * (rules over the feature table, users-file attributes, model outputs), {@link io.pulse.store.tags.TagStore}
 * keeps numbered versions with their definitions and compares them by user id, and
 * {@link io.pulse.store.tags.AudienceQuery} evaluates audience expressions on a version.
 *
 * <p>The expression languages and the bitmap algebra live in {@code io.pulse.core.tags}; this package
 * only reads and writes DuckDB.
 */
package io.pulse.store.tags;
