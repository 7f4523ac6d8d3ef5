package ptune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every verb of the template against a small published sweep written here. */
class ResultTemplateTest {

  @TempDir Path root;
  private ResultTemplate template;

  @BeforeEach
  void publishedSweep() throws IOException {
    Path s = root.resolve("ner");
    Files.createDirectories(s.resolve("tables"));
    Files.createDirectories(s.resolve("trials"));
    Files.createDirectories(s.resolve("plots"));
    Files.writeString(s.resolve("tables/results.csv"), """
        selection,backbone,method,task,metric,mean,std,seeds,grid_point,test_mean,majority,dev_size,points_per_example,published,published_source,published_verified
        selected-on-dev-test,minilm-l6,ft,conll03,f1,81.2500,0.4000,3,"{epochs=4, lr=1.0E-4}",81.2500,0.0000,3250,0.0308,,,
        selected-on-dev-test,minilm-l6,pt,conll03,f1,70.0400,1.2600,3,"{epochs=8, lr=0.02}",70.0400,0.0000,3250,0.0308,,,
        selected-on-dev,minilm-l6,pt,conll03,f1,71.0000,1.0000,3,"{epochs=8, lr=0.02}",70.0400,0.0000,3250,0.0308,,,
        """);
    Files.writeString(s.resolve("trials/trials.csv"), """
        trial_id,backbone,method,task,status,best_epoch,epochs_run,seconds,trainable_parameters,epochs_json
        a,minilm-l6,pt,conll03,COMPLETED,5,8,600.0,9609,"[{""epoch"":1,""dev"":0.5}]"
        b,minilm-l6,pt,conll03,COMPLETED,8,8,660.0,9609,"[]"
        c,minilm-l6,ft,conll03,FAILED,0,0,12.0,22566146,"[]"
        """);
    Files.writeString(s.resolve("run.json"), """
        {"command":"conf/repro/run.sh ner","config":"conf/repro/ner.yaml","commit":"abc1234",
         "machine":{"cpu":"AMD EPYC","cores":2,"memory_gib":23,"java":"openjdk version 17"},
         "sessions":[{"started":"2026-12-01T11:38:00Z","finished":"2026-12-01T12:00:00Z","seconds":1320,"exit_code":0,"commit":"def5678","java_opts":"-Xmx6g","load_average_per_minute":[2.0,3.0]},
                     {"started":"2026-12-01T12:10:00Z","finished":"2026-12-01T13:10:00Z","seconds":3600,"exit_code":0,"commit":"def5678","java_opts":"-Xmx6g","load_average_per_minute":[4.0]}]}
        """);
    Files.writeString(s.resolve("tables/selected-on-dev-test.md"), "| a |\n|---|\n| 1 |\n\n");
    Files.writeString(s.resolve("plots/methods.svg"), "<svg/>");
    template = new ResultTemplate(root, "reproduction");
  }

  @Test
  void cellsAndGapsInPointsWithOneDecimal() {
    assertEquals("FT 81.3 ± 0.4 (3), gap +11.2, PT 70.0 std 1.3 over 3 seeds",
        render("FT {{cell ner selected-on-dev-test minilm-l6 ft conll03}}, gap "
            + "{{gap ner selected-on-dev-test minilm-l6 conll03 ft pt}}, PT {{mean ner selected-on-dev-test minilm-l6 pt conll03}} "
            + "std {{std ner selected-on-dev-test minilm-l6 pt conll03}} over {{seeds ner selected-on-dev-test minilm-l6 pt conll03}} seeds"));
    assertEquals("0.0 and 0.03 and `{epochs=8, lr=0.02}`", render("{{majority ner selected-on-dev-test conll03}} and "
        + "{{per-example ner selected-on-dev-test conll03}} and {{grid ner selected-on-dev-test minilm-l6 pt conll03}}"));
  }

  @Test
  void trialsAndRunFacts() {
    assertEquals("5-8 of 8, 10.5 min, 3 trials, 1 failed, 9,609 and 22,566,146 trainable",
        render("{{best-epochs ner minilm-l6 pt conll03}}, {{trial-minutes ner minilm-l6 pt conll03}} min, "
            + "{{trials ner}} trials, {{trials ner FAILED}} failed, {{trainable ner minilm-l6 pt conll03}} and "
            + "{{trainable ner minilm-l6 ft conll03}} trainable"));
    assertEquals("1 h 22 min in 2 sessions, 2026-12-01T11:38:00Z to 2026-12-01T13:10:00Z, load 3.0, abc1234",
        render("{{run ner wall}} in {{run ner sessions}} sessions, {{run ner started}} to {{run ner finished}}, "
            + "load {{run ner load}}, {{run ner commit}}"));
    assertEquals("AMD EPYC, 2 cores, 23 GiB, openjdk version 17", render("{{run ner machine}}"));
    assertEquals("0 of 0", render("{{best-epochs ner minilm-l6 ft conll03}}"), "one trial: its best epoch alone");
    assertEquals("-Xmx6g", render("{{run ner java_opts}}"), "the same options in both sessions, once");
    assertEquals("none", render("{{run ner args}}"), "sessions before run.sh recorded its options, or without any");
    assertEquals("def5678", render("{{run ner ran_commits}}"), "both sessions ran one commit");
  }

