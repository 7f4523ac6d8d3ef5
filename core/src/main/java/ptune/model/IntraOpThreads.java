package ptune.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's intra-op thread count ({@code at::set_num_threads}, one per process). Left alone,
 * libtorch uses every core of the machine, so two one-core executors on one two-core node would each
 * run two threads and wait for each other (several times slower than one thread each). A trial
 * therefore uses as many threads as the cores Spark gave its task, unless the user chose a count
 * with {@value #PROPERTY}, which wins.
 */
public final class IntraOpThreads {

  /** DJL's system property for the thread count (read when the engine loads). */
  public static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private IntraOpThreads() {}

  /** The count for a task given {@code cores}: the user's {@value #PROPERTY} when set, else the cores. */
  public static int forCores(int cores) {
    String chosen = System.getProperty(PROPERTY);
    if (chosen != null && !chosen.isBlank()) {
      try {
        return Integer.parseInt(chosen.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-D" + PROPERTY + " must be a thread count, got '" + chosen + "'", e);
      }
    }
    return Math.max(1, cores);
  }

  /**
   * Sets {@code threads} intra-op threads (loading the engine first, so that its own start-up setting
   * comes before this one); returns the count in effect. Leaves {@value #PROPERTY} alone: it stays
   * the user's choice.
   */
  public static int use(int threads) {
    Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(threads);
    return JniUtils.getNumThreads();
  }
}
