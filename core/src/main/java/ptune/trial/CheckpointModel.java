package ptune.trial;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import ptune.backbone.Backbone;
import ptune.backbone.BackboneCache;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.Example;
import ptune.dataset.Task;
import ptune.encoding.AnswerDecoder;
import ptune.encoding.EncodedSplit;
import ptune.features.SpanPrediction;
import ptune.metrics.Evaluation;
import ptune.metrics.Predictions;
import ptune.trainer.Trainer;
import ptune.trainer.TrainerConfig;

/**
 * A saved prompt loaded onto its backbone, ready to score examples: the model, the method and the
 * head built the way the trial built them ({@link TrialModel}), with every trainable value
 * restored from the checkpoint. Scoring is serialized: one model serves one
 * caller at a time.
 */
public final class CheckpointModel implements AutoCloseable {
  private final PromptCheckpoint checkpoint;
  private final TrialSpec spec;
  private final Task task;
  private final Backbone backbone;
  private final TaskSetup setup;
  private final TrainerConfig config;
  private final NDManager manager;
  private Trainer trainer; // built with the head on the first scored examples (multiple choice
                           // reads its number of choices from an encoded row)

  private CheckpointModel(PromptCheckpoint checkpoint, TrialSpec spec, Backbone backbone,
      String device) {
    this.checkpoint = checkpoint;
    this.spec = spec;
    this.task = spec.definitionOfTask().task(); // a declared task's checkpoint holds its labels: no files read
    this.backbone = backbone;
    this.setup = new TaskSetup(task, spec, backbone);
    this.config = TrialHyperparameters.trainer(spec, setup.sequenceLabeling());
    this.manager = NDManager.newBaseManager(TrialDevice.of(device));
  }

  /**
   * @param backboneName null for the backbone the checkpoint records; any other backbone than the
   *     one the prompt was trained on is refused (a prompt means something only on its weights)
   * @param device "cpu" or "gpu:N"
   */
  public static CheckpointModel open(PromptCheckpoint checkpoint, String backboneName,
      String device) {
    TrialSpec spec = TrialCheckpoint.specOf(checkpoint);
    String name = backboneName == null ? spec.backbone() : backboneName;
    Backbone backbone;
    try {
      backbone = BackboneCache.get(name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load backbone " + name, e);
    }
    checkpoint.checkBackbone(backbone);
    return new CheckpointModel(checkpoint, spec, backbone, device);
  }

  public Task task() {
    return task;
  }

  public TrialSpec spec() {
    return spec;
  }

  /** The task's official metrics on labelled examples, as the trial scored its dev split. */
  public synchronized Evaluation evaluate(List<Example> examples) {
    EncodedSplit split = encode(examples);
    return new SplitScorer(task, split, trainer(split), config, manager).evaluate();
  }

  /**
   * The head's raw outputs and the decoded predictions on (possibly unlabelled) examples.
   * Classification: per example its C logits and the argmax class; tagging: per sentence its
   * T x L logits and the tags of the words truncation kept; QA: per question the chosen span.
   */
  public synchronized Scored score(List<Example> examples) {
    EncodedSplit split = encode(examples);
    float[][] scores = trainer(split).scores(split.rows(), config.evalBatchSize(), manager);
    List<SpanPrediction> spans = split.decoder() instanceof AnswerDecoder answers
        ? answers.spans(scores) : List.of();
    return new Scored(split.examples(), scores, split.decoder().decode(scores), spans);
  }

  /**
   * @param examples the examples scored (tagging: cut to the words truncation kept)
   * @param scores per encoder row (QA: per window)
   * @param spans QA: the chosen span of every question, in order; empty for other kinds
   */
  public record Scored(List<Example> examples, float[][] scores, Predictions predictions,
      List<SpanPrediction> spans) {}

  private EncodedSplit encode(List<Example> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no examples to score");
    }
    return setup.encoder().encode(examples);
  }

  private Trainer trainer(EncodedSplit split) {
    if (trainer == null) {
      trainer = TrialModel.restore(checkpoint, spec, backbone, setup, split.rows().get(0), manager)
          .trainer();
    }
    return trainer;
  }

  /**
   * Loads a saved prompt checkpoint onto a backbone and scores it on the dev examples its trial
   * used.
   *
   * @param backboneName null for the backbone the checkpoint records; any other backbone than the
   *     one the prompt was trained on is refused
   */
  public static Evaluation evaluateOnDev(Path checkpointDir, String backboneName, Path dataDir,
      String device) throws IOException {
    PromptCheckpoint checkpoint = PromptCheckpoint.load(checkpointDir);
    try (CheckpointModel model = open(checkpoint, backboneName, device)) {
      TrialSplits splits = TrialSplits.load(model.spec(), model.task(), dataDir, false);
      return model.evaluate(splits.dev());
    }
  }

  @Override
  public synchronized void close() {
    manager.close();
  }
}
