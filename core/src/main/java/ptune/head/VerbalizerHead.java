package ptune.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import ptune.method.TuningMethod;
import ptune.model.BertModel;
import ptune.model.EncoderInputs;
import ptune.model.TrainableParameters;

/**
 * The paper's verbalizer ablation: instead of a new linear head on [CLS], the input carries one
 * [MASK] token and each class is scored by the backbone's own masked-LM logit of its label word at
 * that position ("yes" / "no" / "maybe" for entailment, "great" / "terrible" for sentiment). The
 * MLM head is pretrained and stays frozen, so this head adds no parameters.
 */
public final class VerbalizerHead implements TaskHead {
  private final TrainableParameters parameters = new TrainableParameters();
  private final long[] labelWordIds;
  private final int maskId;

  /**
   * @param labelWordIds one vocabulary id per class, in class order
   * @param maskId the tokenizer's [MASK] id; every input row holds exactly one
   */
  public VerbalizerHead(BertModel model, String backboneName, int[] labelWordIds, int maskId) {
    if (!model.hasMlmHead()) {
      throw new IllegalArgumentException("head=verbalizer scores label words with the backbone's"
          + " masked-LM head, and backbone '" + backboneName + "' has none; use one with an MLM"
          + " head (bert-base-uncased) or head=classifier");
    }
    this.labelWordIds = Arrays.stream(labelWordIds).asLongStream().toArray();
    this.maskId = maskId;
  }

  @Override
  public TrainableParameters parameters() {
    return parameters;
  }

  /** [B, C]: the MLM logit of each class's label word at the [MASK] position. */
  @Override
  public NDArray logits(BertModel model, TuningMethod method, EncoderInputs in, boolean training) {
    NDArray hidden = method.encode(model, in, training); // [B, T, H]
    NDArray atMask = in.inputIds().eq(maskId).toType(DataType.FLOAT32, false).expandDims(-1);
    NDArray maskHidden = hidden.mul(atMask).sum(new int[] {1}, true); // [B, 1, H]
    NDArray vocabLogits = model.mlmLogits(maskHidden).squeeze(1); // [B, V]
    long batch = vocabLogits.getShape().get(0);
    NDArray columns = vocabLogits.getManager().create(labelWordIds).expandDims(0)
        .repeat(0, batch); // [B, C]
    return vocabLogits.gather(columns, 1);
  }

  @Override
  public NDArray loss(BertModel model, TuningMethod method, EncoderInputs in, NDArray labels,
      boolean training) {
    return CrossEntropy.mean(logits(model, method, in, training),
        labels.toType(DataType.INT64, false));
  }
}
