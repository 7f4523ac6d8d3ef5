package ptune.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import ptune.dataset.ArticleFold;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.dataset.glue.GlueColumns;
import ptune.dataset.ner.ConllColumnsReader;
import ptune.dataset.ner.TagScheme;
import ptune.dataset.srl.SrlLabels;

/**
 * All built-in tasks by their lower-case names, each a {@link TaskDefinition} (the same data a sweep
 * config declares its own tasks with). Label orders follow the Hugging Face datasets the official
 * code loads, so class indices mean the same thing as in P-tuning v2. File layouts follow the
 * official distributions (see shared/datasets/README.md); files that are not public here (BoolQ
 * train, ReCoRD, QNLI train, OntoNotes, CoNLL-2012, CoNLL-2005 WSJ) keep their official names so
 * they load once fetched.
 */
public final class TaskRegistry {

  private static final List<String> BOOLEAN = List.of("False", "True");
  private static final List<String> BINARY = List.of("0", "1");
  private static final List<String> ENTAILMENT = List.of("entailment", "not_entailment");

  private static final List<String> CONLL03 =
      List.of("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC");
  private static final List<String> CONLL04 =
      List.of("O", "B-Loc", "I-Loc", "B-Peop", "I-Peop", "B-Org", "I-Org", "B-Other", "I-Other");
  private static final List<String> ONTONOTES =
      bio("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "DATE", "TIME", "PERCENT",
          "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE");

  private static final Map<String, TaskDefinition> DEFINITIONS = buildDefaults();
  private static final Map<String, Task> TASKS = tasks(DEFINITIONS);

  private TaskRegistry() {}

  /** The task with its default input template (template 0 for WiC and WSC). */
  public static Task get(String name) {
    Task task = TASKS.get(name);
    if (task == null) {
      throw unknown(name);
    }
    return task;
  }

  /** The definition of a built-in task. */
  public static TaskDefinition definition(String name) {
    TaskDefinition definition = DEFINITIONS.get(name);
    if (definition == null) {
      throw unknown(name);
    }
    return definition;
  }

  public static boolean contains(String name) {
    return DEFINITIONS.containsKey(name);
  }

  private static IllegalArgumentException unknown(String name) {
    return new IllegalArgumentException("unknown task '" + name + "' (a dataset of your own: declare it under"
        + " task_definitions), known: " + DEFINITIONS.keySet());
  }

  /**
   * WiC and WSC with an explicit official template id (the released WiC BERT script uses 1); other
   * tasks have a single template.
   */
  public static Task get(String name, int templateId) {
    return switch (name) {
      case "wic", "wsc" -> templated(name, templateId).task();
      default -> {
        if (templateId != 0) {
          throw new IllegalArgumentException("task " + name + " has only template 0");
        }
        yield get(name);
      }
    };
  }

  public static List<String> names() {
    return List.copyOf(DEFINITIONS.keySet());
  }

  private static TaskDefinition templated(String name, int templateId) {
    return superglue(name, name.equals("wic") ? "WiC" : "WSC", BOOLEAN, "accuracy",
        new TaskFormat.Builtin(name, templateId));
  }

  private static Map<String, Task> tasks(Map<String, TaskDefinition> definitions) {
    Map<String, Task> tasks = new LinkedHashMap<>();
    definitions.forEach((name, definition) -> tasks.put(name, definition.task()));
    return Collections.unmodifiableMap(tasks);
  }

