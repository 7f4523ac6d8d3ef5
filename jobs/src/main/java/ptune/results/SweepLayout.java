package ptune.results;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Where everything a sweep writes lives: {@code DIR/<sweep name>/} with trials/, checkpoints/,
 * state/, tables/, plots/, features/ and history/. The root is a fully qualified Hadoop URI (file:, hdfs://)
 * so that executors with another working directory resolve it the same way.
 *
 * <p>A rerun ({@code --rerun}, see {@code ptune.sweep.RunHistory}) is laid out the same way under
 * {@code history/<run id>/}: its {@link #run layout} has its own trials/, checkpoints/, tables/ and
 * plots/ there, and shares the sweep's features/ and history/.
 *
 * @param sweepRoot the sweep's directory; equal to {@code root} except for a rerun's layout
 */
public record SweepLayout(String root, String sweepRoot) implements Serializable {

  public SweepLayout(String root) {
    this(root, root);
  }

  /** The layout of sweep {@code name} under {@code outDir}, which may be relative to the driver's cwd. */
  public static SweepLayout of(String outDir, String name) {
    return atRoot(new Path(outDir, name).toString());
  }

  /** The layout rooted at an existing sweep directory ({@code DIR/<sweep name>}). */
  public static SweepLayout atRoot(String sweepDir) {
    try {
      Path dir = new Path(sweepDir);
      return new SweepLayout(dir.getFileSystem(new Configuration()).makeQualified(dir).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + sweepDir, e);
    }
  }

  /** A path for people to read: a local one without its file: scheme, any other URI as it is. */
  public static String display(String uri) {
    return uri.startsWith("file:") ? new Path(uri).toUri().getPath() : uri;
  }

  public String trials() {
    return root + "/trials";
  }

  public String trialParts() {
    return root + "/trials/parts";
  }

  public String checkpoints() {
    return root + "/checkpoints";
  }

  /**
   * The trials' saved training states, {@code state/<trial id>.bin}: what a trial lost mid-way or
   * stopped by its time limit resumes from (see {@link HadoopTrialStateStore}).
   */
  public String state() {
    return root + "/state";
  }

  /**
   * The successive-halving scheduler's rung decisions, one file per bracket and rung (see
   * {@link RungDecisionLog}): a rerun continues with the recorded promotions.
   */
  public String scheduler() {
    return root + "/scheduler";
  }

  public String tables() {
    return root + "/tables";
  }

  public String plots() {
    return root + "/plots";
  }

  public String features() {
    return sweepRoot + "/features";
  }

  public String history() {
    return sweepRoot + "/history";
  }

  /** The layout of this sweep's run {@code id}: {@code history/<id>/}, sharing features/ and history/. */
  public SweepLayout run(String id) {
    return new SweepLayout(history() + "/" + id, sweepRoot);
  }

  /** The sweep's own layout (this one unless this is a run's). */
  public SweepLayout sweep() {
    return new SweepLayout(sweepRoot);
  }
}
