package ptune.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import ptune.results.SweepLayout;
import ptune.results.TrialResultStore;

/**
 * The runs of a sweep, for scheduled benchmark reruns. Each run has an id, its start as a UTC
 * timestamp ({@code 20261201T093000.123Z}, so that ids sort by time), and a directory
 * {@code history/<id>/} holding its tables/ and plots/ as published. The sweep's own trials/,
 * tables/ and plots/ always show the current (latest) run; {@code RUN} in the sweep directory names
 * it.
 *
 * <ul>
 *   <li>The <b>initial run</b> ({@code ptune run} without {@code --rerun}) trains into the sweep's
 *       own trials/ and checkpoints/, as always; resuming it skips finished trials.
 *   <li>A <b>rerun</b> ({@code --rerun}) re-executes every trial into {@code history/<id>/}: its
 *       trials/ (parts and consolidated tables) and its checkpoints/ live there for good, so the
 *       checkpoint paths in its rows stay valid after later runs; its trials/ are then copied to the
 *       sweep's trials/. Starting the first rerun first copies the initial run's trials/ into its
 *       history directory (its checkpoints stay in the sweep's checkpoints/, where its rows point).
 *       A later {@code ptune sweep} without {@code --rerun} resumes the current rerun.
 * </ul>
 *
 * Features are shared by all runs (they are keyed by encoder fingerprint, so a changed encoder
 * writes new ones).
 */
public final class RunHistory {

  /** The marker naming the current run. */
  public static final String MARKER = "RUN";
  public static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern ID_PATTERN = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One run: its id, where its trials and checkpoints live (the sweep's layout for the initial
   * run, {@code history/<id>/} for a rerun), and whether it is a rerun.
   */
  public record Run(String id, SweepLayout layout, boolean rerun) {}

  private final SweepLayout sweep;

  public RunHistory(SweepLayout layout) {
    this.sweep = layout.sweep();
  }

  /**
   * The run the sweep's tables show and a plain {@code sweep} resumes. On a sweep that has none
   * yet this is the initial run, whose id is fixed (and recorded) now.
   */
  public Run current() {
    try {
      FileSystem fs = fs();
      Path marker = new Path(sweep.root(), MARKER);
      if (fs.exists(marker)) {
        JsonNode json;
        try (InputStream in = fs.open(marker)) {
          json = JSON.readTree(in);
        }
        String id = json.path("id").asText();
        boolean rerun = json.path("rerun").asBoolean();
        return new Run(id, rerun ? sweep.run(id) : sweep, rerun);
      }
      Run initial = new Run(newId(null), sweep, false);
      mark(fs, initial);
      return initial;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the current run of " + sweep.root(), e);
    }
  }

  /** A new, empty run after the current one, which becomes current; earlier runs are kept. */
  public Run startRerun() {
    Run previous = current();
    try {
      FileSystem fs = fs();
      if (!previous.rerun() && fs.exists(new Path(sweep.trials()))) {
        copyResults(fs, new Path(sweep.trials()), new Path(sweep.run(previous.id()).trials()));
      }
      String id = newId(previous.id());
      Run run = new Run(id, sweep.run(id), true);
      if (!fs.mkdirs(new Path(run.layout().root()))) {
        throw new IOException("cannot create " + run.layout().root());
      }
      mark(fs, run);
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a rerun of " + sweep.root(), e);
    }
  }

  /** After a rerun's sweep: its consolidated trials become the sweep's trials/. */
  public void showInSweep(Run run) {
    if (!run.rerun()) {
      return;
    }
    try {
      FileSystem fs = fs();
      if (fs.exists(new Path(run.layout().trials()))) {
        copyResults(fs, new Path(run.layout().trials()), new Path(sweep.trials()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the trials of run " + run.id() + " to " + sweep.trials(), e);
    }
  }

  /** Ids of the runs with published tables, oldest first. */
  public List<String> runsWithTables() {
    try {
      FileSystem fs = fs();
      Path history = new Path(sweep.history());
      List<String> ids = new ArrayList<>();
      if (!fs.exists(history)) {
        return ids;
      }
      for (FileStatus s : fs.listStatus(history)) {
        String name = s.getPath().getName();
        if (s.isDirectory() && ID_PATTERN.matcher(name).matches() && fs.exists(new Path(tables(name), "results.parquet"))) {
          ids.add(name);
        }
      }
      ids.sort(null);
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sweep.history(), e);
    }
  }

  /** The run before {@code id} that has tables, or null. */
  public String previous(String id) {
    String before = null;
    for (String r : runsWithTables()) {
      if (r.compareTo(id) < 0) {
        before = r;
      }
    }
    return before;
  }

  /** The tables directory of run {@code id}: {@code history/<id>/tables}. */
  public String tables(String id) {
    return sweep.run(id).tables();
  }

  /**
   * The tables directory a {@code --baseline} names: a run id of this sweep, a run's directory, or a
   * tables directory, each holding results.parquet. Unknown: an error listing the runs there are.
   */
  public String baselineTables(String baseline) {
    List<String> runs = runsWithTables();
    if (runs.contains(baseline)) {
      return tables(baseline);
    }
    try {
      Path given = new Path(baseline);
      FileSystem fs = given.getFileSystem(new Configuration());
      for (Path dir : List.of(new Path(given, "tables"), given)) {
        if (fs.exists(new Path(dir, "results.parquet"))) {
          return fs.makeQualified(dir).toString();
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // not a usable path either: reported below
    }
    throw new IllegalArgumentException("--baseline " + baseline + ": no run " + baseline + " in " + sweep.history()
        + " (runs with tables: " + (runs.isEmpty() ? "none" : String.join(", ", runs))
        + ") and no results.parquet in " + baseline + " or " + baseline + "/tables");
  }

  /** A timestamp id, later than {@code after} even within the same millisecond. */
  private static String newId(String after) {
    Instant now = Instant.now();
    if (after != null) {
      Instant last = Instant.from(ID.parse(after));
      if (!now.isAfter(last)) {
        now = last.plusMillis(1);
      }
    }
    return ID.format(now);
  }

  private void mark(FileSystem fs, Run run) throws IOException {
    try (OutputStream out = fs.create(new Path(sweep.root(), MARKER), true)) {
      out.write(JSON.createObjectNode().put("id", run.id()).put("rerun", run.rerun()).put("root", run.layout().root())
          .toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Replaces {@code target} with a copy of {@code source}. */
  /**
   * Replaces what {@code target} (a trials/ folder) holds of each entry of {@code source} but the
   * quarantined damaged parts, which are no results (their checksums fail by definition, so a copy
   * would stop at them) and stay where they were moved to, for a look.
   */
  private static void copyResults(FileSystem fs, Path source, Path target) throws IOException {
    fs.mkdirs(target);
    for (FileStatus entry : fs.listStatus(source)) {
      String name = entry.getPath().getName();
      if (name.equals(TrialResultStore.DAMAGED)) {
        continue;
      }
      Path to = new Path(target, name);
      fs.delete(to, true);
      if (!FileUtil.copy(fs, entry.getPath(), fs, to, false, fs.getConf())) {
        throw new IOException("cannot copy " + entry.getPath() + " to " + to);
      }
    }
  }

  private FileSystem fs() throws IOException {
    return new Path(sweep.root()).getFileSystem(new Configuration());
  }
}
