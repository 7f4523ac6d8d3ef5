package ptune.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import ptune.trial.TrialStatus;

/**
 * The per-trial result files of a sweep, {@code trials/parts/<trialId>.json}, written by the task
 * that ran the trial the moment it finishes. Each file appears atomically (temp file + rename), so
 * a crash loses at most the trials in flight; a part damaged afterwards (truncated, overwritten)
 * is found by {@link #scan()}, reported by name and its trial run again.
 */
public final class TrialResultStore implements Serializable {

  private static final String PART_SUFFIX = ".json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STATUSES =
      Arrays.stream(TrialStatus.values()).map(TrialStatus::name).toList();

  private final SweepLayout layout;

  /** The folder under trials/ that damaged parts are moved to: kept for a look, never a result. */
  public static final String DAMAGED = "damaged";

  public TrialResultStore(SweepLayout layout) {
    this.layout = layout;
  }

  public SweepLayout layout() {
    return layout;
  }

  public void write(String trialId, String rowJson) {
    Path part = new Path(layout.trialParts(), trialId + PART_SUFFIX);
    // Hidden name: Spark and the listing below ignore it until the rename publishes it.
    Path temp = new Path(layout.trialParts(), "." + trialId + "." + UUID.randomUUID() + ".tmp");
    try {
      FileSystem fs = part.getFileSystem(new Configuration());
      try (OutputStream out = fs.create(temp, false)) {
        out.write(rowJson.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
      fs.delete(part, false);
      if (!fs.rename(temp, part)) {
        throw new IOException("rename " + temp + " -> " + part + " failed");
      }
    } catch (IOException e) {
      throw new ResultWriteException("cannot write the result of trial " + trialId + " to " + part, e);
    }
  }

  /**
   * Reads every part file and checks it is a whole result row of the trial it is named after: valid
   * JSON (a truncated file is not), the trial id, a known status and the last column written.
   * A Hadoop checksum mismatch (the {@code .crc} sidecar of a local or checksummed filesystem)
   * makes a part damaged too.
   */
  public PartScan scan() {
    Map<String, String> rows = new TreeMap<>();
    Map<String, String> statuses = new TreeMap<>();
    Map<String, String> damaged = new TreeMap<>();
    FileStatus[] parts = listParts();
    if (parts.length == 0) {
      return new PartScan(rows, statuses, damaged);
    }
    try {
      FileSystem fs = parts[0].getPath().getFileSystem(new Configuration());
      for (FileStatus status : parts) {
        String name = status.getPath().getName();
        String id = name.substring(0, name.length() - PART_SUFFIX.length());
        String text;
        try (InputStream in = fs.open(status.getPath())) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          damaged.put(id, status.getPath() + ": unreadable (" + firstLine(e) + ")");
          continue;
        }
        JsonNode row;
        try {
          row = JSON.readTree(text);
        } catch (IOException e) {
          damaged.put(id, status.getPath() + ": not a whole JSON row (truncated?): " + firstLine(e));
          continue;
        }
        String problem = problem(row, id);
        if (problem != null) {
          damaged.put(id, status.getPath() + ": " + problem);
          continue;
        }
        rows.put(id, text);
        statuses.put(id, TrialRow.Column.STATUS.of(row).asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + layout.trialParts(), e);
    }
    return new PartScan(rows, statuses, damaged);
  }

  /** "runner R, data_dir D" of a result row; rows written before these columns existed say "unknown". */
  public static String provenance(String rowJson) {
    try {
      JsonNode row = JSON.readTree(rowJson);
      return TrialRow.Column.RUNNER.columnName() + " " + TrialRow.Column.RUNNER.of(row).asText("unknown") + ", "
          + TrialRow.Column.DATA_DIR.columnName() + " " + TrialRow.Column.DATA_DIR.of(row).asText("unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("a checked part no longer parses", e);
    }
  }

  /** Why {@code row} is not the result row of trial {@code id}, or null. */
  private static String problem(JsonNode row, String id) {
    if (row == null || !row.isObject()) {
      return "not a JSON object";
    }
    String trialId = TrialRow.Column.TRIAL_ID.of(row).asText(null);
    if (!id.equals(trialId)) {
      return TrialRow.Column.TRIAL_ID.columnName() + " is '" + trialId + "', not the file's " + id;
    }
    String status = TrialRow.Column.STATUS.of(row).asText(null);
    if (!STATUSES.contains(status == null ? "" : status)) {
      return TrialRow.Column.STATUS.columnName() + " is '" + status + "', not one of " + STATUSES;
    }
    if (TrialRow.Column.FINISHED_AT.of(row).isMissingNode()) {
      return "no " + TrialRow.Column.FINISHED_AT.columnName() + " (cut short)";
    }
    return null;
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /**
   * Moves damaged parts (and their checksum sidecars) to {@code trials/damaged/} so that their
   * trials run again and the consolidated tables can be rebuilt; the bytes are kept for a look.
   *
   * @return how many parts were moved
   */
  public int quarantine(PartScan scan) {
    if (scan.damaged().isEmpty()) {
      return 0;
    }
    try {
      Path dir = new Path(layout.trials(), DAMAGED);
      FileSystem fs = dir.getFileSystem(new Configuration());
      fs.mkdirs(dir);
      int moved = 0;
      for (String id : scan.damaged().keySet()) {
        Path part = new Path(layout.trialParts(), id + PART_SUFFIX);
        Path target = new Path(dir, id + PART_SUFFIX + "." + System.currentTimeMillis());
        if (fs.rename(part, target)) {
          moved++;
        } else {
          throw new IOException("rename " + part + " -> " + target + " failed");
        }
      }
      return moved;
    } catch (IOException e) {
      throw new ResultWriteException("cannot move damaged parts aside under " + layout.trials(), e);
    }
  }

  /**
   * The part files as read now.
   *
   * @param rows trial id to its result row (JSON), readable parts only
   * @param statuses trial id to its {@link TrialStatus} name
   * @param damaged trial id to "path: what is wrong", per damaged part
   */
  public record PartScan(Map<String, String> rows, Map<String, String> statuses, Map<String, String> damaged) {

    /** Trials with a result a rerun keeps: COMPLETED or DIVERGED ({@link TrialStatus#done()}). */
    public Set<String> finished() {
      return withStatus(status -> status.done());
    }

    public Set<String> failed() {
      return withStatus(status -> status == TrialStatus.FAILED);
    }

    /** Trials stopped by their time limit: a rerun continues them from their saved state. */
    public Set<String> timedOut() {
      return withStatus(status -> status == TrialStatus.TIMED_OUT);
    }

    private Set<String> withStatus(java.util.function.Predicate<TrialStatus> test) {
      Set<String> ids = new TreeSet<>();
      statuses.forEach((id, status) -> {
        if (test.test(TrialStatus.valueOf(status))) {
          ids.add(id);
        }
      });
      return ids;
    }

    public List<String> damagedParts() {
      return List.copyOf(damaged.values());
    }
  }

  /** Where the result row of {@code trialId} is (whether or not it exists yet). */
  public String partPath(String trialId) {
    return new Path(layout.trialParts(), trialId + PART_SUFFIX).toString();
  }

  /** The result row of a finished trial, as {@link TrialRow#toJson} wrote it. */
  public String read(String trialId) {
    Path part = new Path(partPath(trialId));
    try {
      FileSystem fs = part.getFileSystem(new Configuration());
      try (var in = fs.open(part)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + part, e);
    }
  }

  public boolean hasParts() {
    return listParts().length > 0;
  }

  /** Removes the results (checkpoints, saved states) of {@code trialIds} so they run again from epoch 1. */
  public void forget(Collection<String> trialIds) {
    try {
      FileSystem fs = new Path(layout.root()).getFileSystem(new Configuration());
      for (String id : trialIds) {
        fs.delete(new Path(layout.trialParts(), id + PART_SUFFIX), false);
        fs.delete(new Path(layout.checkpoints(), id), true);
        fs.delete(new Path(HadoopTrialStateStore.of(layout, id).location()), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove old results", e);
    }
  }

  /**
   * Moves a trial's local checkpoint directory to {@code checkpoints/<trialId>/} beside the results.
   *
   * @return the checkpoint's URI, or null when the trial saved nothing
   */
  public String moveCheckpoint(java.nio.file.Path localDir, String trialId) {
    try {
      Configuration conf = new Configuration();
      FileSystem local = FileSystem.getLocal(conf);
      Path source = new Path(localDir.toUri());
      if (!local.exists(source) || local.listStatus(source).length == 0) {
        local.delete(source, true);
        return null;
      }
      Path target = new Path(layout.checkpoints(), trialId);
      FileSystem fs = target.getFileSystem(conf);
      fs.delete(target, true);
      FileUtil.copy(local, source, fs, target, true, conf);
      return target.toString();
    } catch (IOException e) {
      throw new ResultWriteException("cannot copy the checkpoint of trial " + trialId + " to "
          + layout.checkpoints(), e);
    }
  }

  private FileStatus[] listParts() {
    try {
      Path dir = new Path(layout.trialParts());
      FileSystem fs = dir.getFileSystem(new Configuration());
      if (!fs.exists(dir)) {
        return new FileStatus[0];
      }
      return fs.listStatus(dir, p -> p.getName().endsWith(PART_SUFFIX) && !p.getName().startsWith("."));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + layout.trialParts(), e);
    }
  }
}
