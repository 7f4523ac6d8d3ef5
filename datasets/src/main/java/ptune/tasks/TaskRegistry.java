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
import ptune.dataset.DatasetReader;
import ptune.dataset.LabelSet;
import ptune.dataset.Split;
import ptune.dataset.Task;
import ptune.dataset.TaskKind;
import ptune.dataset.glue.GlueColumns;
import ptune.dataset.glue.GlueTsvReader;
import ptune.dataset.ner.Conll2003Reader;
import ptune.dataset.ner.Conll2004Reader;
import ptune.dataset.ner.OntoNotesReader;
import ptune.dataset.qa.SquadReader;
import ptune.dataset.srl.Conll2005Reader;
import ptune.dataset.srl.Conll2012SrlReader;
import ptune.dataset.srl.SrlLabels;
import ptune.dataset.superglue.CopaParser;
import ptune.dataset.superglue.JsonLinesReader;
import ptune.dataset.superglue.MultiRcParser;
import ptune.dataset.superglue.RecordTaskParser;
import ptune.dataset.superglue.SentencePairParser;
import ptune.dataset.superglue.WicParser;
import ptune.dataset.superglue.WscParser;

/**
 * All tasks by their lower-case names. Label orders follow the Hugging Face datasets the official
 * code loads, so class indices mean the same thing as in P-tuning v2. File layouts follow the
 * official distributions (see shared/datasets/README.md); files that are not public here (BoolQ
 * train, ReCoRD, QNLI train, OntoNotes, CoNLL-2012, CoNLL-2005 WSJ) keep their official names so
 * they load once fetched.
 */
public final class TaskRegistry {

  private static final LabelSet BOOLEAN = LabelSet.of("False", "True");
  private static final LabelSet BINARY = LabelSet.of("0", "1");
  private static final LabelSet ENTAILMENT = LabelSet.of("entailment", "not_entailment");

  private static final LabelSet CONLL03 =
      LabelSet.of("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC");
  private static final LabelSet CONLL04 =
      LabelSet.of("O", "B-Loc", "I-Loc", "B-Peop", "I-Peop", "B-Org", "I-Org", "B-Other", "I-Other");
  private static final LabelSet ONTONOTES =
      bio("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "DATE", "TIME", "PERCENT",
          "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE");

  private static final Map<String, Task> TASKS = buildDefaults();

  private TaskRegistry() {}

  /** The task with its default input template (template 0 for WiC and WSC). */
  public static Task get(String name) {
    Task task = TASKS.get(name);
    if (task == null) {
      throw new IllegalArgumentException("unknown task '" + name + "', known: " + TASKS.keySet());
    }
    return task;
  }

  /**
   * WiC and WSC with an explicit official template id (the released WiC BERT script uses 1); other
   * tasks have a single template.
   */
  public static Task get(String name, int templateId) {
    return switch (name) {
      case "wic" -> superglue("wic", "WiC", BOOLEAN, "accuracy",
          new JsonLinesReader(new WicParser(BOOLEAN, templateId)));
      case "wsc" -> superglue("wsc", "WSC", BOOLEAN, "accuracy",
          new JsonLinesReader(new WscParser(BOOLEAN, templateId)));
      default -> {
        if (templateId != 0) {
          throw new IllegalArgumentException("task " + name + " has only template 0");
        }
        yield get(name);
      }
    };
  }

  public static List<String> names() {
    return List.copyOf(TASKS.keySet());
  }


