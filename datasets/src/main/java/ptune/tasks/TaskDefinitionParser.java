package ptune.tasks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import ptune.dataset.Split;
import ptune.dataset.TaskKind;
import ptune.dataset.glue.GlueColumns;
import ptune.dataset.ner.ConllColumnsReader;
import ptune.dataset.ner.TagScheme;
import ptune.metrics.TaskEvaluator;

/**
 * A task declared in a sweep config ({@code task_definitions: {NAME: {...}}}), read into a
 * {@link TaskDefinition}, and written back as the same map (a checkpoint keeps it so that
 * {@code evaluate} and {@code predict} rebuild the task). Every key is checked here, before any file
 * is read; errors name the key ({@link Problem}). The keys:
 * <pre>
 *   kind:    classification | regression | multiple_choice | tagging | span_qa
 *   format:  jsonl | tsv (fields below) | conll (columns below) | squad
 *   fields:  {text_a: F, text_b: F, label: F, id: F, choices: F}   jsonl and tsv; text_b for pairs,
 *            id optional (records are numbered), choices (an array field) for multiple choice
 *   header:  [names]          tsv without a header line: the names of its columns
 *   separator: tab | spaces   conll (default spaces)
 *   word_column: 0, tag_column: 1   conll, 0-based
 *   scheme:  bio | iob1 | bioes      conll (default bio); trials train and score BIO
 *   document_separator: -DOCSTART-   conll: lines starting with it are dropped (default; "" for none)
 *   reanchor_window: 0        squad: move an answer whose offset is off to its text within this
 *                             many characters (counted and reported; default 0, off)
 *   files:   {train: P, dev: P, test: P}   a path or a list of paths per split, relative to data_dir
 *            or absolute; train and dev required
 *   labels:  [names]          class names (classification) or entity types (tagging); default:
 *                             those of the train files, sorted
 *   metric:  the selection metric, one of the kind's (TaskEvaluator.kindMetrics)
 *   test_labelled: true       whether the test file has gold labels (default true when it is given)
 * </pre>
 */
public final class TaskDefinitionParser {

  /** A key of a declaration that is wrong, and why. */
  public static final class Problem extends IllegalArgumentException {
    private final String key;

    Problem(String key, String message) {
      super(key + ": " + message);
      this.key = key;
    }

    /** The key path below the task's name, e.g. "fields.label". */
    public String key() {
      return key;
    }

    public String problem() {
      return getMessage().substring(key.length() + 2);
    }
  }

  private static final Map<String, TaskKind> KINDS = Map.of(
      "classification", TaskKind.SEQUENCE_CLASSIFICATION,
      "regression", TaskKind.REGRESSION,
      "multiple_choice", TaskKind.MULTIPLE_CHOICE,
      "tagging", TaskKind.TOKEN_CLASSIFICATION,
      "span_qa", TaskKind.SPAN_EXTRACTION);
  private static final Set<String> KEYS = Set.of("kind", "format", "fields", "header", "separator", "word_column",
      "tag_column", "scheme", "document_separator", "reanchor_window", "files", "labels", "metric", "test_labelled");
  private static final Set<String> FIELDS = Set.of("id", "text_a", "text_b", "label", "choices");
  private static final String DOCSTART = "-DOCSTART-";

  private TaskDefinitionParser() {}

