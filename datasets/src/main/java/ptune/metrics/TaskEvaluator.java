package ptune.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.dataset.Example;
import ptune.dataset.Label;
import ptune.dataset.MultipleChoiceExample;
import ptune.dataset.PairSource;
import ptune.dataset.SentencePairExample;
import ptune.dataset.SpanExtractionExample;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.dataset.TokenTaggingExample;

/**
 * The single entry point for scoring: a task's gold examples and the model's predictions give every
 * official metric of that task, plus its selection key. Metric sets follow the official code: CB
 * reports accuracy and macro F1, MRPC/QQP accuracy and F1, CoLA Matthews correlation, STS-B Pearson
 * and Spearman, MultiRC F1a/EM/F1m, ReCoRD F1/EM, SQuAD EM/F1, NER seqeval P/R/F1, SRL argument
 * P/R/F1 without the verb.
 */
public final class TaskEvaluator {

  private TaskEvaluator() {}

  /** The task's official metrics, then the other metrics of its kind ({@link #kindMetrics}). */
  public static Evaluation evaluate(Task task, List<? extends Example> gold, Predictions predictions) {
    Map<String, Double> metrics = metrics(task, gold, predictions);
    if (task.kind() == TaskKind.SEQUENCE_CLASSIFICATION && predictions instanceof Predictions.Classes classes) {
      // Official keys keep their official meaning (CB's "f1" is macro-F1, MRPC's the F1 of class 1).
      int[] predicted = classes.labels();
      int[] expected = goldClasses(gold);
      metrics.putIfAbsent("accuracy", ClassificationMetrics.accuracy(predicted, expected));
      metrics.putIfAbsent("macro_f1", ClassificationMetrics.macroF1(predicted, expected));
      metrics.putIfAbsent("mcc", ClassificationMetrics.matthews(predicted, expected));
      if (task.labels().size() == 2) {
        metrics.putIfAbsent("f1", ClassificationMetrics.f1(predicted, expected, 1));
      }
    }
    return new Evaluation(metrics, task.selectionMetric());
  }

  /**
   * The metrics every task of a kind is scored with, beside its official ones, so that any of them
   * can select a declared task's best epoch: accuracy, macro-F1 and Matthews correlation for every
   * classification task (and "f1", the F1 of class 1, when it has two classes and no official f1),
   * Pearson and Spearman for regression, entity precision, recall and F1 for tagging, exact match
   * and F1 for span QA, accuracy for multiple choice.
   */
  public static List<String> kindMetrics(TaskKind kind) {
    return switch (kind) {
      case SEQUENCE_CLASSIFICATION -> List.of("accuracy", "macro_f1", "mcc", "f1");
      case REGRESSION -> List.of("pearson", "spearmanr");
      case TOKEN_CLASSIFICATION -> List.of("f1", "precision", "recall");
      case SPAN_EXTRACTION -> List.of("f1", "exact_match");
      case MULTIPLE_CHOICE -> List.of("accuracy");
    };
  }

  private static Map<String, Double> metrics(Task task, List<? extends Example> gold, Predictions predictions) {
    switch (task.name()) {
      case "multirc" -> {
        return MultiRcMetrics.score(
            classes(predictions, gold.size()), goldClasses(gold),
            pairs(gold).stream().map(p -> ((PairSource.MultiRcSource) p.source()).questionGroup()).toList());
      }
      case "record" -> {
        return RecordMetrics.score(
            pairs(gold).stream().map(p -> (PairSource.RecordSource) p.source()).toList(),
            scores(predictions, gold.size()));
      }
      case "conll05", "conll12" -> {
        // SRL: argument spans, the predicate's own "V" span is not scored (as the official eval).
        return SpanF1.score(tags(predictions, gold.size()), goldTags(gold), type -> !type.equals("V"));
      }
      default -> { }
    }
    return switch (task.kind()) {
      case REGRESSION -> {
        double[] predicted = scores(predictions, gold.size());
        double[] expected = pairs(gold).stream().mapToDouble(p -> ((Label.Score) p.label()).value()).toArray();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("pearson", Correlation.pearson(predicted, expected));
        metrics.put("spearmanr", Correlation.spearman(predicted, expected));
        yield withCombinedScore(metrics);
      }
      case SPAN_EXTRACTION -> SquadMetrics.score(
          gold.stream().map(SpanExtractionExample.class::cast).toList(), answers(predictions));
      case TOKEN_CLASSIFICATION -> SpanF1.score(tags(predictions, gold.size()), goldTags(gold), type -> true);
      case SEQUENCE_CLASSIFICATION, MULTIPLE_CHOICE ->
          classificationMetrics(task.name(), classes(predictions, gold.size()), goldClasses(gold));
    };
  }

