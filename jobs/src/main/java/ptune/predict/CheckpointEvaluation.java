package ptune.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import ptune.checkpoint.PromptCheckpoint;
import ptune.dataset.Example;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.ReadOptions;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Split;
import ptune.dataset.Subsample;
import ptune.dataset.Task;
import ptune.tasks.TaskRegistry;
import ptune.metrics.Evaluation;
import ptune.metrics.TaskEvaluator;
import ptune.trial.CheckpointModel;
import ptune.trial.TrialCheckpoint;

/**
 * Scores a saved prompt on a whole labelled split, or on a file in a task's format, with every
 * metric of its kind. The examples may come from another task than the checkpoint's, when its
 * labels match or are mapped ({@link LabelMapping}). Everything that can be checked (checkpoint,
 * backbone, task, labels, file) is checked before the model is built.
 */
public final class CheckpointEvaluation {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * @param task the task whose format and labels the examples have; null for the checkpoint's
   * @param split the split of {@code task} to score; ignored when {@code file} is set
   * @param file any Hadoop path of a file in {@code task}'s format; null to score {@code split}
   * @param maxExamples a seeded sample of this many examples; 0 for all
   * @param labelMap declared label mapping, {@code a=b,c=d}; null for none
   * @param backbone null for the backbone the checkpoint records
   */
  public record Request(String checkpoint, String task, Split split, String file, int maxExamples,
      String labelMap, String backbone, Path dataDir, String device) {}

  /** @param source the split's name or the file scored */
  public record Result(String checkpoint, String checkpointTask, String task, String source,
      int examples, Map<String, String> labelMap, Map<String, Double> metrics,
      String selectionMetric) {

    public double selectionScore() {
      return metrics.get(selectionMetric);
    }
  }

  private CheckpointEvaluation() {}

  public static Result run(Request request, Configuration conf) {
    PromptCheckpoint checkpoint = CheckpointSource.load(request.checkpoint(), conf);
    Task checkpointTask = TrialCheckpoint.specOf(checkpoint).definitionOfTask().task(); // with its labels
    Task task = request.task() == null ? checkpointTask : TaskRegistry.get(request.task());
    Map<String, String> declared = LabelMapping.parse(request.labelMap());
    LabelMapping mapping = LabelMapping.between(task, checkpointTask, declared);
    String source;
    List<Example> examples;
    try {
      if (request.file() != null) {
        source = request.file();
        examples = task.reader().read(HadoopInput.local(request.file(), "input file", conf),
            ReadOptions.STRICT).examples();
      } else {
        source = request.split().lowerName();
        List<Path> missing = task.paths(request.split(), request.dataDir()).stream()
            .filter(p -> !java.nio.file.Files.isRegularFile(p)).toList();
        if (!missing.isEmpty()) {
          throw new IllegalArgumentException("task " + task.name() + ", " + source
              + " split: missing data file(s) " + missing + " (--data-dir, or --file)");
        }
        examples = task.load(request.split(), request.dataDir()).examples();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + request.file() + ": " + e.getMessage(), e);
    }
    if (examples.isEmpty()) {
      throw new IllegalArgumentException(source + ": no examples of task " + task.name());
    }
    requireGold(examples, task, source);
    if (request.maxExamples() > 0) {
      examples = Subsample.upTo(examples, request.maxExamples(), new Random(0));
    }
    List<Example> gold = mapping.apply(task, examples);
    try (CheckpointModel model = CheckpointModel.open(checkpoint, request.backbone(),
        request.device())) {
      CheckpointModel.Scored scored = model.score(gold);
      // Every metric of the kind, beside the task's official ones.
      Evaluation evaluation = TaskEvaluator.evaluate(checkpointTask, scored.examples(), scored.predictions());
      return new Result(request.checkpoint(), checkpointTask.name(), task.name(), source,
          examples.size(), declared, evaluation.metrics(), evaluation.selectionKey());
    }
  }

  /** Test splits of GLUE and SuperGLUE carry no labels: there is nothing to score them against. */
  private static void requireGold(List<Example> examples, Task task, String source) {
    for (Example e : examples) {
      boolean unlabelled = e instanceof SentencePairExample pair && !pair.label().isPresent()
          || e instanceof MultipleChoiceExample choice
              && choice.label() == MultipleChoiceExample.NO_LABEL;
      if (unlabelled) {
        throw new IllegalArgumentException(source + ": example " + e.id() + " of task "
            + task.name() + " has no gold label; evaluate needs labelled examples (predict scores"
            + " unlabelled ones)");
      }
    }
  }

  /** Writes the result as JSON to any Hadoop path. */
  public static void write(Result result, String path, Configuration conf) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("checkpoint", result.checkpoint());
    json.put("checkpoint_task", result.checkpointTask());
    json.put("task", result.task());
    json.put("source", result.source());
    json.put("examples", result.examples());
    json.put("label_map", result.labelMap());
    json.put("selection_metric", result.selectionMetric());
    json.put("metrics", result.metrics());
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(path);
    FileSystem fs = out.getFileSystem(conf);
    try (OutputStream stream = fs.create(out, true)) {
      stream.write(JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8));
    }
  }
}
