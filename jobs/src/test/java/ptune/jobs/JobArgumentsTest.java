package ptune.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobArgumentsTest {

  @Test
  void rerunAndBaseline() {
    JobArguments plain = JobArguments.parse(new String[] {"conf/x.yaml"});
    assertFalse(plain.rerun());
    assertNull(plain.baseline());
    JobArguments a = JobArguments.parse(new String[] {"conf/x.yaml", "--rerun", "--baseline", "20261201T080000.000Z"});
    assertTrue(a.rerun());
    assertEquals("20261201T080000.000Z", a.baseline());
    assertEquals("conf/x.yaml", a.config());
  }

  @Test
  void rerunWithForceOrABaselineWithoutValueIsAnError() {
    String both = assertThrows(IllegalArgumentException.class,
        () -> JobArguments.parse(new String[] {"x.yaml", "--rerun", "--force"})).getMessage();
    assertTrue(both.contains("--rerun and --force"), both);
    String missing = assertThrows(IllegalArgumentException.class,
        () -> JobArguments.parse(new String[] {"x.yaml", "--baseline"})).getMessage();
    assertTrue(missing.startsWith("--baseline needs a value"), missing);
  }
}
