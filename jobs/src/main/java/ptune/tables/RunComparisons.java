package ptune.tables;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import ptune.command.ExitCode;

/**
 * What tables/comparison.md and tables/comparison.json say about a run: against the previous run
 * and against the pinned baseline (either may be absent). The run regressed when either comparison
 * flags a cell; the jobs then exit with {@link ExitCode#REGRESSED}.
 */
public record RunComparisons(String run, RegressionRule rule, RunComparison previous, RunComparison baseline) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public boolean regressed() {
    return (previous != null && previous.regressed()) || (baseline != null && baseline.regressed());
  }

  public String markdown() {
    StringBuilder out = new StringBuilder("# Comparison of run ").append(run).append("\n\n");
    if (previous == null && baseline == null) {
      return out.append("No previous run with tables in the history: nothing to compare with.\n").toString();
    }
    out.append(capitalised(rule.describe())).append(".\n\n");
    out.append(regressed() ? "**Regressed** (exit code " + ExitCode.REGRESSED + ").\n\n" : "No regression.\n\n");
    if (previous == null) {
      out.append("No previous run with tables in the history.\n\n");
    } else {
      out.append(previous.markdown("Against the previous run"));
    }
    if (baseline != null) {
      out.append(baseline.markdown("Against the baseline"));
    }
    return out.toString();
  }

  public String json() {
    ObjectNode out = JSON.createObjectNode();
    out.put("run", run);
    out.put("regressed", regressed());
    out.put("exit_code", regressed() ? ExitCode.REGRESSED : ExitCode.OK);
    ObjectNode r = out.putObject("rule");
    r.put("score_threshold_points", rule.scorePoints());
    r.put("throughput_threshold_percent", rule.throughputPercent());
    r.put("alpha", rule.alpha());
    r.put("test", "Welch's t-test, one-sided, over the seeds of both runs");
    out.set("previous", previous == null ? null : previous.json());
    out.set("baseline", baseline == null ? null : baseline.json());
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String capitalised(String s) {
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