  private static Map<String, Task> buildDefaults() {
    Map<String, Task> tasks = new LinkedHashMap<>();
    LabelSet cb = LabelSet.of("entailment", "contradiction", "neutral");
    Stream.of(
            superglue("boolq", "BoolQ", BOOLEAN, "accuracy",
                new JsonLinesReader(new SentencePairParser("question", "passage", BOOLEAN))),
            superglue("cb", "CB", cb, "accuracy",
                new JsonLinesReader(new SentencePairParser("premise", "hypothesis", cb))),
            superglue("rte", "RTE", ENTAILMENT, "accuracy",
                new JsonLinesReader(new SentencePairParser("premise", "hypothesis", ENTAILMENT))),
            new Task("copa", TaskKind.MULTIPLE_CHOICE, LabelSet.NONE, superglueFiles("COPA"), "accuracy",
                new JsonLinesReader(new CopaParser()), false),
            get("wic", 0),
            get("wsc", 0),
            // MultiRC writes its answer labels as 0/1, not booleans.
            superglue("multirc", "MultiRC", BINARY, "f1", new JsonLinesReader(new MultiRcParser(BINARY))),
            superglue("record", "ReCoRD", BINARY, "f1", new JsonLinesReader(new RecordTaskParser())),
            glue("sst2", "SST-2", GlueColumns.SST2, BINARY, "accuracy", "train", "dev", "test"),
            glue("mrpc", "MRPC", GlueColumns.MRPC, BINARY, "accuracy", "train", "dev", "test"),
            glue("cola", "CoLA", GlueColumns.COLA, BINARY, "mcc", "train", "dev", null),
            glue("qnli", "QNLI", GlueColumns.QNLI, ENTAILMENT, "accuracy", "train", "dev", "test"),
            glue("stsb", "STS-B", GlueColumns.STSB, LabelSet.NONE, "pearson", "train", "dev", "test"),
            glue("qqp", "QQP", GlueColumns.QQP, BINARY, "accuracy", "train", "dev", "test"),
            glue("mnli", "MNLI", GlueColumns.MNLI, LabelSet.of("entailment", "neutral", "contradiction"),
                "accuracy", "train", "dev_matched", "test_matched"),
            glue("mnli-mm", "MNLI", GlueColumns.MNLI, LabelSet.of("entailment", "neutral", "contradiction"),
                "accuracy", "train", "dev_mismatched", "test_mismatched"),
            glue("wnli", "WNLI", GlueColumns.SENTENCE_PAIR, BINARY, "accuracy", "train", "dev", "test"),
            glue("glue-rte", "RTE", GlueColumns.SENTENCE_PAIR, ENTAILMENT, "accuracy", "train", "dev", "test"),
            tagging("conll03", CONLL03, new Conll2003Reader(CONLL03),
                "ner/conll2003/train.txt", "ner/conll2003/valid.txt", "ner/conll2003/test.txt"),
            tagging("conll04", CONLL04, new Conll2004Reader(CONLL04),
                "ner/conll2004/train.txt", "ner/conll2004/dev.txt", "ner/conll2004/test.txt"),
            tagging("ontonotes", ONTONOTES, new OntoNotesReader(ONTONOTES),
                "ner/ontonotes/train.gold_conll", "ner/ontonotes/development.gold_conll",
                "ner/ontonotes/test.gold_conll"),
            squad("squad", "qa/squad_v1.1/train-v1.1.json", "qa/squad_v1.1/dev-v1.1.json"),
            squad("squad2", "qa/squad_v2.0/train-v2.0.json", "qa/squad_v2.0/dev-v2.0.json"),
            squadDevSplit("squad-devsplit", "qa/squad_v1.1/dev-v1.1.json"),
            squadDevSplit("squad2-devsplit", "qa/squad_v2.0_reconstructed/dev-v2.0.json"),
            conll05(),
            tagging("conll12", SrlLabels.CONLL12, new Conll2012SrlReader(SrlLabels.CONLL12),
                "srl/conll2012/train.gold_conll", "srl/conll2012/development.gold_conll",
                "srl/conll2012/test.gold_conll"))
        .forEach(task -> tasks.put(task.name(), task));
    return Collections.unmodifiableMap(tasks);
  }

  private static Map<Split, List<String>> superglueFiles(String dir) {
    return Map.of(
        Split.TRAIN, List.of("superglue/" + dir + "/train.jsonl"),
        Split.DEV, List.of("superglue/" + dir + "/val.jsonl"),
        Split.TEST, List.of("superglue/" + dir + "/test.jsonl"));
  }

