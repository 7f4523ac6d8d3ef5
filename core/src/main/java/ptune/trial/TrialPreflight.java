package ptune.trial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ptune.backbone.BackboneRegistry;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.tasks.TaskDefinition;
import ptune.tasks.TaskRegistry;
import ptune.method.MethodDefinition;
import ptune.method.PromptConfig;
import ptune.method.PromptPlacement;
import ptune.method.TuningMethods;
import ptune.model.BertConfig;
import ptune.model.Precision;

/**
 * What {@link PromptTuningTrialRunner} checks on the driver before any trial starts: the names
 * against their registries (task, method, backbone), the data files the trial reads, the prompt
 * a prompt method needs, and that the input plus the prompt fit the backbone's position table.
 * Value ranges that hold for every method (lr > 0, batch_size >= 1, ...) are the sweep config's.
 */
public final class TrialPreflight {

  private TrialPreflight() {}

  public static void check(TrialSpec spec, Path dataDir) {
    Task task = task(spec);
    MethodDefinition method = method(spec);
    BertConfig backbone = architecture(spec);
    checkPrompt(spec, method, backbone);
    checkPositions(spec, method, task, backbone);
    if (task.kind() == TaskKind.SPAN_EXTRACTION) {
      checkStride(spec, task);
    }
    try {
      TrialHyperparameters.head(spec);
    } catch (IllegalArgumentException e) {
      throw new InvalidTrialException("head", e.getMessage());
    }
    checkPrecision(spec, method);
    if (spec.taskDefinition() == null) {
      checkDataFiles(task, dataDir); // a declared task's files: jobs' DeclaredTaskCheck, once per task
    }
  }

  /**
   * The task, for its kind and files: a declared task's labels are not read here (the sweep reads
   * and checks them once per task, {@code jobs: SweepPreflight}).
   */
  private static Task task(TrialSpec spec) {
    if (spec.taskDefinition() != null) {
      TaskDefinition definition = spec.taskDefinition();
      return definition.withLabels(definition.labels() == null ? List.of() : definition.labels()).task();
    }
    try {
      return TaskRegistry.get(spec.task());
    } catch (IllegalArgumentException e) {
      throw new InvalidTrialException("task", e.getMessage());
    }
  }

  private static MethodDefinition method(TrialSpec spec) {
    try {
      return TuningMethods.get(spec.method());
    } catch (IllegalArgumentException e) {
      throw new InvalidTrialException("method", e.getMessage());
    }
  }

  private static BertConfig architecture(TrialSpec spec) {
    try {
      return BackboneRegistry.architecture(spec.backbone());
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw new InvalidTrialException("backbone", "cannot load backbone '" + spec.backbone() + "': "
          + e.getMessage(), e);
    }
  }

  /**
   * A QA window holds [CLS] question [SEP] context [SEP]; each next window starts doc_stride
   * context tokens before the previous one ends, so the context part must be longer than the
   * stride. Checked here without any question (each question's own length is checked as it is
   * encoded), which already catches a max_len lowered below the stride.
   */
  private static void checkStride(TrialSpec spec, Task task) {
    int maxLength = TrialHyperparameters.maxLength(spec, task.kind());
    int stride = TrialHyperparameters.docStride(spec);
    if (stride >= maxLength - 3) {
      throw new InvalidTrialException("doc_stride", "doc_stride " + stride + " leaves no context in windows of max_len "
          + maxLength + " (3 special tokens and the question come first): make doc_stride smaller than max_len - 3"
          + " minus the longest question's tokens (the official recipe: max_len 384, doc_stride 128)");
    }
  }

  /** bf16 is for frozen weights: a method that trains the backbone would silently stay fp32. */
  private static void checkPrecision(TrialSpec spec, MethodDefinition method) {
    Precision precision;
    try {
      precision = TrialHyperparameters.precision(spec);
    } catch (IllegalArgumentException e) {
      throw new InvalidTrialException("precision", e.getMessage());
    }
    if (precision == Precision.BF16 && method.tunesBackbone()) {
      throw new InvalidTrialException("precision", "bf16 multiplies a frozen backbone's weights;"
          + " method " + spec.method() + " trains the backbone: use fp32 for it (e.g. an override"
          + " for method " + spec.method() + ")");
    }
  }

