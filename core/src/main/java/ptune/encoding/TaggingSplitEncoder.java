package ptune.encoding;

import java.util.ArrayList;
import java.util.List;
import ptune.dataset.Example;
import ptune.dataset.LabelSet;
import ptune.dataset.TokenTaggingExample;
import ptune.features.EncodedInput;
import ptune.features.SubwordTokenizer;
import ptune.features.TaggingFeatures;
import ptune.features.TokenTaggingEncoder;
import ptune.trainer.EncodedExample;
import ptune.trainer.Target;

/**
 * NER and SRL sentences as one encoder row each, labelled on first sub-tokens only
 * ({@link TokenTaggingEncoder}); predictions are read back per word as BIO tags. Like the official
 * evaluation, which scores only positions that carry a label, words cut off by truncation are left
 * out of the gold sentences that are scored.
 */
public final class TaggingSplitEncoder implements SplitEncoder {
  private final TokenTaggingEncoder encoder;
  private final LabelSet tags;

  public TaggingSplitEncoder(SubwordTokenizer tokenizer, LabelSet tags, int maxLength) {
    this.encoder = new TokenTaggingEncoder(tokenizer, tags, maxLength);
    this.tags = tags;
  }

  @Override
  public ExampleRows encode(Example e) {
    if (!(e instanceof TokenTaggingExample tagging)) {
      throw new IllegalArgumentException("example " + e.id() + " is not a tagging example");
    }
    TaggingFeatures f = encoder.encode(tagging);
    return new ExampleRows(List.of(EncodedExample.single(f.input().inputIds(), f.input().tokenTypeIds(),
        new Target.PerToken(f.labels()))), new Alignment.Words(f.firstTokenOfWord()));
  }

  @Override
  public EncodedSplit assemble(List<Example> examples, List<ExampleRows> rows) {
    List<Example> scored = new ArrayList<>(examples.size());
    List<TaggingFeatures> features = new ArrayList<>(examples.size());
    List<EncodedExample> trainerRows = new ArrayList<>(examples.size());
    for (int i = 0; i < examples.size(); i++) {
      if (!(rows.get(i).alignment() instanceof Alignment.Words words)) {
        throw new IllegalArgumentException("example " + examples.get(i).id() + ": expected a tagged sentence's row");
      }
      EncodedExample row = rows.get(i).rows().get(0);
      TaggingFeatures f = new TaggingFeatures(new EncodedInput(row.inputIds()[0], row.tokenTypeIds()[0]),
          ((Target.PerToken) row.target()).labels(), words.firstTokenOfWord());
      features.add(f);
      scored.add(keptWords((TokenTaggingExample) examples.get(i), f.keptWords()));
      trainerRows.add(row);
    }
    return new EncodedSplit(scored, trainerRows, new TagDecoder(features, tags));
  }

  private static TokenTaggingExample keptWords(TokenTaggingExample e, int kept) {
    if (kept == e.words().size()) {
      return e;
    }
    int predicate = e.predicateIndex() < kept ? e.predicateIndex() : TokenTaggingExample.NO_PREDICATE;
    return new TokenTaggingExample(e.id(), e.words().subList(0, kept), e.tags().subList(0, kept),
        predicate);
  }
}