  private static Map<String, TaskDefinition> buildDefaults() {
    Map<String, TaskDefinition> tasks = new LinkedHashMap<>();
    List<String> cb = List.of("entailment", "contradiction", "neutral");
    List<String> mnli = List.of("entailment", "neutral", "contradiction");
    Stream.of(
            superglue("boolq", "BoolQ", BOOLEAN, "accuracy", pairFields("question", "passage")),
            superglue("cb", "CB", cb, "accuracy", pairFields("premise", "hypothesis")),
            superglue("rte", "RTE", ENTAILMENT, "accuracy", pairFields("premise", "hypothesis")),
            new TaskDefinition("copa", TaskKind.MULTIPLE_CHOICE, new TaskFormat.Builtin("copa", 0),
                superglueFiles("COPA"), List.of(), "accuracy", false, null),
            templated("wic", 0),
            templated("wsc", 0),
            // MultiRC writes its answer labels as 0/1, not booleans.
            superglue("multirc", "MultiRC", BINARY, "f1", new TaskFormat.Builtin("multirc", 0)),
            superglue("record", "ReCoRD", BINARY, "f1", new TaskFormat.Builtin("record", 0)),
            glue("sst2", "SST-2", GlueColumns.SST2, BINARY, "accuracy", "train", "dev", "test"),
            glue("mrpc", "MRPC", GlueColumns.MRPC, BINARY, "accuracy", "train", "dev", "test"),
            glue("cola", "CoLA", GlueColumns.COLA, BINARY, "mcc", "train", "dev", null),
            glue("qnli", "QNLI", GlueColumns.QNLI, ENTAILMENT, "accuracy", "train", "dev", "test"),
            glue("stsb", "STS-B", GlueColumns.STSB, List.of(), "pearson", "train", "dev", "test"),
            glue("qqp", "QQP", GlueColumns.QQP, BINARY, "accuracy", "train", "dev", "test"),
            glue("mnli", "MNLI", GlueColumns.MNLI, mnli, "accuracy", "train", "dev_matched", "test_matched"),
            glue("mnli-mm", "MNLI", GlueColumns.MNLI, mnli, "accuracy", "train", "dev_mismatched", "test_mismatched"),
            glue("wnli", "WNLI", GlueColumns.SENTENCE_PAIR, BINARY, "accuracy", "train", "dev", "test"),
            glue("glue-rte", "RTE", GlueColumns.SENTENCE_PAIR, ENTAILMENT, "accuracy", "train", "dev", "test"),
            // CoNLL-2003's release tags are IOB1; trials train on BIO, as P-tuning v2 does.
            tagging("conll03", CONLL03, new TaskFormat.Conll(ConllColumnsReader.Separator.SPACES, 0, 3, TagScheme.IOB1,
                    "-DOCSTART-"),
                "ner/conll2003/train.txt", "ner/conll2003/valid.txt", "ner/conll2003/test.txt"),
            tagging("conll04", CONLL04, new TaskFormat.Builtin("conll04", 0),
                "ner/conll2004/train.txt", "ner/conll2004/dev.txt", "ner/conll2004/test.txt"),
            tagging("ontonotes", ONTONOTES, new TaskFormat.Builtin("ontonotes", 0),
                "ner/ontonotes/train.gold_conll", "ner/ontonotes/development.gold_conll",
                "ner/ontonotes/test.gold_conll"),
            squad("squad", "qa/squad_v1.1/train-v1.1.json", "qa/squad_v1.1/dev-v1.1.json"),
            squad("squad2", "qa/squad_v2.0/train-v2.0.json", "qa/squad_v2.0/dev-v2.0.json"),
            squadDevSplit("squad-devsplit", "qa/squad_v1.1/dev-v1.1.json"),
            squadDevSplit("squad2-devsplit", "qa/squad_v2.0_reconstructed/dev-v2.0.json"),
            conll05(),
            tagging("conll12", SrlLabels.CONLL12.names(), new TaskFormat.Builtin("conll12", 0),
                "srl/conll2012/train.gold_conll", "srl/conll2012/development.gold_conll",
                "srl/conll2012/test.gold_conll"))
        .forEach(task -> tasks.put(task.name(), task));
    return Collections.unmodifiableMap(tasks);
  }

  /** SuperGLUE's JSON Lines layout: id "idx", label "label", two text fields. */
  private static TaskFormat pairFields(String first, String second) {
    return new TaskFormat.JsonLines("idx", first, second, "label", null);
  }

  private static Map<Split, List<String>> superglueFiles(String dir) {
    return Map.of(
        Split.TRAIN, List.of("superglue/" + dir + "/train.jsonl"),
        Split.DEV, List.of("superglue/" + dir + "/val.jsonl"),
        Split.TEST, List.of("superglue/" + dir + "/test.jsonl"));
  }