  /** A prompt method without a prompt would silently be "train the head only". */
  private static void checkPrompt(TrialSpec spec, MethodDefinition method, BertConfig config) {
    if (method.prompt() == PromptPlacement.NONE) {
      return;
    }
    PromptConfig prompt = TrialHyperparameters.prompt(spec, config.numLayers());
    int length = prompt.length();
    if (length < 1) {
      throw new InvalidTrialException("prefix_len", "must be >= 1 for method " + spec.method()
          + " (0 would train only the head, another method), got " + length);
    }
    if (method.prompt() == PromptPlacement.EVERY_LAYER) {
      int depth = prompt.depth();
      if (depth < 1 || depth > config.numLayers()) {
        throw new InvalidTrialException("prefix_depth", "must be between 1 and the backbone's "
            + config.numLayers() + " layers for " + spec.method() + ", got " + depth);
      }
    }
  }

  /**
   * The positions a trial uses are its input ({@code max_len}) plus the prompt tokens the method
   * puts in front ({@link PromptPlacement#positionsUsed}: pt always, pt2 when {@code
   * shift_positions}); RoBERTa numbers positions from {@code pad + 1}.
   */
  private static void checkPositions(TrialSpec spec, MethodDefinition method, Task task,
      BertConfig config) {
    int maxLength = TrialHyperparameters.maxLength(spec, task.kind());
    int prompt = method.prompt().positionsUsed(TrialHyperparameters.prompt(spec, config.numLayers()));
    int used = maxLength + prompt;
    int offset = config.family() == BertConfig.Family.ROBERTA ? config.padTokenId() + 1 : 0;
    int limit = config.maxPositions() - offset;
    if (used > limit) {
      String key = Hyperparameters.MAX_LEN.isSetIn(spec) || prompt == 0 ? "max_len" : "prefix_len";
      throw new InvalidTrialException(key, "max_len " + maxLength
          + (prompt > 0 ? " + prefix_len " + prompt + " = " + used : "")
          + " exceeds the " + limit + " positions of backbone " + spec.backbone()
          + (task.kind() == TaskKind.SPAN_EXTRACTION && !Hyperparameters.MAX_LEN.isSetIn(spec)
              ? " (max_len defaults to " + maxLength + " for QA)" : ""));
    }
  }

  /**
   * Train and dev are read by every trial, test by the trials of a task whose test split is
   * labelled (scored at the best dev epoch): each file must exist and hold something.
   */
  private static void checkDataFiles(Task task, Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      throw new InvalidTrialException(InvalidTrialException.DATA_DIR, dataDir.toAbsolutePath()
          + " is not a directory (the raw datasets root; bin/ptune fetch-data fills one)");
    }
    List<Split> splits = task.labelledTest() ? List.of(Split.TRAIN, Split.DEV, Split.TEST)
        : List.of(Split.TRAIN, Split.DEV);
    for (Split split : splits) {
      for (Path file : task.paths(split, dataDir)) {
        if (!Files.isRegularFile(file)) {
          throw new InvalidTrialException(InvalidTrialException.DATA_DIR, "task " + task.name() + ", "
              + split.lowerName() + " split: missing data file " + file.toAbsolutePath());
        }
        try {
          if (Files.size(file) == 0) {
            throw new InvalidTrialException(InvalidTrialException.DATA_DIR, file.toAbsolutePath()
                + ": empty, no records (task " + task.name() + ", " + split.lowerName() + " split)");
          }
        } catch (IOException e) {
          throw new InvalidTrialException(InvalidTrialException.DATA_DIR, file.toAbsolutePath()
              + ": cannot read: " + e.getMessage(), e);
        }
      }
    }
  }
}
