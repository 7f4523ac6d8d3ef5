package ptune.dataset.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import ptune.dataset.DataDirectory;
import ptune.dataset.Label;
import ptune.dataset.ReadResult;
import ptune.dataset.SentencePairExample;
import ptune.dataset.Split;
import ptune.tasks.TaskRegistry;
import ptune.testing.LabelCounts;
import ptune.testing.TestData;

/** Loads every GLUE file in the shared data and checks counts from its README. */
class GlueDataTest {

  private static ReadResult load(String task, Split split) {
    return TaskRegistry.get(task).load(split, DataDirectory.resolve());
  }

  private static Map<String, Long> labels(String task, Split split) {
    return LabelCounts.of(TaskRegistry.get(task).labels(), load(task, split).examples());
  }

  @Test
  void sst2() {
    assertEquals(Map.of("1", 37569L, "0", 29780L), labels("sst2", Split.TRAIN));
    assertEquals(Map.of("1", 444L, "0", 428L), labels("sst2", Split.DEV));
    assertEquals(Map.of("unlabeled", 1821L), labels("sst2", Split.TEST));
    SentencePairExample first = load("sst2", Split.TRAIN).examplesOf(SentencePairExample.class).get(0);
    assertEquals("hide new secretions from the parental units ", first.textA());
    assertNull(first.textB());
  }

  @Test
  void mrpcReadsPastTheByteOrderMark() {
    assertEquals(Map.of("1", 2474L, "0", 1194L), labels("mrpc", Split.TRAIN));
    assertEquals(Map.of("1", 279L, "0", 129L), labels("mrpc", Split.DEV));
    assertEquals(1725, load("mrpc", Split.TEST).size());
    SentencePairExample first = load("mrpc", Split.TRAIN).examplesOf(SentencePairExample.class).get(0);
    assertEquals(Label.category(1), first.label());
    assertEquals("Amrozi accused his brother, whom he called \"the witness\", of deliberately distorting his"
        + " evidence.", first.textA());
  }

  @Test
  void rte() {
    assertEquals(Map.of("entailment", 1249L, "not_entailment", 1241L), labels("glue-rte", Split.TRAIN));
    assertEquals(277, load("glue-rte", Split.DEV).size());
    assertEquals(3000, load("glue-rte", Split.TEST).size());
  }

  @Test
  void qnli() {
    assertEquals(Map.of("not_entailment", 2761L, "entailment", 2702L), labels("qnli", Split.DEV));
    assertEquals(5463, load("qnli", Split.TEST).size());
  }

  @Test
  void colaHasNoHeader() {
    assertEquals(Map.of("1", 6023L, "0", 2528L), labels("cola", Split.TRAIN));
    assertEquals(Map.of("1", 719L, "0", 324L), labels("cola", Split.DEV));
    SentencePairExample first = load("cola", Split.TRAIN).examplesOf(SentencePairExample.class).get(0);
    assertEquals("Our friends won't buy this analysis, let alone the next one we propose.", first.textA());
  }

  @Test
  void originalMsrpFilesReadWithTheMrpcColumns() {
    var mrpc = TaskRegistry.get("mrpc");
    // GLUE splits msr_paraphrase_train into train and dev: 2474 + 279 positives, 1194 + 129 negatives.
    assertEquals(Map.of("1", 2753L, "0", 1323L), LabelCounts.of(mrpc.labels(),
        mrpc.reader().read(TestData.file("glue/MRPC/msr_paraphrase_train.txt")).examples()));
    assertEquals(1725, mrpc.reader().read(TestData.file("glue/MRPC/msr_paraphrase_test.txt")).size());
  }

  @Test
  void colaPublicReleaseFiles() {
    var cola = TaskRegistry.get("cola");
    for (String layout : new String[] {"raw", "tokenized"}) {
      String dir = "glue/CoLA/cola_public/" + layout + "/";
      assertEquals(8551, cola.reader().read(TestData.file(dir + "in_domain_train.tsv")).size());
      // dev.tsv is in-domain dev followed by out-of-domain dev: 719/324 = 365/162 + 354/162.
      assertEquals(Map.of("1", 365L, "0", 162L), LabelCounts.of(cola.labels(),
          cola.reader().read(TestData.file(dir + "in_domain_dev.tsv")).examples()), layout);
      assertEquals(Map.of("1", 354L, "0", 162L), LabelCounts.of(cola.labels(),
          cola.reader().read(TestData.file(dir + "out_of_domain_dev.tsv")).examples()), layout);
    }
  }
}