  private static TaskDefinition superglue(String name, String dir, List<String> labels, String metric,
      TaskFormat format) {
    return new TaskDefinition(name, TaskKind.SEQUENCE_CLASSIFICATION, format, superglueFiles(dir), labels, metric,
        false, null);
  }

  /** GLUE task; a null split file name means the split is not distributed (CoLA test). */
  private static TaskDefinition glue(String name, String dir, GlueColumns columns, List<String> labels,
      String metric, String train, String dev, String test) {
    Map<Split, List<String>> files = new EnumMap<>(Split.class);
    files.put(Split.TRAIN, List.of("glue/" + dir + "/" + train + ".tsv"));
    files.put(Split.DEV, List.of("glue/" + dir + "/" + dev + ".tsv"));
    if (test != null) {
      files.put(Split.TEST, List.of("glue/" + dir + "/" + test + ".tsv"));
    }
    TaskKind kind = labels.isEmpty() ? TaskKind.REGRESSION : TaskKind.SEQUENCE_CLASSIFICATION;
    return new TaskDefinition(name, kind, new TaskFormat.Tsv(columns), files, labels, metric, false, null);
  }

  /** NER and SRL releases carry their test tags: the paper reports test at the best dev epoch. */
  private static TaskDefinition tagging(String name, List<String> labels, TaskFormat format, String train,
      String dev, String test) {
    return new TaskDefinition(name, TaskKind.TOKEN_CLASSIFICATION, format,
        Map.of(Split.TRAIN, List.of(train), Split.DEV, List.of(dev), Split.TEST, List.of(test)), labels, "f1",
        true, null);
  }

  /** SQuAD has no public test set; the paper reports dev. */
  private static TaskDefinition squad(String name, String train, String dev) {
    return new TaskDefinition(name, TaskKind.SPAN_EXTRACTION, new TaskFormat.Squad(0),
        Map.of(Split.TRAIN, List.of(train), Split.DEV, List.of(dev)), List.of(), "f1", false, null);
  }

  /**
   * SQuAD without its train file (the shared datasets hold only the dev JSON): train on two thirds
   * of the dev file's articles, score on the other third ({@link ArticleFold}). Not comparable with
   * numbers trained on SQuAD's 87k training questions.
   */
  private static TaskDefinition squadDevSplit(String name, String file) {
    return new TaskDefinition(name, TaskKind.SPAN_EXTRACTION, new TaskFormat.Squad(0),
        Map.of(Split.TRAIN, List.of(file), Split.DEV, List.of(file)), List.of(), "f1", false, new ArticleFold(3));
  }

  /**
   * CoNLL-2005 in the release layout: train = WSJ sections 02-21, dev = section 24, test = the Brown
   * test set (the WSJ test set, section 23, needs Penn Treebank words and is not public).
   */
  private static TaskDefinition conll05() {
    String root = "srl/conll2005_public_brown/";
    List<String> train = new ArrayList<>();
    IntStream.rangeClosed(2, 21).mapToObj(s -> String.format("%02d", s)).forEach(section -> {
      train.add(root + "train/words/train." + section + ".words.gz");
      train.add(root + "train/props/train." + section + ".props.gz");
    });
    return new TaskDefinition("conll05", TaskKind.TOKEN_CLASSIFICATION, new TaskFormat.Builtin("conll05", 0),
        Map.of(
            Split.TRAIN, train,
            Split.DEV, List.of(root + "devel/words/devel.24.words.gz", root + "devel/props/devel.24.props.gz"),
            Split.TEST, List.of(root + "test.brown/words/test.brown.words.gz",
                root + "test.brown/props/test.brown.props.gz")),
        SrlLabels.CONLL05.names(), "f1", true, null);
  }

  private static List<String> bio(String... types) {
    List<String> names = new ArrayList<>(List.of("O"));
    for (String type : types) {
      names.add("B-" + type);
      names.add("I-" + type);
    }
    return List.copyOf(names);
  }
}
