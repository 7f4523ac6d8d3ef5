package ptune.preprocess;

import java.io.Serializable;

/** One encoded example, padded to the maximum length; label -1 when the split has no labels. */
public record FeatureRow(String id, int label, int[] inputIds, int[] tokenTypeIds, int[] attentionMask)
    implements Serializable {}
