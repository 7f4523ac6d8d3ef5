package ptune.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import ptune.results.SweepLayout;
import ptune.trial.TrialStatus;

/**
 * The aggregate step's figures and report.html over a real trials table (parts written as a sweep
 * writes them, consolidated by Spark), published twice so that the report has a previous run to
 * compare with. The report is opened in headless Chromium; its screenshot stays in
 * {@code target/sweep-report-test/report-screenshot.png}.
 */
class SweepReportTest {

  private static final Path OUT = Path.of("target", "sweep-report-test");
  private static final String NO_CHROMIUM =
      "chromium is not installed (apt-get install chromium; .ci/run installs it, so CI runs this test)";

  static SparkSession spark;
  static List<TrialRecord> records;
  static Path sweepDir;

  @BeforeAll
  static void publishTwice() throws Exception {
    spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "1").getOrCreate();
    deleteRecursively(OUT);
    records = SweepFixture.paperLike().write(spark, OUT, "paper-like");
    SweepLayout layout = SweepLayout.of(OUT.toString(), "paper-like");
    sweepDir = OUT.resolve("paper-like");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    // The "previous run": PT-2 on CB did 15 points better (well beyond its seed spread of ~4 points), so
    // this run shows it as a regression.
    List<TrialRecord> before = records.stream().map(r -> r.backbone().equals("minilm-l6") && r.method().equals("pt2")
        && r.task().equals("cb") && r.devScore() != null ? withDevScore(r, r.devScore() + 0.15) : r).toList();
    new TablePublisher(spark, quiet).publish(before, layout, 1.0, "FT vs PT vs PT-2, two backbones");
    new TablePublisher(spark, quiet).publish(records, layout, 1.0, "FT vs PT vs PT-2, two backbones");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void everyFigureHasAPngAndAnSvgAndTheMethodsKeepTheirColours() throws Exception {
    Path plots = sweepDir.resolve("plots");
    List<String> expected = new ArrayList<>();
    for (String b : List.of("minilm-l6", "bert-large-cased")) {
      expected.addAll(List.of("methods-per-task-" + b, "dev-vs-prompt-length-" + b, "learning-curves-" + b));
    }
    expected.add("score-vs-backbone-size"); // two backbones with parameter counts
    MethodPalette palette = MethodPalette.of(List.of("ft", "pt", "pt2"));
    for (String name : expected) {
      BufferedImage png = ImageIO.read(plots.resolve(name + ".png").toFile());
      assertNotNull(png, name + ".png is not a readable PNG");
      assertEquals(900 * Figure.PNG_SCALE, png.getWidth(), name);
      assertTrue(png.getHeight() >= 500 * Figure.PNG_SCALE, name + " is " + png.getHeight() + " px tall");
      assertEquals(Color.WHITE.getRGB(), png.getRGB(2, 2), name + ": white background");

      String svg = Files.readString(plots.resolve(name + ".svg"));
      DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
      xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      Document doc = xml.newDocumentBuilder().parse(plots.resolve(name + ".svg").toFile());
      assertEquals("svg", doc.getDocumentElement().getTagName(), name);
      // Prompt-length figures have no FT line (FT has no prompt); every other figure shows all three.
      for (String method : name.startsWith("dev-vs-prompt-length") ? List.of("pt", "pt2") : List.of("ft", "pt", "pt2")) {
        assertTrue(svg.contains(MethodPalette.rgb(palette.color(method))), name + ".svg lacks " + method + "'s colour");
      }
      // JFreeChart's own series colours would mean a renderer ignored the palette.
      for (Color jfreeDefault : List.of(new Color(0xFF5555), new Color(0x5555FF), new Color(0x55FF55),
          new Color(0xFFFF55), new Color(0xFF55FF), new Color(0x55FFFF))) {
        assertFalse(svg.contains(MethodPalette.rgb(jfreeDefault)), name + ".svg uses JFreeChart's default " + jfreeDefault);
      }
    }
    String methods = Files.readString(plots.resolve("methods-per-task-bert-large-cased.svg"));
    assertTrue(methods.contains("published, bert-large"), "hollow paper markers on the paper's backbone");
    assertTrue(methods.contains("n = 3 seeds"), "the seed count is in the figure");
    assertFalse(Files.readString(plots.resolve("methods-per-task-minilm-l6.svg")).contains("published, "),
        "no published numbers for a backbone the paper did not use");
  }

