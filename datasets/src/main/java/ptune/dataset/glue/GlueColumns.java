package ptune.dataset.glue;

import java.util.List;

/**
 * Where one GLUE task keeps its fields. Columns are found by header name; for CoLA, whose files have
 * no header, {@code implicitHeader} names the four positional columns instead. A split whose header
 * lacks the label column (the test files) is read as unlabeled.
 *
 * @param idColumn column holding the row id, or null to number rows
 * @param textBColumn null for single-sentence tasks
 * @param implicitHeader column names of a headerless file, or null when the file has a header
 */
public record GlueColumns(
    String idColumn,
    String textAColumn,
    String textBColumn,
    String labelColumn,
    List<String> implicitHeader) implements java.io.Serializable {

  public static GlueColumns withHeader(String id, String textA, String textB, String label) {
    return new GlueColumns(id, textA, textB, label, null);
  }

  public boolean hasHeader() {
    return implicitHeader == null;
  }

  /** CoLA: "source, label, original mark, sentence", no header. */
  public static final GlueColumns COLA =
      new GlueColumns(null, "sentence", null, "label", List.of("source", "label", "original_mark", "sentence"));

  /** SST-2: "sentence, label" (train/dev) and "index, sentence" (test). */
  public static final GlueColumns SST2 = withHeader("index", "sentence", null, "label");

  /** MRPC: "Quality, #1 ID, #2 ID, #1 String, #2 String"; test has "index" instead of "Quality". */
  public static final GlueColumns MRPC = withHeader("index", "#1 String", "#2 String", "Quality");

  /** QQP: "id, qid1, qid2, question1, question2, is_duplicate". */
  public static final GlueColumns QQP = withHeader("id", "question1", "question2", "is_duplicate");

  /** STS-B: ten columns ending in "sentence1, sentence2, score". */
  public static final GlueColumns STSB = withHeader("index", "sentence1", "sentence2", "score");

  /** MNLI: many parse columns; the label is "gold_label" (dev also has label1..label5). */
  public static final GlueColumns MNLI = withHeader("index", "sentence1", "sentence2", "gold_label");

  /** QNLI: "index, question, sentence, label". */
  public static final GlueColumns QNLI = withHeader("index", "question", "sentence", "label");

  /** RTE and WNLI: "index, sentence1, sentence2, label". */
  public static final GlueColumns SENTENCE_PAIR = withHeader("index", "sentence1", "sentence2", "label");
}