  @Test
  void trialEpochsAndTheSelectedPointRerunWithMoreSeeds() throws IOException {
    Path s = root.resolve("seeds");
    Files.createDirectories(s.resolve("tables"));
    Files.createDirectories(s.resolve("trials"));
    Files.writeString(s.resolve("tables/results.csv"), "selection,backbone,method,task\n");
    Files.writeString(s.resolve("run.json"), "{}");
    // pt's selected point is {epochs=8, lr=0.02}: rows 1-2 ran it (lr written another way), row 3
    // another lr, row 4 was stopped, row 5 is another method
    Files.writeString(s.resolve("trials/trials.csv"), """
        trial_id,backbone,method,task,status,epochs,lr,dev_score,test_score,epochs_run,best_epoch,dev_scores
        a,minilm-l6,pt,conll03,COMPLETED,8,2.0E-2,0.70,0.60,8,2,0.5;0.7;0.6
        b,minilm-l6,pt,conll03,COMPLETED,8,0.02,0.74,0.66,8,6,0.4;0.5;0.74
        c,minilm-l6,pt,conll03,COMPLETED,8,0.03,0.99,0.99,8,8,0.6;0.6;0.99
        d,minilm-l6,pt,conll03,STOPPED,8,0.02,0.10,0.10,3,1,0.1;0.05;0.08
        e,minilm-l6,ft,conll03,COMPLETED,8,0.02,0.10,0.10,4,1,0.1
        """);
    assertEquals("31 and 16, 1.9x", render("{{trial-epochs seeds}} and {{trial-epochs ner}}, {{trial-epochs-ratio seeds ner}}x"));
    assertEquals("dev 72.0 ± 2.8 (2), test 63.0 ± 4.2 (2)",
        render("dev {{rerun ner selected-on-dev minilm-l6 pt conll03 seeds}}, "
            + "test {{rerun ner selected-on-dev-test minilm-l6 pt conll03 seeds}}"));
    assertEquals("""
        | lr | status | epochs trained | best dev to epoch 2 | best dev (epoch) |
        |---|---|---|---|---|
        | 0.03 | COMPLETED | 8 | 60.0 | 99.0 (8) |
        | 0.02 | COMPLETED | 8 | 50.0 | 74.0 (6) |
        | 2.0E-2 | COMPLETED | 8 | 70.0 | 70.0 (2) |
        | 0.02 | STOPPED | 3 | 10.0 | 10.0 (1) |""", render("{{curves seeds minilm-l6 pt conll03 lr 2}}"));
    // rows a and b are one grid point (lr written two ways); d was stopped, so it is not scored
    assertEquals("""
        | epochs | lr | best dev, mean ± std (seeds) | best epochs |
        |---|---|---|---|
        | 8 | 0.03 | 99.0 ± 0.0 (1) | 8 of 8 |
        | 8 | 2.0E-2 | 72.0 ± 2.8 (2) | 2-6 of 8 |""", render("{{grid-means seeds minilm-l6 pt conll03 epochs,lr}}"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> render("{{rerun ner selected-on-dev-test minilm-l6 ft conll03 seeds}}")).getMessage()
        .contains("sweep seeds has no finished trial of minilm-l6 ft conll03 at {epochs=4, lr=1.0E-4}"));
  }

  @Test
  void idleSlotTimeFromTheSchedulersLastLine() throws IOException {
    Files.writeString(root.resolve("ner/console.txt"), """
        sweep s: rungs: job of 4 trial(s): 231.9 s on 2 slot(s): trials trained 231.4 slot-s, idle 232.4 slot-s (50%)
        sweep s: rungs: 840.7 s on 2 slot(s): trials trained 838.5 slot-s, idle 842.9 slot-s (50%)
        """);
    assertEquals("842.9 slot-s of 2 x 840.7 s (50%)", render("{{idle ner}}"));
    Files.writeString(root.resolve("ner/console.txt"), "no scheduler here\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> render("{{idle ner}}")).getMessage()
        .contains("has no scheduler slot-usage line"));
  }

  @Test
  void tablesAndFiguresFromTheSweepDirectory() {
    assertEquals("x\n| a |\n|---|\n| 1 |\ny", render("x\n{{table ner selected-on-dev-test.md}}\ny"));
    assertEquals("![ner: methods](reproduction/ner/plots/methods.svg)", render("{{figure ner methods}}"));
  }

  @Test
  void mistakesNameTheTemplateLineAndWhatExists() {
    IllegalArgumentException noCell = assertThrows(IllegalArgumentException.class,
        () -> render("ok\n{{mean ner selected-on-dev minilm-l6 pt2 conll03}}"));
    assertTrue(noCell.getMessage().startsWith("doc.md:2: {{mean ner selected-on-dev minilm-l6 pt2 conll03}}: sweep ner has no cell"),
        noCell.getMessage());
    assertTrue(noCell.getMessage().contains("selected-on-dev-test minilm-l6 pt conll03"), noCell.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> render("{{mode ner}}"))
        .getMessage().contains("unknown verb 'mode'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> render("{{run other wall}}"))
        .getMessage().contains("no published sweep 'other'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> render("{{figure ner missing}}"))
        .getMessage().contains("no figure"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> render("{{cell ner selected-on-dev-test minilm-l6}}"))
        .getMessage().contains("expected S SEL B M T, got 3 argument(s)"));
  }

  @Test
  void durations() {
    assertEquals("0 min", ResultTemplate.duration(20));
    assertEquals("59 min", ResultTemplate.duration(59 * 60));
    assertEquals("2 h 0 min", ResultTemplate.duration(7190));
  }

  private String render(String text) {
    return template.render(text, "doc.md");
  }
}
