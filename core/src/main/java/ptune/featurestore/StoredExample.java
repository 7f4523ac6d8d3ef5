package ptune.featurestore;

import ptune.encoding.ExampleRows;

/**
 * One example as preprocessing stored it: the encoder rows a trial would have made from it (and
 * their alignment with its words or context), keyed by split and example id, with a hash of the
 * example's content so a trial can tell when the raw record changed after the features were written.
 *
 * @param split "train", "dev" or "test" ({@code Split.lowerName()})
 */
public record StoredExample(String split, String id, long sourceHash, ExampleRows rows) {}
