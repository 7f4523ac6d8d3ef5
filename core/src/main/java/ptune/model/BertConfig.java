package ptune.model;

import java.io.Serializable;

/**
 * Architecture of a BERT-family encoder, with the Hugging Face {@code config.json} field meanings.
 *
 * @param family BERT or ROBERTA: RoBERTa offsets position ids by {@code padTokenId + 1}, skips pad
 *     positions when counting, and has a single token type
 * @param hiddenAct "gelu" (exact, erf; the HF default) or "gelu_tanh" (the tanh approximation used by
 *     Google's original TF graph)
 * @param hasPooler whether pretrained pooler weights exist (ONNX sentence-embedding exports drop it)
 * @param hasMlmHead whether pretrained masked-LM head weights exist (needed for the verbalizer head)
 */
public record BertConfig(
    Family family,
    int vocabSize,
    int hiddenSize,
    int numLayers,
    int numHeads,
    int intermediateSize,
    int maxPositions,
    int typeVocabSize,
    float layerNormEps,
    String hiddenAct,
    float hiddenDropout,
    float attentionDropout,
    int padTokenId,
    boolean hasPooler,
    boolean hasMlmHead)
    implements Serializable {

  public enum Family {
    BERT,
    ROBERTA
  }

  public BertConfig {
    if (hiddenSize % numHeads != 0) {
      throw new IllegalArgumentException(
          "hidden_size " + hiddenSize + " is not a multiple of num_attention_heads " + numHeads);
    }
    if (!hiddenAct.equals("gelu") && !hiddenAct.equals("gelu_tanh")) {
      throw new IllegalArgumentException("hidden_act must be gelu or gelu_tanh, got " + hiddenAct);
    }
  }

  public int headDim() {
    return hiddenSize / numHeads;
  }

  /** First position id of a real token (RoBERTa reserves 0..padTokenId). */
  public int positionOffset() {
    return family == Family.ROBERTA ? padTokenId + 1 : 0;
  }

  /** Parameters of the encoder without pooler and MLM head (embeddings + layers). */
  public long encoderParameterCount() {
    long h = hiddenSize;
    long embeddings = (long) (vocabSize + maxPositions + typeVocabSize) * h + 2 * h;
    long attention = 4 * (h * h + h) + 2 * h;
    long ffn = h * intermediateSize + intermediateSize + intermediateSize * h + h + 2 * h;
    return embeddings + numLayers * (attention + ffn);
  }

  public BertConfig withDropout(float hidden, float attention) {
    return new BertConfig(
        family, vocabSize, hiddenSize, numLayers, numHeads, intermediateSize, maxPositions,
        typeVocabSize, layerNormEps, hiddenAct, hidden, attention, padTokenId, hasPooler,
        hasMlmHead);
  }
}