  private static Map<String, Double> classificationMetrics(String task, int[] predicted, int[] gold) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", ClassificationMetrics.accuracy(predicted, gold));
    switch (task) {
      case "cb" -> metrics.put("f1", ClassificationMetrics.macroF1(predicted, gold));
      case "mrpc", "qqp" -> metrics.put("f1", ClassificationMetrics.f1(predicted, gold, 1));
      case "cola" -> metrics.put("mcc", ClassificationMetrics.matthews(predicted, gold));
      default -> { }
    }
    return withCombinedScore(metrics);
  }

  /**
   * The official GLUE/SuperGLUE code adds the mean of the metrics as "combined_score" when a task
   * reports more than one (CB, MRPC, QQP, STS-B); it is informational, never the selection key.
   */
  private static Map<String, Double> withCombinedScore(Map<String, Double> metrics) {
    if (metrics.size() > 1) {
      double mean = metrics.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      metrics.put("combined_score", mean);
    }
    return metrics;
  }

  private static List<SentencePairExample> pairs(List<? extends Example> gold) {
    return gold.stream().map(SentencePairExample.class::cast).toList();
  }

  private static int[] goldClasses(List<? extends Example> gold) {
    return gold.stream().mapToInt(TaskEvaluator::goldClass).toArray();
  }

  private static int goldClass(Example example) {
    if (example instanceof SentencePairExample pair) {
      return pair.label().index();
    }
    if (example instanceof MultipleChoiceExample choice && choice.label() != MultipleChoiceExample.NO_LABEL) {
      return choice.label();
    }
    throw new IllegalArgumentException("no gold class label on example " + example.id());
  }

  private static List<List<String>> goldTags(List<? extends Example> gold) {
    return gold.stream().map(e -> ((TokenTaggingExample) e).tags()).toList();
  }

  private static int[] classes(Predictions predictions, int expected) {
    if (predictions instanceof Predictions.Classes classes) {
      return checked(classes.labels().length, expected, classes.labels());
    }
    throw wrongKind(predictions, "Classes");
  }

  private static double[] scores(Predictions predictions, int expected) {
    if (predictions instanceof Predictions.Scores scores) {
      return checked(scores.values().length, expected, scores.values());
    }
    throw wrongKind(predictions, "Scores");
  }

  private static List<List<String>> tags(Predictions predictions, int expected) {
    if (predictions instanceof Predictions.Tags tags) {
      return checked(tags.tags().size(), expected, tags.tags());
    }
    throw wrongKind(predictions, "Tags");
  }

  private static Map<String, String> answers(Predictions predictions) {
    if (predictions instanceof Predictions.Answers answers) {
      return answers.textById();
    }
    throw wrongKind(predictions, "Answers");
  }

  private static <T> T checked(int actual, int expected, T value) {
    if (actual != expected) {
      throw new IllegalArgumentException(actual + " predictions for " + expected + " gold examples");
    }
    return value;
  }

  private static IllegalArgumentException wrongKind(Predictions predictions, String expected) {
    return new IllegalArgumentException(
        "expected " + expected + " predictions, got " + predictions.getClass().getSimpleName());
  }
}
