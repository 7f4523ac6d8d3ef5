package ptune.backbone.tokenizer;

import java.util.List;
import ptune.features.SubwordTokenizer.Template;

/**
 * The input template of a model family and its special token ids, recognised from the vocabulary:
 * BERT vocabularies contain {@code [CLS]}, RoBERTa's byte-level BPE vocabulary contains {@code <s>}.
 */
public record SpecialTokens(
    Template template, String cls, String sep, String pad, String mask, String unk,
    int clsId, int sepId, int padId, int maskId, int unkId) {

  public static SpecialTokens detect(Vocabulary vocab, String source) {
    if (vocab.contains("[CLS]")) {
      return of(Template.BERT, vocab, source, "[CLS]", "[SEP]", "[PAD]", "[MASK]", "[UNK]");
    }
    if (vocab.contains("<s>")) {
      return of(Template.ROBERTA, vocab, source, "<s>", "</s>", "<pad>", "<mask>", "<unk>");
    }
    throw new IllegalArgumentException(
        source + ": vocabulary has neither [CLS] (BERT) nor <s> (RoBERTa); template unknown");
  }

  /** The special token strings, which are never split into subwords. */
  public List<String> strings() {
    return List.of(cls, sep, pad, mask, unk);
  }

  private static SpecialTokens of(Template template, Vocabulary vocab, String source,
      String cls, String sep, String pad, String mask, String unk) {
    return new SpecialTokens(template, cls, sep, pad, mask, unk,
        require(vocab, cls, source), require(vocab, sep, source), require(vocab, pad, source),
        require(vocab, mask, source), require(vocab, unk, source));
  }

  private static int require(Vocabulary vocab, String token, String source) {
    int id = vocab.id(token);
    if (id < 0) {
      throw new IllegalArgumentException(source + ": special token " + token + " is not in the vocabulary");
    }
    return id;
  }
}
