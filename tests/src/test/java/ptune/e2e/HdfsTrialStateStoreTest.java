package ptune.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ptune.results.HadoopTrialStateStore;
import ptune.results.ResultWriteException;
import ptune.results.RungDecisionLog;
import ptune.results.SweepLayout;
import ptune.trainer.AdamW;
import ptune.trainer.EpochReport;
import ptune.trainer.TrainerConfig;
import ptune.trainer.TrainingState;
import ptune.trial.TrialStateFile;

/**
 * A trial's training state in a sweep's store on HDFS (a MiniDFSCluster): none before the first
 * save, saved and replaced in one rename, read back whole; a damaged file is set aside as
 * {@code .damaged} and reads as none; deleted once the trial's result is written. The
 * successive-halving scheduler's decisions in the same store: written once in one rename, read
 * back as written, a second write of a decided rung refused, cleared by --force.
 */
@Tag("slow")
class HdfsTrialStateStoreTest {

  @Test
  @Timeout(120)
  void savesReplacesSetsAsideAndDeletesOnHdfs() throws Exception {
    MiniDFSCluster dfs = miniDfs();
    try {
      String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
      FileSystem fs = FileSystem.get(java.net.URI.create(hdfs), dfs.getConfiguration(0));
      SweepLayout layout = new SweepLayout(hdfs + "/runs/s");
      HadoopTrialStateStore store = HadoopTrialStateStore.of(layout, "0123abcd");
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(hdfs + "/runs/s/state/0123abcd.bin");
      assertEquals(file.toString(), store.location());

      assertTrue(store.load().isEmpty(), "no state before the first save");
      store.save(state(1));
      store.save(state(2)); // replaces the first
      TrainingState read = store.load().orElseThrow();
      assertEquals(2, read.completedEpochs());
      assertArrayEquals(state(2).parameters().get("prefix"), read.parameters().get("prefix"));
      assertEquals(Map.of("held_out_per_epoch", "[1, 2]"), read.attachments());
      assertEquals(1, fs.listStatus(file.getParent()).length, "no temporary file left: " + List.of(fs.listStatus(file.getParent())));

      try (OutputStream out = fs.create(file, true)) {
        out.write("not a state".getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(store.load().isEmpty(), "a damaged state reads as none");
      assertFalse(fs.exists(file));
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(file + TrialStateFile.DAMAGED_SUFFIX)), "set aside for a look");

      store.save(state(1));
      store.delete();
      assertFalse(fs.exists(file));
      store.delete(); // nothing to delete: no error
    } finally {
      dfs.shutdown();
    }
  }

  @Test
  @Timeout(120)
  void rungDecisionsOnHdfs() throws Exception {
    MiniDFSCluster dfs = miniDfs();
    try {
      String hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
      FileSystem fs = FileSystem.get(java.net.URI.create(hdfs), dfs.getConfiguration(0));
      RungDecisionLog log = new RungDecisionLog(new SweepLayout(hdfs + "/runs/s"));
      String bracket = "minilm-l6 pt2 conll03";
      assertTrue(log.read(bracket, 0).isEmpty(), "no decision before the rung is decided");
      Map<String, Double> scores = new LinkedHashMap<>();
      scores.put("lr=0.03,prefix_len=4", 0.5045);
      scores.put("lr=0.06,prefix_len=64", 0.3933);
      RungDecisionLog.Decision decision = new RungDecisionLog.Decision(bracket, 0, 3, "dev", scores,
          List.of("lr=0.03,prefix_len=4"));
      log.write(decision);
      assertEquals(decision, log.read(bracket, 0).orElseThrow());
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(hdfs + "/runs/s/scheduler");
      assertEquals(List.of("minilm-l6_pt2_conll03.rung0.json"),
          List.of(fs.listStatus(dir)).stream().map(f -> f.getPath().getName()).toList(), "no temporary file left");
      assertThrows(ResultWriteException.class, () -> log.write(decision), "a decided rung is not decided again");
      assertEquals(decision, log.read(bracket, 0).orElseThrow(), "the first decision stands");
      assertEquals(1, fs.listStatus(dir).length, "the refused write left no temporary file");
      log.clear();
      assertFalse(fs.exists(dir));
      assertTrue(log.read(bracket, 0).isEmpty());
    } finally {
      dfs.shutdown();
    }
  }

  private static MiniDFSCluster miniDfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
        Path.of("target", "minidfs-" + UUID.randomUUID()).toAbsolutePath().toString());
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    return dfs;
  }

  /** A small state after {@code epochs} epochs. */
  private static TrainingState state(int epochs) {
    Map<String, float[]> parameters = new LinkedHashMap<>();
    parameters.put("prefix", new float[] {0.5f * epochs, -1.25f, 3e-7f});
    AdamW.Moments moments = new AdamW.Moments(3L * epochs, List.of(new float[] {1e-3f, 2e-3f, 3e-3f}),
        List.of(new float[] {1e-6f, 2e-6f, 3e-6f}));
    List<EpochReport> history = new java.util.ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      history.add(new EpochReport(e, 0.7 / e, Map.of("accuracy", 0.5 + 0.1 * e), 0.5 + 0.1 * e, 1.0, 8.0));
    }
    return new TrainingState(TrainerConfig.officialSuperGlue(1e-2, 4, 4, 3), epochs, parameters, moments,
        3L * epochs, history, new TrainingState.Best(epochs, 0.5 + 0.1 * epochs, Map.of(), parameters), 0,
        12L * epochs, epochs, Map.of("held_out_per_epoch", "[1, 2]"));
  }
}
