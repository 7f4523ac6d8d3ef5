package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ptune.command.ExitCode;
import ptune.dataset.DataDirectory;
import ptune.testing.CommandLine;
import ptune.testing.TestSweeps;

/**
 * A user's own datasets, declared in the sweep config ({@code task_definitions}) and never seen by
 * ptune, train and are scored like built-in tasks: a NER file with a tab-separated tag column,
 * BIOES tags and entity types of its own (CoNLL-2003 sentences with their types renamed), a JSON
 * Lines pair-classification set under other field names (CB with renamed fields), and a SQuAD-format
 * file with integer ids and answer offsets that are off by one or two characters (SQuAD dev
 * paragraphs), re-anchored with the option and refused without it; the pairs again from HDFS. The
 * trained prompts are then
 * used: {@code evaluate} on the trial's own dev file gives the trial's dev score, {@code predict}
 * writes predictions that Spark SQL reads back.
 */
@Tag("slow")
class DeclaredTasksSweepTest {

  @TempDir static Path tmp;
  private static Path data;
  private static Path out;
  private static String console;
  private static Map<String, Row> trials;

  private static final String TASKS = """
      task_definitions:
        bio-ner:
          kind: tagging
          format: conll
          separator: tab
          word_column: 1
          tag_column: 2
          scheme: bioes
          files: {train: %1$s/ner/train.tsv, dev: %1$s/ner/dev.tsv, test: %1$s/ner/test.tsv}
          metric: f1
        claims:
          kind: classification
          format: jsonl
          fields: {id: uid, text_a: claim, text_b: evidence, label: verdict}
          files:
            train: %1$s/claims/train.jsonl
            dev: %1$s/claims/dev.jsonl
          metric: macro_f1
        netqa:
          kind: span_qa
          format: squad
          files: {train: %1$s/qa/train.json, dev: %1$s/qa/dev.json}
          metric: f1
      """;

  private static String sweep(String tasks, String extra) {
    return """
        name: declared
        data_dir: %s
        backbones: [minilm-l6]
        methods: [pt2]
        tasks: [%s]
        seeds: [5]
        grid:
          epochs: 1
          batch_size: 4
          max_len: 64
          prefix_len: 4
          lr: 3.0e-2
          dropout: 0
        spark:
          spark.ui.enabled: "false"
        """.formatted(DataDirectory.resolve(), tasks)
        + (tasks.contains("netqa") ? "overrides:\n  - task: netqa\n    grid: {max_len: 192, doc_stride: 64}\n" : "")
        + TASKS.formatted(data) + extra;
  }

  @BeforeAll
  @Timeout(900)
  static void runTheSweep() throws Exception {
    data = tmp.resolve("my-data");
    writeNer();
    writeClaims();
    writeQa();
    out = tmp.resolve("runs");
    String config = TestSweeps.write(tmp, "declared.yaml",
        sweep("bio-ner, claims, netqa", "    reanchor_window: 2\n")).toString();
    CommandLine run = CommandLine.run("run", config, "--out", out.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    console = run.out();
    SparkSession spark = SparkSession.builder().master("local[1]").getOrCreate();
    trials = spark.read().parquet(out.resolve("declared/trials/trials.parquet").toString()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("task"), Function.identity()));
  }

  @Test
  void everyDeclaredTaskTrainsAndIsScoredWithItsMetric() throws Exception {
    assertEquals(3, trials.size(), trials.keySet().toString());
    for (Row trial : trials.values()) {
      assertEquals("COMPLETED", trial.getAs("status"), String.valueOf(trial.<String>getAs("error")));
    }
    Row ner = trials.get("bio-ner");
    assertEquals("f1", ner.getAs("metric"));
    assertTrue(ner.<Double>getAs("test_score") != null, "the labelled test file is scored at the best dev epoch");
    Row claims = trials.get("claims");
    assertEquals("macro_f1", claims.getAs("metric"));
    // Every classification metric, not only the selected one.
    JsonNode claimMetrics = new ObjectMapper().readTree(claims.<String>getAs("dev_metrics_json"));
    assertTrue(claimMetrics.has("mcc") && claimMetrics.has("accuracy") && claimMetrics.has("macro_f1"),
        claimMetrics.toString());
    assertEquals(claims.<Double>getAs("dev_score"), claimMetrics.get("macro_f1").asDouble(), 0.0);

    // The driver read each declared task once before training, and said what it found.
    assertTrue(console.contains("task bio-ner (declared): labels [O, B-Group, I-Group, B-Human, I-Human, B-Other,"
        + " I-Other, B-Place, I-Place] (from train)"), console);
    assertTrue(console.contains("task claims (declared): labels [contradiction, entailment, neutral] (from train);"
        + " train 33 dev 24 records"), console);
    assertTrue(console.matches("(?s).*task netqa \\(declared\\):.* answer\\(s\\) re-anchored \\(reanchor_window\\),"
        + " e\\.g\\. .*question id \\d+\\): answer '.*' re-anchored from offset \\d+ to \\d+.*"), console);
  }