  @Test
  void reportHoldsTablesFiguresProblemsChangesAndCheckpointLinks() throws Exception {
    Path report = sweepDir.resolve("tables").resolve("report.html");
    String html = Files.readString(report);
    assertFalse(html.contains("http://") || html.contains("https://"), "the report loads nothing from a network");
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "the report has no script");
    assertEquals(8, count(html, "<img src=\"data:image/png;base64,"), "every figure inlined, the history figure too");
    Cell pt2 = ResultTable.build(records, Selection.DEV_BEST_EPOCH).cell("minilm-l6", "pt2", "cb");
    assertTrue(html.contains(String.format(Locale.ROOT, "%.1f ± %.1f (3)", pt2.mean(), pt2.std())), "the dev table's cell");
    assertTrue(html.contains("out of memory on executor 1") && html.contains("loss became NaN at epoch 3"),
        "the failed and the diverged trial with their errors");
    assertTrue(html.contains("Regressed (1)") && html.contains("minilm-l6 PT-2 cb (selected-on-dev)"),
        "the regression since the previous run");
    assertTrue(html.contains("<tr class=\"regressed\"><td>minilm-l6 PT-2 cb (selected-on-dev)</td>"), "only that cell");
    assertEquals(1, count(html, "<tr class=\"regressed\">"), "only that cell regressed");
    assertTrue(html.contains("<details><summary>23 cells with no significant change</summary>"), "the rest folded");
    assertTrue(Files.readString(sweepDir.resolve("tables/comparison.md")).contains("**Regressed** (exit code 6)"));
    assertTrue(Files.isRegularFile(sweepDir.resolve("plots/history.png")));
    String history = Files.readString(sweepDir.resolve("plots/history.svg"));
    String[] runs = sweepDir.resolve("history").toFile().list();
    assertEquals(2, runs.length, "both publications are runs in the history");
    for (String run : runs) {
      assertTrue(history.contains(HistoryChart.shortLabel(run)), "the history figure has run " + run);
      assertTrue(Files.isDirectory(sweepDir.resolve("history").resolve(run).resolve("tables/results.parquet")), run);
    }
    assertTrue(history.contains(MethodPalette.rgb(MethodPalette.GREEN)), "PT-2's colour in the history figure");
    Matcher link = Pattern.compile("href=\"\\.\\./checkpoints/([0-9a-f]{16})/\"").matcher(html);
    int links = 0;
    while (link.find()) {
      links++;
      assertTrue(Files.isRegularFile(report.getParent().resolve("../checkpoints/" + link.group(1) + "/checkpoint.json")),
          "checkpoint link " + link.group(1) + " resolves");
    }
    assertEquals(records.stream().filter(r -> r.checkpointPath() != null).count(), links, "one link per checkpoint");
  }

  @Test
  void reportRendersInChromiumWithTheTableAndNoConsoleErrors() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.find();
    assumeTrue(chromium != null, NO_CHROMIUM);
    Path report = sweepDir.resolve("tables").resolve("report.html");
    HeadlessChromium.Page page = chromium.dumpDom(report, OUT.resolve("chromium"));
    assertEquals(List.of(), page.console(), "console messages while loading the report");
    assertTrue(page.dom().contains("<table id=\"selected-on-dev\">"), "the dev table is in the rendered DOM");
    assertTrue(page.dom().contains("<table id=\"selected-on-held-out\">"), "the held-out table is in the rendered DOM");
    assertTrue(page.dom().contains("minilm-l6 PT-2"), "the table's rows are rendered");

    Path shot = OUT.resolve("report-screenshot.png");
    HeadlessChromium.Page shown = chromium.screenshot(report, OUT.resolve("chromium"), shot, 1280, 2000);
    assertEquals(List.of(), shown.console(), "console messages while taking the screenshot");
    BufferedImage image = ImageIO.read(shot.toFile());
    assertNotNull(image, "screenshot is a PNG: " + shot.toAbsolutePath());
    assertEquals(1280, image.getWidth());
    assertTrue(darkPixels(image) > 10_000, "the screenshot shows text and figures, not a blank page");
  }

  @Test
  void theConsoleCheckSeesAScriptError() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.find();
    assumeTrue(chromium != null, NO_CHROMIUM);
    Path page = Files.writeString(Files.createDirectories(OUT).resolve("console-error.html"),
        "<!DOCTYPE html><html><body><p>x</p><script>console.error('seen'); notDefined();</script></body></html>");
    List<String> console = chromium.dumpDom(page, OUT.resolve("chromium")).console();
    assertTrue(console.stream().anyMatch(l -> l.contains("seen")), "console.error is caught: " + console);
    assertTrue(console.stream().anyMatch(l -> l.contains("Uncaught ReferenceError")), "an exception is caught: " + console);
  }

  @Test
  void markupInTaskNamesErrorsAndDescriptionsStaysText() throws Exception {
    String task = "<script>document.title='pwned'</script>";
    String error = "</pre></details><script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";
    SweepFixture hostile = new SweepFixture()
        .add(new SweepFixture.Trial("minilm-l6", "pt2", task, 1, SweepFixture.hp("lr", 0.01, "prefix_len", 8),
            TrialStatus.COMPLETED, new double[] {0.5, 0.625}, 22_813_216L, null))
        .add(new SweepFixture.Trial("minilm-l6", "pt2", task, 2, SweepFixture.hp("lr", 0.01, "prefix_len", 8),
            TrialStatus.FAILED, new double[0], 0, error));
    List<TrialRecord> rows = hostile.write(spark, OUT, "hostile");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    // Twice, so that the comparison section lists the hostile cell too.
    for (int i = 0; i < 2; i++) {
      new TablePublisher(spark, quiet).publish(rows, SweepLayout.of(OUT.toString(), "hostile"), 1.0,
          "<b onmouseover=\"alert(1)\">description</b>");
    }
    Path report = OUT.resolve("hostile").resolve("tables").resolve("report.html");
    String html = Files.readString(report);
    assertTrue(html.contains("<td>minilm-l6 PT-2 &lt;script&gt;"), "the comparison lists the cell, escaped");
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), "no script element in the page source");
    assertFalse(html.contains("<img src=x") || html.contains("<b onmouseover"), "no element from the data");
    assertTrue(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"), "the task name as text");

    HeadlessChromium chromium = HeadlessChromium.find();
    assumeTrue(chromium != null, NO_CHROMIUM);
    HeadlessChromium.Page page = chromium.dumpDom(report, OUT.resolve("chromium"));
    assertEquals(List.of(), page.console(), "console messages");
    assertFalse(page.dom().toLowerCase(Locale.ROOT).contains("<script"), "no script element in the rendered DOM");
    assertFalse(page.dom().contains("pwned</title>"), "the title was not rewritten");
    assertTrue(page.dom().contains("&lt;script&gt;"), "the markup is shown as text");
    for (String figure : List.of("methods-per-task-minilm-l6", "learning-curves-minilm-l6")) {
      DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
      xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      xml.newDocumentBuilder().parse(OUT.resolve("hostile/plots/" + figure + ".svg").toFile()); // escaped in SVG too
    }
  }

  private static TrialRecord withDevScore(TrialRecord r, double dev) {
    return new TrialRecord(r.trialId(), r.backbone(), r.method(), r.task(), r.seed(), r.hyperparameters(), r.status(),
        r.metric(), Math.min(1, dev), r.lastDevScore(), r.heldOutScore(), r.testScore(), r.majorityBaseline(),
        r.devSize(), r.devScores(), r.totalParameters(), r.error(), r.checkpointPath());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static long darkPixels(BufferedImage image) {
    long dark = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        Color c = new Color(image.getRGB(x, y));
        if (c.getRed() + c.getGreen() + c.getBlue() < 300) {
          dark++;
        }
      }
    }
    return dark;
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
