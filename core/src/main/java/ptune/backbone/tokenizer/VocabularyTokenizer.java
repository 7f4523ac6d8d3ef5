package ptune.backbone.tokenizer;

import ptune.features.SubwordTokenizer;

/**
 * What every ptune tokenizer answers from its vocabulary and special tokens alone; subclasses only
 * split text into ids ({@link #tokenize}).
 */
abstract class VocabularyTokenizer implements SubwordTokenizer {
  protected final Vocabulary vocab;
  protected final SpecialTokens special;

  VocabularyTokenizer(Vocabulary vocab) {
    this.vocab = vocab;
    this.special = SpecialTokens.detect(vocab, vocab.source());
  }

  @Override
  public Template template() {
    return special.template();
  }

  @Override
  public int clsId() {
    return special.clsId();
  }

  @Override
  public int sepId() {
    return special.sepId();
  }

  @Override
  public int padId() {
    return special.padId();
  }

  @Override
  public int maskId() {
    return special.maskId();
  }

  @Override
  public int unkId() {
    return special.unkId();
  }

  @Override
  public int vocabSize() {
    return vocab.size();
  }

  @Override
  public String idToToken(int id) {
    return vocab.token(id);
  }

  @Override
  public int tokenToId(String token) {
    int id = vocab.id(token);
    return id >= 0 ? id : special.unkId();
  }

  public Vocabulary vocabulary() {
    return vocab;
  }
}