  /**
   * @throws Problem naming the key that is missing, unknown or wrong
   */
  public static TaskDefinition parse(String name, Map<String, ?> declaration) {
    if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new Problem("(name)", "'" + name + "': use lower-case letters, digits, '.', '_' or '-'");
    }
    if (TaskRegistry.contains(name)) {
      throw new Problem("(name)", "'" + name + "' is a built-in task; give the declared one another name");
    }
    for (String key : declaration.keySet()) {
      if (!KEYS.contains(key)) {
        throw new Problem(key, "unknown key (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
      }
    }
    String kindName = required(declaration, "kind");
    TaskKind kind = KINDS.get(kindName);
    if (kind == null) {
      throw new Problem("kind", "'" + kindName + "' is not a kind (" + String.join(", ", KINDS.keySet().stream().sorted().toList()) + ")");
    }
    TaskFormat format = format(kind, declaration);
    Map<Split, List<String>> files = files(declaration.get("files"));
    List<String> labels = labels(kind, declaration.get("labels"));
    String metric = required(declaration, "metric");
    List<String> metrics = TaskEvaluator.kindMetrics(kind);
    if (!metrics.contains(metric)) {
      throw new Problem("metric", "'" + metric + "' is not a metric of " + kindName + " tasks (" + String.join(", ", metrics) + ")");
    }
    if (metric.equals("f1") && kind == TaskKind.SEQUENCE_CLASSIFICATION && labels != null && labels.size() != 2) {
      throw new Problem("metric", "f1 is the F1 of the second class of two; with " + labels.size() + " classes use macro_f1");
    }
    Object testLabelled = declaration.get("test_labelled");
    if (testLabelled != null && !(testLabelled instanceof Boolean)) {
      throw new Problem("test_labelled", "expected true or false, got " + testLabelled);
    }
    boolean labelledTest = files.containsKey(Split.TEST) && (testLabelled == null || (Boolean) testLabelled);
    if (Boolean.TRUE.equals(testLabelled) && !files.containsKey(Split.TEST)) {
      throw new Problem("test_labelled", "true, but files has no test");
    }
    return new TaskDefinition(name, kind, format, files, labels, metric, labelledTest, null);
  }

  /** The declaration of a definition {@link #parse} reads back to an equal one. */
  public static Map<String, Object> toMap(TaskDefinition definition) {
    Map<String, Object> out = new LinkedHashMap<>();
    KINDS.forEach((name, kind) -> {
      if (kind == definition.kind()) {
        out.put("kind", name);
      }
    });
    TaskFormat format = definition.format();
    if (format instanceof TaskFormat.JsonLines j) {
      out.put("format", "jsonl");
      out.put("fields", fields(j.id(), j.textA(), j.textB(), j.label(), j.choices()));
    } else if (format instanceof TaskFormat.Tsv t) {
      GlueColumns c = t.columns();
      out.put("format", "tsv");
      out.put("fields", fields(c.idColumn(), c.textAColumn(), c.textBColumn(), c.labelColumn(), null));
      if (!c.hasHeader()) {
        out.put("header", c.implicitHeader());
      }
    } else if (format instanceof TaskFormat.Conll c) {
      out.put("format", "conll");
      out.put("separator", c.separator().name().toLowerCase(Locale.ROOT));
      out.put("word_column", c.wordColumn());
      out.put("tag_column", c.tagColumn());
      out.put("scheme", c.scheme().name().toLowerCase(Locale.ROOT));
      out.put("document_separator", c.documentSeparator() == null ? "" : c.documentSeparator());
    } else if (format instanceof TaskFormat.Squad s) {
      out.put("format", "squad");
      out.put("reanchor_window", s.reanchorWindow());
    } else {
      throw new IllegalArgumentException("task " + definition.name() + " reads with a built-in reader; it has no declaration");
    }
    Map<String, Object> files = new LinkedHashMap<>();
    definition.files().forEach((split, paths) -> files.put(split.lowerName(), paths));
    out.put("files", files);
    if (definition.labels() != null) {
      out.put("labels", definition.kind() == TaskKind.TOKEN_CLASSIFICATION ? entityTypes(definition.labels())
          : definition.labels());
    }
    out.put("metric", definition.metric());
    if (definition.files().containsKey(Split.TEST)) {
      out.put("test_labelled", definition.labelledTest());
    }
    return out;
  }

