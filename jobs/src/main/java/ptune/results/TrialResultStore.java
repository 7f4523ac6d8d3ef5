package ptune.results;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import ptune.sweep.SweepLayout;

/**
 * The per-trial result files of a sweep, {@code trials/parts/<trialId>.json}, written by the task
 * that ran the trial the moment it finishes. Each file appears atomically (temp file + rename), so
 * a crash loses at most the trials in flight and a part file is always complete.
 */
public final class TrialResultStore implements Serializable {

  private static final String PART_SUFFIX = ".json";

  private final SweepLayout layout;

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
      throw new UncheckedIOException("cannot write result of trial " + trialId, e);
    }
  }

  public Set<String> finishedTrialIds() {
    Set<String> ids = new HashSet<>();
    for (FileStatus status : listParts()) {
      String name = status.getPath().getName();
      ids.add(name.substring(0, name.length() - PART_SUFFIX.length()));
    }
    return ids;
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

  /** Removes the results (and checkpoints) of {@code trialIds} so that they are run again. */
  public void forget(Collection<String> trialIds) {
    try {
      FileSystem fs = new Path(layout.root()).getFileSystem(new Configuration());
      for (String id : trialIds) {
        fs.delete(new Path(layout.trialParts(), id + PART_SUFFIX), false);
        fs.delete(new Path(layout.checkpoints(), id), true);
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
      throw new UncheckedIOException("cannot copy checkpoint of trial " + trialId, e);
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
