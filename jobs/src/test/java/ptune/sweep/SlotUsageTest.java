package ptune.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotUsageTest {

  @Test
  void idleIsTheSlotsTimeTheChangedRowsDidNotTrain() {
    Map<String, String> before = Map.of("a", "{\"seconds\": 5.0}", "b", "{\"seconds\": 7.0}");
    Map<String, String> after = Map.of("a", "{\"seconds\": 5.0}", "b", "{\"seconds\": 3.0}", "c", "{\"seconds\": 9.0}");
    // Two slots for 10 s: b (rewritten) and c trained 12 slot-s, a was not run again.
    SlotUsage job = SlotUsage.ofJob(2, 10, before, after);
    assertEquals(12, job.busySeconds(), 1e-9);
    assertEquals(8, job.idleSeconds(), 1e-9);
    assertEquals("10.0 s on 2 slot(s): trials trained 12.0 slot-s, idle 8.0 slot-s (40%)", job.describe());
    SlotUsage both = job.plus(new SlotUsage(2, 5, 10));
    assertEquals(8, both.idleSeconds(), 1e-9); // the second job kept its slots busy
  }
}