  private static TaskFormat format(TaskKind kind, Map<String, ?> d) {
    String format = required(d, "format");
    switch (format) {
      case "jsonl", "tsv" -> {
        if (kind == TaskKind.TOKEN_CLASSIFICATION || kind == TaskKind.SPAN_EXTRACTION) {
          throw new Problem("format", format + " holds text records; " + kindName(kind) + " tasks read "
              + (kind == TaskKind.SPAN_EXTRACTION ? "squad" : "conll"));
        }
        Map<String, String> fields = fieldMap(d.get("fields"));
        String textA = requiredField(fields, "text_a");
        String label = requiredField(fields, "label");
        if (kind == TaskKind.MULTIPLE_CHOICE) {
          if (!format.equals("jsonl")) {
            throw new Problem("format", "multiple_choice tasks read jsonl (an array field of choices)");
          }
          return new TaskFormat.JsonLines(fields.get("id"), textA, null, label, requiredField(fields, "choices"));
        }
        if (fields.containsKey("choices")) {
          throw new Problem("fields.choices", "only multiple_choice tasks have choices");
        }
        if (format.equals("jsonl")) {
          return new TaskFormat.JsonLines(fields.get("id"), textA, fields.get("text_b"), label, null);
        }
        List<String> header = d.containsKey("header") ? stringList(d.get("header"), "header") : null;
        if (header != null) {
          for (String field : fields.values()) {
            if (!header.contains(field)) {
              throw new Problem("fields", "'" + field + "' is not a column of header " + header);
            }
          }
        }
        return new TaskFormat.Tsv(new GlueColumns(fields.get("id"), textA, fields.get("text_b"), label, header));
      }
      case "conll" -> {
        if (kind != TaskKind.TOKEN_CLASSIFICATION) {
          throw new Problem("format", "conll files are read by tagging tasks, not " + kindName(kind));
        }
        String separator = optional(d, "separator", "spaces");
        ConllColumnsReader.Separator sep = switch (separator) {
          case "tab" -> ConllColumnsReader.Separator.TAB;
          case "spaces" -> ConllColumnsReader.Separator.SPACES;
          default -> throw new Problem("separator", "'" + separator + "': tab or spaces");
        };
        int word = column(d, "word_column", 0);
        int tag = column(d, "tag_column", -1);
        if (word == tag) {
          throw new Problem("tag_column", "the same column as word_column (" + word + ")");
        }
        String schemeName = optional(d, "scheme", "bio");
        TagScheme scheme = TagScheme.named(schemeName);
        if (scheme == null) {
          throw new Problem("scheme", "'" + schemeName + "': bio, iob1 or bioes");
        }
        String documentSeparator = optional(d, "document_separator", DOCSTART);
        return new TaskFormat.Conll(sep, word, tag, scheme, documentSeparator.isEmpty() ? null : documentSeparator);
      }
      case "squad" -> {
        if (kind != TaskKind.SPAN_EXTRACTION) {
          throw new Problem("format", "squad files are read by span_qa tasks, not " + kindName(kind));
        }
        Object window = d.get("reanchor_window");
        if (window != null && !(window instanceof Integer w && w >= 0)) {
          throw new Problem("reanchor_window", "expected a number of characters >= 0, got " + window);
        }
        return new TaskFormat.Squad(window == null ? 0 : (Integer) window);
      }
      default -> throw new Problem("format", "'" + format + "' is not a format (jsonl, tsv, conll, squad)");
    }
  }

  private static Map<Split, List<String>> files(Object node) {
    if (!(node instanceof Map<?, ?> map)) {
      throw new Problem("files", node == null ? "missing: {train: PATH, dev: PATH, test: PATH}" : "expected a map of splits to paths");
    }
    Map<Split, List<String>> files = new EnumMap<>(Split.class);
    map.forEach((key, value) -> {
      Split split = switch (String.valueOf(key)) {
        case "train" -> Split.TRAIN;
        case "dev" -> Split.DEV;
        case "test" -> Split.TEST;
        default -> throw new Problem("files." + key, "not a split (train, dev, test)");
      };
      List<String> paths = value instanceof String s ? List.of(s) : stringList(value, "files." + key);
      if (paths.isEmpty() || paths.stream().anyMatch(String::isBlank)) {
        throw new Problem("files." + key, "empty path");
      }
      files.put(split, paths);
    });
    for (Split needed : List.of(Split.TRAIN, Split.DEV)) {
      if (!files.containsKey(needed)) {
        throw new Problem("files." + needed.lowerName(), "missing: trials train on train and select on dev");
      }
    }
    return files;
  }

