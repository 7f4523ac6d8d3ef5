package ptune.encoding;

import java.util.ArrayList;
import java.util.List;
import ptune.dataset.LabelSet;
import ptune.features.TaggingFeatures;
import ptune.metrics.Predictions;

/**
 * Token-classification scores ([T x L] per sentence, T the padded batch length) to word-level
 * tags: the argmax label at each word's first sub-token, for the words truncation kept.
 */
public final class TagDecoder implements PredictionDecoder {
  private final List<TaggingFeatures> features;
  private final LabelSet tags;

  TagDecoder(List<TaggingFeatures> features, LabelSet tags) {
    this.features = features;
    this.tags = tags;
  }

  @Override
  public Predictions decode(float[][] scores) {
    int numLabels = tags.size();
    List<List<String>> predicted = new ArrayList<>(scores.length);
    for (int i = 0; i < scores.length; i++) {
      TaggingFeatures f = features.get(i);
      int[] perToken = new int[f.input().length()];
      for (int t = 0; t < perToken.length; t++) {
        perToken[t] = ClassDecoder.argmax(scores[i], t * numLabels, numLabels);
      }
      predicted.add(f.wordTags(perToken, tags));
    }
    return new Predictions.Tags(predicted);
  }
}
