package ptune.trial;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import ptune.backbone.Backbone;
import ptune.checkpoint.PromptCheckpoint;
import ptune.head.TaskHead;
import ptune.method.PromptConfig;
import ptune.method.TuningMethod;
import ptune.method.TuningMethods;
import ptune.model.BertModel;
import ptune.model.Precision;
import ptune.trainer.EncodedExample;
import ptune.trainer.Trainer;

/**
 * The backbone model, the tuning method, the task head and the trainer over them, built from a
 * trial's spec the same way for training and for a loaded checkpoint. The order of construction
 * is fixed: the method draws its initial values from {@code init} before the head does.
 */
record TrialModel(BertModel model, TuningMethod method, TaskHead head, Trainer trainer) {

  /**
   * A new model for training, its trainable values drawn from {@code init}.
   *
   * @param firstRow any encoded example (multiple choice reads its number of choices)
   */
  static TrialModel build(TrialSpec spec, Backbone backbone, TaskSetup setup,
      EncodedExample firstRow, NDManager manager, Random init) {
    return build(spec, backbone, setup, firstRow, manager, init, false);
  }

  /**
   * The model a checkpoint was saved from, every trainable value restored from it. A folded prompt
   * (the table its MLP generated) is loaded into the method built without the MLP.
   */
  static TrialModel restore(PromptCheckpoint checkpoint, TrialSpec spec, Backbone backbone,
      TaskSetup setup, EncodedExample firstRow, NDManager manager) {
    Random init = new Random(0); // every trainable value is overwritten from the checkpoint
    TrialModel restored = build(spec, backbone, setup, firstRow, manager, init,
        TrialCheckpoint.promptFolded(checkpoint));
    restored.trainer().restore(checkpoint.tensors());
    return restored;
  }

  private static TrialModel build(TrialSpec spec, Backbone backbone, TaskSetup setup,
      EncodedExample firstRow, NDManager manager, Random init, boolean foldedPrompt) {
    float dropout = TrialHyperparameters.dropout(spec);
    BertModel model = backbone.newModel(manager, dropout, dropout);
    PromptConfig prompt = TrialHyperparameters.prompt(spec, model.config().numLayers());
    TuningMethod method = TuningMethods.create(spec.method(), model,
        foldedPrompt ? prompt.withoutProjection() : prompt, manager, init);
    if (TrialDevice.precision(spec, manager.getDevice()) == Precision.BF16) {
      model.multiplyFrozenWeightsInBf16(manager); // the method has frozen the backbone
    }
    TaskHead head = setup.head(model, firstRow, dropout, manager, init);
    return new TrialModel(model, method, head,
        new Trainer(model, method, head, backbone.tokenizer().padId()));
  }

  /** The backbone's parameters, plus what trains beside them when the backbone is frozen. */
  long totalParameters(String methodName) {
    return model.parameterCount()
        + (TuningMethods.get(methodName).tunesBackbone() ? 0 : trainer.trainable().count());
  }
}
