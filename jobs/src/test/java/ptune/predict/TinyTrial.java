package ptune.predict;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ptune.cli.Ptune;
import ptune.trial.PromptTuningTrialRunner;
import ptune.trial.TrialEnvironment;
import ptune.trial.TrialListener;
import ptune.trial.TrialResult;
import ptune.trial.TrialSpec;
import ptune.trial.TrialStatus;

/**
 * One real, tiny trial (minilm-l6, pt2, 32 train and 24 dev examples, one epoch of 8 steps, no
 * dropout) of CB or CoNLL-2003, trained once per test JVM, and its prompt checkpoint; the data dir
 * it trained on holds the task's files cut to those sizes, so its dev file is exactly what the
 * trial scored.
 */
final class TinyTrial {
  private static TinyTrial trained;
  private static TinyTrial trainedNer;
  private static TinyTrial trainedQa;

  final Path dataDir;
  final TrialResult result;
  final Path checkpoint;

  private TinyTrial(Path dataDir, TrialResult result) {
    this.dataDir = dataDir;
    this.result = result;
    this.checkpoint = Path.of(result.checkpointPath());
  }

  static synchronized TinyTrial get() throws Exception {
    if (trained == null) {
      trained = train("cb", data -> {
        copyHead("superglue/CB/train.jsonl", data, 32);
        copyHead("superglue/CB/val.jsonl", data, 24);
        copyHead("superglue/RTE/val.jsonl", data, 24);
      });
    }
    return trained;
  }

  /** The same for CoNLL-2003 NER: the first 32 train, 24 dev and 8 test sentences. */
  static synchronized TinyTrial conll03() throws Exception {
    if (trainedNer == null) {
      trainedNer = train("conll03", data -> {
        copySentences("ner/conll2003/train.txt", data, 32);
        copySentences("ner/conll2003/valid.txt", data, 24);
        copySentences("ner/conll2003/test.txt", data, 8);
      });
    }
    return trainedNer;
  }

  /**
   * The same for SQuAD (its train set is not in shared/datasets): the first paragraphs of two
   * public dev articles, up to 32 questions to train on and 24 to score, max_len 192.
   */
  static synchronized TinyTrial squad() throws Exception {
    if (trainedQa == null) {
      trainedQa = train("squad", Map.of("max_len", 192, "doc_stride", 64), data -> {
        writeSquad(data, "train-v1.1.json", "Sky_(United_Kingdom)", 32);
        writeSquad(data, "dev-v1.1.json", "Packet_switching", 24);
      });
    }
    return trainedQa;
  }

  private static void writeSquad(Path data, String file, String title, int questions)
      throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode dev = json.readTree(
        shared("qa/squad_v1.1/dev-v1.1.json").toFile());
    com.fasterxml.jackson.databind.node.ObjectNode root = json.createObjectNode().put("version", "1.1");
    for (com.fasterxml.jackson.databind.JsonNode article : dev.get("data")) {
      if (article.get("title").asText().equals(title)) {
        com.fasterxml.jackson.databind.node.ObjectNode cut = root.putArray("data").addObject()
            .put("title", title);
        com.fasterxml.jackson.databind.node.ArrayNode paragraphs = cut.putArray("paragraphs");
        int kept = 0;
        for (com.fasterxml.jackson.databind.JsonNode paragraph : article.get("paragraphs")) {
          if (kept + paragraph.get("qas").size() > questions) {
            break;
          }
          paragraphs.add(paragraph);
          kept += paragraph.get("qas").size();
        }
      }
    }
    Path target = data.resolve("qa/squad_v1.1").resolve(file);
    Files.createDirectories(target.getParent());
    json.writeValue(target.toFile(), root);
  }

  private interface DataWriter {
    void write(Path data) throws Exception;
  }

  private static TinyTrial train(String task, DataWriter writer) throws Exception {
    return train(task, Map.of(), writer);
  }

  private static TinyTrial train(String task, Map<String, Object> overrides, DataWriter writer)
      throws Exception {
    Path root = Files.createTempDirectory("ptune-tiny-trial");
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> org.apache.hadoop.fs.FileUtil.fullyDelete(root.toFile())));
    Path data = root.resolve("data");
    writer.write(data);
    Map<String, Object> hp = new java.util.HashMap<>(Map.of(
        "epochs", 1, "batch_size", 4, "max_len", 64, "prefix_len", 4, "lr", 0.03,
        "dropout", 0, "max_train_examples", 32, "max_dev_examples", 24));
    hp.putAll(overrides);
    TrialSpec spec = TrialSpec.of("test", "minilm-l6", "pt2", task, 5, hp);
    TrialResult result = new PromptTuningTrialRunner().run(spec,
        new TrialEnvironment("cpu", data, root.resolve("checkpoint"), TrialListener.NONE));
    if (result.status() != TrialStatus.COMPLETED || result.checkpointPath() == null) {
      throw new IllegalStateException("the tiny " + task + " trial did not complete: "
          + result.error());
    }
    return new TinyTrial(data, result);
  }

  Path file(String relative) {
    return dataDir.resolve(relative);
  }

  private static void copyHead(String relative, Path data, int lines) throws Exception {
    List<String> all = Files.readAllLines(shared(relative));
    write(data.resolve(relative), all.subList(0, lines));
  }

  /** The file's lines up to the blank line that ends its n-th sentence. */
  private static void copySentences(String relative, Path data, int sentences) throws Exception {
    List<String> all = Files.readAllLines(shared(relative));
    int seen = 0;
    int end = 0;
    boolean inSentence = false;
    while (end < all.size() && seen < sentences) {
      String line = all.get(end++);
      if (line.isBlank()) {
        seen += inSentence ? 1 : 0;
        inSentence = false;
      } else if (!line.startsWith("-DOCSTART-")) {
        inSentence = true;
      }
    }
    write(data.resolve(relative), all.subList(0, end));
  }

  private static Path shared(String relative) {
    return Path.of(System.getenv().getOrDefault("PTUNE_DATA_DIR", "/work/shared/datasets"))
        .resolve(relative);
  }

  private static void write(Path target, List<String> lines) throws Exception {
    Files.createDirectories(target.getParent());
    Files.write(target, lines);
  }

  /** {@code ptune <args>} in-process: exit code and standard error. */
  record Run(int exitCode, String out, String err) {}

  static synchronized Run ptune(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(o);
      System.setErr(e);
      int code = Ptune.run(args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.out.print(out.toString(StandardCharsets.UTF_8));
      System.err.print(err.toString(StandardCharsets.UTF_8));
    }
  }
}