  @Test
  void evaluateOnTheTrialsOwnDevFileGivesItsDevScore() throws Exception {
    for (String task : List.of("bio-ner", "claims")) {
      Row trial = trials.get(task);
      Path json = tmp.resolve(task + "-eval.json");
      String devFile = data.resolve(task.equals("claims") ? "claims/dev.jsonl" : "ner/dev.tsv").toString();
      CommandLine run = CommandLine.run("evaluate", trial.getAs("checkpoint_path"), "--file", devFile, "--output", json.toString());
      assertEquals(ExitCode.OK, run.exitCode(), run.err());
      JsonNode metrics = new ObjectMapper().readTree(json.toFile()).get("metrics");
      assertEquals(trial.<Double>getAs("dev_score"), metrics.get(trial.<String>getAs("metric")).asDouble(), 0.0, task);
    }
  }

  @Test
  void predictWritesWhatSparkSqlReadsBack() {
    Path predictions = tmp.resolve("claims-predictions");
    CommandLine run = CommandLine.run("predict", trials.get("claims").getAs("checkpoint_path"), "--input",
        data.resolve("claims/dev.jsonl").toString(), "--output", predictions.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    SparkSession spark = SparkSession.builder().master("local[1]").getOrCreate();
    spark.read().parquet(predictions.resolve("parquet").toString()).createOrReplaceTempView("claims_predictions");
    List<Row> labels = spark.sql("SELECT label, count(*) AS n FROM claims_predictions GROUP BY label").collectAsList();
    assertEquals(24, labels.stream().mapToLong(r -> r.getLong(1)).sum());
    assertTrue(labels.stream().allMatch(r -> List.of("contradiction", "entailment", "neutral").contains(r.getString(0))),
        labels.toString());
  }

  @Test
  void badDeclaredDataFailsTheCheckNamingFileAndLine() throws Exception {
    // Without reanchor_window the shifted answers are refused, naming the record and the option.
    String strict = TestSweeps.write(tmp, "strict.yaml", sweep("netqa", "")).toString();
    CommandLine refused = CommandLine.run("check", strict);
    assertEquals(ExitCode.USAGE, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains("task_definitions.netqa") && refused.err().contains("my-data/qa/train.json, record ")
        && refused.err().contains("answer_start") && refused.err().contains("reanchor_window"), refused.err());

    // A dev label train lacks, at its line.
    Path claims = data.resolve("claims-odd");
    Files.createDirectories(claims);
    Files.copy(data.resolve("claims/train.jsonl"), claims.resolve("train.jsonl"));
    List<String> dev = new ArrayList<>(Files.readAllLines(data.resolve("claims/dev.jsonl")));
    dev.set(4, dev.get(4).replaceAll("\"verdict\": \"[a-z]+\"", "\"verdict\": \"unverifiable\""));
    Files.write(claims.resolve("dev.jsonl"), dev);
    String odd = TestSweeps.write(tmp, "odd.yaml", sweep("claims", "")
        .replace(data + "/claims/", claims + "/")).toString();
    CommandLine unknown = CommandLine.run("check", odd);
    assertEquals(ExitCode.USAGE, unknown.exitCode(), unknown.err());
    assertTrue(unknown.err().contains(claims.resolve("dev.jsonl") + ", line 5") && unknown.err().contains("unverifiable")
        && unknown.err().contains("train"), unknown.err());

    // A wrong key of a declaration, at its line in the config.
    String typo = TestSweeps.write(tmp, "typo.yaml", sweep("claims", "").replace("metric: macro_f1", "metric: bleu"))
        .toString();
    CommandLine wrongKey = CommandLine.run("check", typo);
    assertEquals(ExitCode.USAGE, wrongKey.exitCode(), wrongKey.err());
    int line = Files.readAllLines(Path.of(typo)).indexOf("    metric: bleu") + 1;
    assertTrue(wrongKey.err().contains("typo.yaml:" + line + ": task_definitions.claims.metric: 'bleu'"), wrongKey.err());
  }

  @Test
  @Timeout(300)
  void filesOnAHadoopFilesystem() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, Path.of("target", "minidfs-" + UUID.randomUUID()).toAbsolutePath().toString());
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      dfs.waitActive();
      String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
      FileSystem fs = FileSystem.get(java.net.URI.create(hdfs), conf);
      for (String file : List.of("train.jsonl", "dev.jsonl")) {
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(data.resolve("claims").resolve(file).toString()),
            new org.apache.hadoop.fs.Path(hdfs + "/users/me/claims/" + file));
      }
      String onHdfs = sweep("claims", "").replace(data + "/claims/", hdfs + "/users/me/claims/")
          .replace("name: declared", "name: declared-on-hdfs");
      CommandLine run = CommandLine.run("run", TestSweeps.write(tmp, "hdfs.yaml", onHdfs).toString(), "--out", out.toString());
      assertEquals(ExitCode.OK, run.exitCode(), run.err());
      assertTrue(run.out().contains("task claims (declared): labels [contradiction, entailment, neutral] (from train);"
          + " train 33 dev 24 records"), run.out());
      // The same files, the same trial but for its declaration (the paths are part of it): the same dev score.
      Row trial = SparkSession.builder().master("local[1]").getOrCreate().read()
          .parquet(out.resolve("declared-on-hdfs/trials/trials.parquet").toString()).collectAsList().get(0);
      assertEquals("COMPLETED", trial.getAs("status"));
      assertEquals(trials.get("claims").<Double>getAs("dev_score"), trial.<Double>getAs("dev_score"), 0.0);

      String missing = onHdfs.replace("/users/me/claims/dev.jsonl", "/users/me/claims/gone.jsonl");
      CommandLine refused = CommandLine.run("check", TestSweeps.write(tmp, "gone.yaml", missing).toString());
      assertEquals(ExitCode.USAGE, refused.exitCode(), refused.err());
      assertTrue(refused.err().contains("task_definitions.claims") && refused.err().contains(hdfs + "/users/me/claims/gone.jsonl"),
          refused.err());
    } finally {
      dfs.shutdown();
    }
  }

  // ---- the user's data, written from real sentences, pairs and paragraphs ----

  /** CoNLL-2003 sentences as "index TAB word TAB tag", BIOES, with PER/ORG/LOC/MISC renamed. */
  private static void writeNer() throws Exception {
    Map<String, String> types = Map.of("PER", "Human", "ORG", "Group", "LOC", "Place", "MISC", "Other");
    Path shared = DataDirectory.resolve().resolve("ner/conll2003");
    for (String[] split : new String[][] {{"train.txt", "train.tsv", "48"}, {"valid.txt", "dev.tsv", "24"},
        {"test.txt", "test.tsv", "16"}}) {
      List<String> lines = new ArrayList<>();
      int sentences = 0;
      List<String[]> sentence = new ArrayList<>();
      for (String line : Files.readAllLines(shared.resolve(split[0]))) {
        if (line.startsWith("-DOCSTART-")) {
          continue;
        }
        if (!line.isBlank()) {
          sentence.add(line.split(" "));
          continue;
        }
        if (sentence.isEmpty()) {
          continue;
        }
        List<String> bio = ptune.dataset.ner.TagScheme.IOB1.toBio(sentence.stream().map(c -> c[3]).toList(), "tag");
        for (int i = 0; i < sentence.size(); i++) {
          lines.add((i + 1) + "\t" + sentence.get(i)[0] + "\t" + bioes(bio, i, types));
        }
        lines.add("");
        sentence.clear();
        if (++sentences == Integer.parseInt(split[2])) {
          break;
        }
      }
      write(data.resolve("ner").resolve(split[1]), lines);
    }
  }

  private static String bioes(List<String> bio, int i, Map<String, String> types) {
    String tag = bio.get(i);
    if (tag.equals("O")) {
      return tag;
    }
    String type = types.get(tag.substring(2));
    boolean last = i + 1 == bio.size() || !bio.get(i + 1).equals("I-" + tag.substring(2));
    if (tag.startsWith("B-")) {
      return (last ? "S-" : "B-") + type;
    }
    return (last ? "E-" : "I-") + type;
  }

  /**
   * CB premise/hypothesis pairs under the field names uid, claim, evidence, verdict: the first 11
   * training pairs of each class (CB's first lines hold no neutral one) and the first 24 dev pairs.
   */
  private static void writeClaims() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path cb = DataDirectory.resolve().resolve("superglue/CB");
    Map<String, Integer> perClass = new java.util.HashMap<>();
    List<String> train = Files.readAllLines(cb.resolve("train.jsonl")).stream()
        .filter(line -> perClass.merge(labelOf(json, line), 1, Integer::sum) <= 11).toList();
    List<String> dev = Files.readAllLines(cb.resolve("val.jsonl")).subList(0, 24);
    for (Map.Entry<String, List<String>> split : Map.of("train.jsonl", train, "dev.jsonl", dev).entrySet()) {
      List<String> lines = new ArrayList<>();
      for (String line : split.getValue()) {
        JsonNode r = json.readTree(line);
        ObjectNode renamed = json.createObjectNode();
        renamed.put("uid", "cb-" + r.get("idx").asText());
        renamed.put("claim", r.get("premise").asText());
        renamed.put("evidence", r.get("hypothesis").asText());
        renamed.put("verdict", r.get("label").asText());
        lines.add(json.writeValueAsString(renamed).replace("\":\"", "\": \""));
      }
      write(data.resolve("claims").resolve(split.getKey()), lines);
    }
  }

  private static String labelOf(ObjectMapper json, String line) {
    try {
      return json.readTree(line).get("label").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Paragraphs of two SQuAD dev articles with integer question ids, every third answer's offset
   * moved one or two characters off its text (as files from other sources often have them).
   */
  private static void writeQa() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode squad = json.readTree(DataDirectory.resolve().resolve("qa/squad_v1.1/dev-v1.1.json").toFile());
    int id = 1000;
    for (String[] split : new String[][] {{"Sky_(United_Kingdom)", "train.json", "32"}, {"Packet_switching", "dev.json", "24"}}) {
      ObjectNode root = json.createObjectNode().put("version", "other-source");
      ArrayNode paragraphs = root.putArray("data").addObject().put("title", split[0]).putArray("paragraphs");
      int kept = 0;
      for (JsonNode article : squad.get("data")) {
        if (!article.get("title").asText().equals(split[0])) {
          continue;
        }
        for (JsonNode paragraph : article.get("paragraphs")) {
          if (kept + paragraph.get("qas").size() > Integer.parseInt(split[2])) {
            break;
          }
          ObjectNode copy = paragraphs.addObject().put("context", paragraph.get("context").asText());
          ArrayNode qas = copy.putArray("qas");
          for (JsonNode qa : paragraph.get("qas")) {
            ObjectNode q = qas.addObject().put("id", id++).put("question", qa.get("question").asText());
            ArrayNode answers = q.putArray("answers");
            for (JsonNode answer : qa.get("answers")) {
              String text = answer.get("text").asText();
              int start = answer.get("answer_start").asInt();
              int shifted = id % 3 == 0 ? start + 1 + id % 2 : start;
              boolean unambiguous = !paragraph.get("context").asText().startsWith(text, shifted);
              answers.addObject().put("text", text).put("answer_start", unambiguous ? shifted : start);
            }
          }
          kept += paragraph.get("qas").size();
        }
      }
      Files.createDirectories(data.resolve("qa"));
      json.writeValue(data.resolve("qa").resolve(split[1]).toFile(), root);
    }
  }

  private static void write(Path file, List<String> lines) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
  }
}