  private static Task superglue(String name, String dir, LabelSet labels, String metric, DatasetReader reader) {
    return new Task(name, TaskKind.SEQUENCE_CLASSIFICATION, labels, superglueFiles(dir), metric, reader, false);
  }

  /** GLUE task; a null split file name means the split is not distributed (CoLA test). */
  private static Task glue(String name, String dir, GlueColumns columns, LabelSet labels, String metric,
      String train, String dev, String test) {
    boolean regression = labels.size() == 0;
    Map<Split, List<String>> files = new EnumMap<>(Split.class);
    files.put(Split.TRAIN, List.of("glue/" + dir + "/" + train + ".tsv"));
    files.put(Split.DEV, List.of("glue/" + dir + "/" + dev + ".tsv"));
    if (test != null) {
      files.put(Split.TEST, List.of("glue/" + dir + "/" + test + ".tsv"));
    }
    return new Task(name, regression ? TaskKind.REGRESSION : TaskKind.SEQUENCE_CLASSIFICATION, labels,
        files, metric, new GlueTsvReader(columns, labels, regression), false);
  }

  /** NER and SRL releases carry their test tags: the paper reports test at the best dev epoch. */
  private static Task tagging(String name, LabelSet labels, DatasetReader reader, String train, String dev, String test) {
    return new Task(name, TaskKind.TOKEN_CLASSIFICATION, labels,
        Map.of(Split.TRAIN, List.of(train), Split.DEV, List.of(dev), Split.TEST, List.of(test)), "f1", reader,
        true);
  }

  /** SQuAD has no public test set; the paper reports dev. */
  private static Task squad(String name, String train, String dev) {
    return new Task(name, TaskKind.SPAN_EXTRACTION, LabelSet.NONE,
        Map.of(Split.TRAIN, List.of(train), Split.DEV, List.of(dev)), "f1", new SquadReader(), false);
  }

  /**
   * SQuAD without its train file (the shared datasets hold only the dev JSON): train on two thirds
   * of the dev file's articles, score on the other third ({@link ArticleFold}). Not comparable with
   * numbers trained on SQuAD's 87k training questions.
   */
  private static Task squadDevSplit(String name, String file) {
    return new Task(name, TaskKind.SPAN_EXTRACTION, LabelSet.NONE,
        Map.of(Split.TRAIN, List.of(file), Split.DEV, List.of(file)), "f1", new SquadReader(), false,
        new ArticleFold(3));
  }

  /**
   * CoNLL-2005 in the release layout: train = WSJ sections 02-21, dev = section 24, test = the Brown
   * test set (the WSJ test set, section 23, needs Penn Treebank words and is not public).
   */
  private static Task conll05() {
    String root = "srl/conll2005_public_brown/";
    List<String> train = new ArrayList<>();
    IntStream.rangeClosed(2, 21).mapToObj(s -> String.format("%02d", s)).forEach(section -> {
      train.add(root + "train/words/train." + section + ".words.gz");
      train.add(root + "train/props/train." + section + ".props.gz");
    });
    return new Task("conll05", TaskKind.TOKEN_CLASSIFICATION, SrlLabels.CONLL05,
        Map.of(
            Split.TRAIN, train,
            Split.DEV, List.of(root + "devel/words/devel.24.words.gz", root + "devel/props/devel.24.props.gz"),
            Split.TEST, List.of(root + "test.brown/words/test.brown.words.gz",
                root + "test.brown/props/test.brown.props.gz")),
        "f1", new Conll2005Reader(SrlLabels.CONLL05), true);
  }

  private static LabelSet bio(String... types) {
    List<String> names = new ArrayList<>(List.of("O"));
    for (String type : types) {
      names.add("B-" + type);
      names.add("I-" + type);
    }
    return new LabelSet(names);
  }
}
