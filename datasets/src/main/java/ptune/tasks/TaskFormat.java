package ptune.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.dataset.ColumnBlock;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.DatasetReader;
import ptune.dataset.JsonFields;
import ptune.dataset.LabelSet;
import ptune.dataset.RecordProblem;
import ptune.dataset.TaskKind;
import ptune.dataset.TextFile;
import ptune.dataset.glue.GlueColumns;
import ptune.dataset.glue.GlueTsvReader;
import ptune.dataset.ner.ConllColumnsReader;
import ptune.dataset.ner.Conll2004Reader;
import ptune.dataset.ner.OntoNotesReader;
import ptune.dataset.ner.TagScheme;
import ptune.dataset.qa.SquadReader;
import ptune.dataset.srl.Conll2005Reader;
import ptune.dataset.srl.Conll2012SrlReader;
import ptune.dataset.superglue.CopaParser;
import ptune.dataset.superglue.JsonLinesReader;
import ptune.dataset.superglue.MultiRcParser;
import ptune.dataset.superglue.MultipleChoiceParser;
import ptune.dataset.superglue.RecordTaskParser;
import ptune.dataset.superglue.SentencePairParser;
import ptune.dataset.superglue.WicParser;
import ptune.dataset.superglue.WscParser;

/**
 * How a task's files are laid out, and so which reader reads them. The first four are what a sweep
 * config can declare for a dataset of its own ({@link TaskDefinitionParser}); {@link Builtin} names
 * the readers of benchmark layouts no mapping describes (COPA's templates, MultiRC's answer groups,
 * SRL's predicate columns).
 */
public sealed interface TaskFormat extends Serializable {

  DatasetReader reader(TaskKind kind, LabelSet labels);

  /**
   * The labels {@code files} hold (class names; BIO tags for tagging), each with the file and line
   * it first occurs on: a declaration without labels takes them from train, and dev and test may
   * hold no other.
   */
  default Map<String, String> labelsIn(List<Path> files) {
    // Squad tasks have no labels and every Builtin task declares its own: nothing asks them.
    throw new IllegalStateException(getClass().getSimpleName() + " files hold no labels to read;"
        + " a task in this format declares its labels or has none");
  }

  /**
   * JSON Lines with one text, or a pair, and a label per record under the given field names.
   * Multiple choice: {@code textA} is the context, {@code choices} an array field of choice texts,
   * the label the 0-based index of the right one.
   *
   * @param id null: records are numbered by line
   * @param textB null for a single text
   * @param choices multiple choice only, else null
   */
  record JsonLines(String id, String textA, String textB, String label, String choices) implements TaskFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public DatasetReader reader(TaskKind kind, LabelSet labels) {
      return new JsonLinesReader(kind == TaskKind.MULTIPLE_CHOICE
          ? new MultipleChoiceParser(id, textA, choices, label)
          : new SentencePairParser(id, textA, textB, label, labels, kind == TaskKind.REGRESSION));
    }

    @Override
    public Map<String, String> labelsIn(List<Path> files) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (Path file : files) {
        List<String> lines = TextFile.readLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).isBlank()) {
            continue;
          }
          try {
            JsonNode record = JSON.readTree(lines.get(i));
            if (JsonFields.has(record, label)) {
              labels.putIfAbsent(JsonFields.labelName(record, label), file + ":" + (i + 1));
            }
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DatasetFormatException(file, i + 1, null, "malformed JSON: " + e.getOriginalMessage());
          } catch (RecordProblem problem) {
            throw new DatasetFormatException(file, i + 1, problem);
          }
        }
      }
      return labels;
    }
  }

  /** Tab-separated text with a header line (or {@code columns.implicitHeader()} naming the columns). */
  record Tsv(GlueColumns columns) implements TaskFormat {
    @Override
    public DatasetReader reader(TaskKind kind, LabelSet labels) {
      return new GlueTsvReader(columns, labels, kind == TaskKind.REGRESSION);
    }

    @Override
    public Map<String, String> labelsIn(List<Path> files) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (Path file : files) {
        List<String> lines = TextFile.readLines(file);
        List<String> header = columns.hasHeader() && !lines.isEmpty()
            ? Arrays.asList(lines.get(0).split("\t", -1)) : columns.implicitHeader();
        int at = header == null ? -1 : header.indexOf(columns.labelColumn());
        for (int i = columns.hasHeader() ? 1 : 0; at >= 0 && i < lines.size(); i++) {
          String[] fields = lines.get(i).split("\t", -1);
          if (!lines.get(i).isEmpty() && at < fields.length) {
            labels.putIfAbsent(fields[at], file + ":" + (i + 1));
          }
        }
      }
      return labels;
    }
  }

  /** CoNLL-style columns: a word and a tag column per token line ({@link ConllColumnsReader}). */
  record Conll(ConllColumnsReader.Separator separator, int wordColumn, int tagColumn, TagScheme scheme,
      String documentSeparator) implements TaskFormat {
    @Override
    public ConllColumnsReader reader(TaskKind kind, LabelSet labels) {
      return new ConllColumnsReader(labels, separator, wordColumn, tagColumn, scheme, documentSeparator);
    }

    @Override
    public Map<String, String> labelsIn(List<Path> files) {
      ConllColumnsReader reader = reader(TaskKind.TOKEN_CLASSIFICATION, LabelSet.NONE);
      Map<String, String> tags = new LinkedHashMap<>();
      for (Path file : files) {
        for (ColumnBlock sentence : reader.sentences(file)) {
          List<String> bio = reader.bioTags(sentence, file);
          for (int i = 0; i < bio.size(); i++) {
            tags.putIfAbsent(bio.get(i), file + ":" + sentence.rows().get(i).line());
          }
        }
      }
      return tags;
    }
  }

  /** SQuAD JSON ({@link SquadReader}); {@code reanchorWindow} 0 takes every offset as written. */
  record Squad(int reanchorWindow) implements TaskFormat {
    @Override
    public DatasetReader reader(TaskKind kind, LabelSet labels) {
      return new SquadReader(reanchorWindow);
    }
  }

  /**
   * A benchmark's own reader, by name: copa, wic and wsc (with the official template id), multirc,
   * record, conll04, ontonotes, conll05, conll12.
   */
  record Builtin(String reader, int template) implements TaskFormat {
    @Override
    public DatasetReader reader(TaskKind kind, LabelSet labels) {
      return switch (reader) {
        case "copa" -> new JsonLinesReader(new CopaParser());
        case "wic" -> new JsonLinesReader(new WicParser(labels, template));
        case "wsc" -> new JsonLinesReader(new WscParser(labels, template));
        case "multirc" -> new JsonLinesReader(new MultiRcParser(labels));
        case "record" -> new JsonLinesReader(new RecordTaskParser());
        case "conll04" -> new Conll2004Reader(labels);
        case "ontonotes" -> new OntoNotesReader(labels);
        case "conll05" -> new Conll2005Reader(labels);
        case "conll12" -> new Conll2012SrlReader(labels);
        default -> throw new IllegalArgumentException("no built-in reader '" + reader + "'");
      };
    }
  }
}
