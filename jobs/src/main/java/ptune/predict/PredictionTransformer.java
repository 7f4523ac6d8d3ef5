package ptune.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.LabelSet;
import ptune.dataset.SentencePairExample;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.tasks.TaskDefinition;
import ptune.dataset.TokenTaggingExample;
import ptune.features.SpanPrediction;
import ptune.metrics.Predictions;
import ptune.trial.CheckpointModel;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Spark ML stage that applies a prompt checkpoint to examples on the executors, in the shape of
 * DJL's Spark extension: a {@link Transformer} whose partitions are scored by one model per
 * executor ({@link ExecutorModels}), in batches. Input: {@link PredictionInput#SCHEMA}. Output,
 * classification: {@code id}, {@code label}, {@code label_index} and {@code probabilities} (label
 * to softmax probability); tagging: {@code id}, {@code words} and {@code tags} (one per word the
 * encoder's maximum length kept); span QA: {@code id}, {@code answer} (empty for none), its
 * {@code start} and {@code end} character offsets in the context (-1 for none) and its
 * {@code score} (start plus end logit).
 */
public final class PredictionTransformer extends Transformer {

  static final StructType CLASSIFICATION = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, false)
      .add("label_index", DataTypes.IntegerType, false)
      .add("probabilities",
          DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false);

  static final StructType TAGGING = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("words", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false);

  static final StructType ANSWERS = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("answer", DataTypes.StringType, false)
      .add("start", DataTypes.IntegerType, false)
      .add("end", DataTypes.IntegerType, false)
      .add("score", DataTypes.DoubleType, false);

  /** Examples per call of the model: enough to fill its evaluation batches. */
  private static final int CHUNK = 256;

  private final String uid;
  private final Broadcast<CheckpointPayload> checkpoint;
  private final TaskDefinition task;
  private final String backbone;

  /**
   * @param task the checkpoint's task (with its labels)
   * @param backbone null for the checkpoint's own
   */
  PredictionTransformer(Broadcast<CheckpointPayload> checkpoint, TaskDefinition task,
      String backbone) {
    this(Identifiable$.MODULE$.randomUID("ptunePredict"), checkpoint, task, backbone);
  }

  private PredictionTransformer(String uid, Broadcast<CheckpointPayload> checkpoint,
      TaskDefinition task, String backbone) {
    this.uid = uid;
    this.checkpoint = checkpoint;
    this.task = task;
    this.backbone = backbone;
  }

  /** The kinds predict writes, checked on the driver before any job runs. */
  static void requireSupported(Task task) {
    boolean classes = task.kind() == TaskKind.SEQUENCE_CLASSIFICATION && task.labels().size() > 0;
    if (!classes && task.kind() != TaskKind.TOKEN_CLASSIFICATION
        && task.kind() != TaskKind.SPAN_EXTRACTION) {
      throw new IllegalArgumentException("predict writes classification, tagging and span QA"
          + " predictions;"
          + " task " + task.name() + " is " + task.kind());
    }
  }

  @Override
  public Dataset<Row> transform(Dataset<?> input) {
    StructType out = transformSchema(input.schema());
    Broadcast<CheckpointPayload> checkpoint = this.checkpoint;
    TaskDefinition task = this.task;
    String backbone = this.backbone;
    JavaRDD<Row> rows = input.toDF().toJavaRDD().mapPartitions(partition -> {
      CheckpointModel model = ExecutorModels.get(checkpoint.value(), backbone);
      return new ScoredRows(partition, model, task.task());
    });
    return input.sparkSession().createDataFrame(rows, out);
  }

  /** Scores a partition chunk by chunk, so a large partition never sits in memory whole. */
  private static final class ScoredRows implements Iterator<Row> {
    private final Iterator<Row> input;
    private final CheckpointModel model;
    private final Task task;
    private Iterator<Row> chunk = java.util.Collections.emptyIterator();

    ScoredRows(Iterator<Row> input, CheckpointModel model, Task task) {
      this.input = input;
      this.model = model;
      this.task = task;
    }

    @Override
    public boolean hasNext() {
      while (!chunk.hasNext() && input.hasNext()) {
        List<Example> examples = new ArrayList<>(CHUNK);
        while (examples.size() < CHUNK && input.hasNext()) {
          examples.add(example(input.next(), task));
        }
        chunk = rows(model.score(examples), examples, task.labels()).iterator();
      }
      return chunk.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return chunk.next();
    }
  }

  private static Example example(Row r, Task task) {
    String id = r.getString(0);
    if (task.kind() == TaskKind.TOKEN_CLASSIFICATION) {
      List<String> words = strings(r.get(3));
      // Prediction reads no gold tags, but the tagging encoder takes one per word: the label set's
      // first tag stands in for each, and predictions never look at it.
      List<String> placeholder = java.util.Collections.nCopies(words.size(), task.labels().name(0));
      return new TokenTaggingExample(id, words, placeholder, TokenTaggingExample.NO_PREDICATE);
    }
    if (task.kind() == TaskKind.SPAN_EXTRACTION) {
      return new SpanExtractionExample(id, r.getString(1), r.getString(2), List.of(), false);
    }
    return new SentencePairExample(id, r.getString(1), r.isNullAt(2) ? null : r.getString(2),
        Label.UNLABELED);
  }

  private static List<Row> rows(CheckpointModel.Scored scored, List<Example> input,
      LabelSet labels) {
    List<Row> out = new ArrayList<>(input.size());
    if (scored.predictions() instanceof Predictions.Tags tags) {
      for (int i = 0; i < input.size(); i++) {
        TokenTaggingExample e = (TokenTaggingExample) input.get(i);
        out.add(RowFactory.create(e.id(), e.words().toArray(new String[0]),
            tags.tags().get(i).toArray(new String[0])));
      }
      return out;
    }
    if (scored.predictions() instanceof Predictions.Answers) {
      for (SpanPrediction span : scored.spans()) {
        int end = span.charStart() < 0 ? -1 : span.charStart() + span.text().length();
        out.add(RowFactory.create(span.exampleId(), span.text(), span.charStart(), end,
            span.score()));
      }
      return out;
    }
    Predictions.Classes classes = (Predictions.Classes) scored.predictions();
    for (int i = 0; i < input.size(); i++) {
      double[] p = softmax(scored.scores()[i]);
      Map<String, Double> probabilities = new LinkedHashMap<>();
      for (int c = 0; c < p.length; c++) {
        probabilities.put(labels.name(c), p[c]);
      }
      int label = classes.labels()[i];
      out.add(RowFactory.create(input.get(i).id(), labels.name(label), label,
          JavaConverters.mapAsScalaMap(probabilities)));
    }
    return out;
  }

  static double[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : logits) {
      max = Math.max(max, v);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int c = 0; c < p.length; c++) {
      p[c] = Math.exp(logits[c] - max);
      sum += p[c];
    }
    for (int c = 0; c < p.length; c++) {
      p[c] /= sum;
    }
    return p;
  }

  private static List<String> strings(Object column) {
    if (column instanceof Seq<?> seq) {
      return JavaConverters.seqAsJavaList(seq).stream().map(String.class::cast).toList();
    }
    if (column instanceof List<?> list) {
      return list.stream().map(String.class::cast).toList();
    }
    return Arrays.asList((String[]) column);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!Arrays.asList(schema.fieldNames()).containsAll(Arrays.asList(
        PredictionInput.SCHEMA.fieldNames()))) {
      throw new IllegalArgumentException("prediction transformer " + uid + ": input "
          + schema.simpleString() + " lacks columns of " + PredictionInput.SCHEMA.simpleString());
    }
    return switch (task.kind()) {
      case TOKEN_CLASSIFICATION -> TAGGING;
      case SPAN_EXTRACTION -> ANSWERS;
      default -> CLASSIFICATION;
    };
  }

  @Override
  public PredictionTransformer copy(ParamMap extra) {
    return new PredictionTransformer(uid, checkpoint, task, backbone);
  }

  @Override
  public String uid() {
    return uid;
  }
}