  private static List<String> labels(TaskKind kind, Object node) {
    boolean labelled = kind == TaskKind.SEQUENCE_CLASSIFICATION || kind == TaskKind.TOKEN_CLASSIFICATION;
    if (node == null) {
      return labelled ? null : List.of();
    }
    if (!labelled) {
      throw new Problem("labels", kindName(kind) + " tasks have no label list");
    }
    if (!(node instanceof List<?> values) || !values.stream().allMatch(v -> v instanceof String || v instanceof Number
        || v instanceof Boolean)) {
      throw new Problem("labels", "expected a list of names");
    }
    // As the readers name labels: booleans True/False (SuperGLUE's), numbers as written.
    List<String> names = values.stream()
        .map(v -> v instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(v)).toList();
    if (names.size() < (kind == TaskKind.TOKEN_CLASSIFICATION ? 1 : 2) || names.stream().distinct().count() != names.size()) {
      throw new Problem("labels", "expected " + (kind == TaskKind.TOKEN_CLASSIFICATION ? "at least one entity type"
          : "at least two classes") + ", each once; got " + names);
    }
    if (kind != TaskKind.TOKEN_CLASSIFICATION) {
      return names;
    }
    List<String> bio = new ArrayList<>(List.of("O"));
    for (String type : names) {
      if (type.equals("O") || type.matches("[BIES]-.*")) {
        throw new Problem("labels", "entity types, not tags: '" + type + "' (write PER for B-PER and I-PER)");
      }
      bio.add("B-" + type);
      bio.add("I-" + type);
    }
    return bio;
  }

  private static List<String> entityTypes(List<String> bio) {
    return bio.stream().filter(tag -> tag.startsWith("B-")).map(tag -> tag.substring(2)).toList();
  }

  private static Map<String, String> fieldMap(Object node) {
    if (!(node instanceof Map<?, ?> map)) {
      throw new Problem("fields", node == null ? "missing: {text_a: FIELD, label: FIELD, ...}" : "expected a map");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    map.forEach((key, value) -> {
      if (!FIELDS.contains(String.valueOf(key))) {
        throw new Problem("fields." + key, "unknown (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
      }
      if (!(value instanceof String s) || s.isBlank()) {
        throw new Problem("fields." + key, "expected a field or column name");
      }
      fields.put(String.valueOf(key), s);
    });
    return fields;
  }

  private static Map<String, Object> fields(String id, String textA, String textB, String label, String choices) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("text_a", textA);
    if (textB != null) {
      fields.put("text_b", textB);
    }
    if (label != null) {
      fields.put("label", label);
    }
    if (id != null) {
      fields.put("id", id);
    }
    if (choices != null) {
      fields.put("choices", choices);
    }
    return fields;
  }

  private static String requiredField(Map<String, String> fields, String key) {
    String value = fields.get(key);
    if (value == null) {
      throw new Problem("fields." + key, "missing");
    }
    return value;
  }

  private static int column(Map<String, ?> d, String key, int fallback) {
    Object value = d.get(key);
    if (value == null && fallback >= 0) {
      return fallback;
    }
    if (!(value instanceof Integer i) || i < 0) {
      throw new Problem(key, value == null ? "missing: the 0-based column of the tag" : "expected a 0-based column number, got " + value);
    }
    return i;
  }

  private static String required(Map<String, ?> d, String key) {
    Object value = d.get(key);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new Problem(key, value == null ? "missing" : "expected a name, got " + value);
    }
    return s;
  }

  private static String optional(Map<String, ?> d, String key, String fallback) {
    Object value = d.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s)) {
      throw new Problem(key, "expected a string, got " + value);
    }
    return s;
  }

  private static List<String> stringList(Object node, String key) {
    if (!(node instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof String)) {
      throw new Problem(key, "expected a list of names");
    }
    return list.stream().map(String.class::cast).toList();
  }

  private static String kindName(TaskKind kind) {
    return KINDS.entrySet().stream().filter(e -> e.getValue() == kind).findFirst().orElseThrow().getKey();
  }
}
