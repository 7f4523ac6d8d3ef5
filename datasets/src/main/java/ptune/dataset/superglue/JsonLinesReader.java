package ptune.dataset.superglue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ptune.dataset.BadRecords;
import ptune.dataset.DatasetFormatException;
import ptune.dataset.DatasetReader;
import ptune.dataset.LineRecords;
import ptune.dataset.Example;
import ptune.dataset.ReadOptions;
import ptune.dataset.ReadResult;
import ptune.dataset.RecordProblem;
import ptune.dataset.TextFile;

/** Reads JSON Lines files (SuperGLUE, FewGLUE), one record per non-blank line. */
public final class JsonLinesReader implements DatasetReader, LineRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonRecordParser parser;

  public JsonLinesReader(JsonRecordParser parser) {
    this.parser = parser;
  }

  @Override
  public int headerLines() {
    return 0;
  }

  @Override
  public List<Example> parse(List<String> header, long index, String line) {
    return line.isBlank() ? List.of() : parser.parse(parseLine(line), index);
  }

  @Override
  public ReadResult read(List<Path> files, ReadOptions options) {
    BadRecords bad = new BadRecords(options);
    List<Example> examples = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = TextFile.readLines(file);
      for (int i = 0; i < lines.size(); i++) {
        try {
          examples.addAll(parse(List.of(), i, lines.get(i)));
        } catch (RecordProblem problem) {
          bad.handle(new DatasetFormatException(file, i + 1, problem));
        }
      }
    }
    return new ReadResult(examples, bad.skipped());
  }

  private static JsonNode parseLine(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (!node.isObject()) {
        throw new RecordProblem(null, "expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new RecordProblem(null, "malformed JSON: " + e.getOriginalMessage());
    }
  }
}
