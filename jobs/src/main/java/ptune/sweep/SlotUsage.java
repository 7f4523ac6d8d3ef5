package ptune.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * What a synchronous rung costs: the task slots' time a Spark job held (slots x its wall time)
 * against the time its trials trained (the {@code seconds} of the rows it wrote). The rest is idle:
 * slots waiting for the job's slowest trial, or with no trial to run at all.
 *
 * @param slots trials that can run at once (cores / spark.task.cpus)
 */
record SlotUsage(int slots, double wallSeconds, double busySeconds) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static final SlotUsage NONE = new SlotUsage(0, 0, 0);

  /** One job: the trial seconds in the rows that changed between {@code before} and {@code after}. */
  static SlotUsage ofJob(int slots, double wallSeconds, Map<String, String> before, Map<String, String> after) {
    double busy = 0;
    for (Map.Entry<String, String> row : after.entrySet()) {
      if (!row.getValue().equals(before.get(row.getKey()))) {
        try {
          JsonNode seconds = JSON.readTree(row.getValue()).get("seconds");
          busy += seconds != null && seconds.isNumber() ? seconds.asDouble() : 0;
        } catch (IOException e) {
          throw new IllegalStateException("unreadable result row of " + row.getKey() + ": " + e.getMessage(), e);
        }
      }
    }
    return new SlotUsage(slots, wallSeconds, busy);
  }

  double slotSeconds() {
    return slots * wallSeconds;
  }

  double idleSeconds() {
    return Math.max(0, slotSeconds() - busySeconds);
  }

  SlotUsage plus(SlotUsage other) {
    return new SlotUsage(Math.max(slots, other.slots), wallSeconds + other.wallSeconds, busySeconds + other.busySeconds);
  }

  String describe() {
    return String.format(Locale.ROOT, "%.1f s on %d slot(s): trials trained %.1f slot-s, idle %.1f slot-s (%.0f%%)",
        wallSeconds, slots, busySeconds, idleSeconds(), slotSeconds() == 0 ? 0 : 100 * idleSeconds() / slotSeconds());
  }
}
