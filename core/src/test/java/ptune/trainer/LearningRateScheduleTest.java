package ptune.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The schedules against values worked out by hand from HF's and torch's definitions. */
class LearningRateScheduleTest {

  private static TrainerConfig config(double warmup, TrainerConfig.Schedule schedule) {
    return TrainerConfig.officialSuperGlue(1.0, 2, 8, 1)
        .withWarmupRatio(warmup).withSchedule(schedule, 0.5).withEvalBatchSize(8);
  }

  @Test
  void linearDecayWithoutWarmupReachesZeroAtTheEnd() {
    // 2 epochs x 5 steps: lr(step) = (10 - step) / 10
    LearningRateSchedule s = new LearningRateSchedule(config(0, TrainerConfig.Schedule.LINEAR), 5);
    assertEquals(1.0, s.at(0), 1e-12);
    assertEquals(0.5, s.at(5), 1e-12);
    assertEquals(0.1, s.at(9), 1e-12);
  }

  @Test
  void linearWarmupThenDecay() {
    // warm-up ratio 0.2 of 10 steps = 2 steps: 0.5, 1.0, then (10 - step) / 8
    LearningRateSchedule s = new LearningRateSchedule(config(0.2, TrainerConfig.Schedule.LINEAR), 5);
    assertEquals(0.5, s.at(0), 1e-12);
    assertEquals(1.0, s.at(1), 1e-12);
    assertEquals(1.0, s.at(2), 1e-12);
    assertEquals(0.5, s.at(6), 1e-12);
  }

  @Test
  void exponentialDecaysOncePerEpoch() {
    // gamma 0.5, 5 steps per epoch: 1.0 for steps 0-4, 0.5 for steps 5-9
    LearningRateSchedule s =
        new LearningRateSchedule(config(0, TrainerConfig.Schedule.EXPONENTIAL), 5);
    assertEquals(1.0, s.at(4), 1e-12);
    assertEquals(0.5, s.at(5), 1e-12);
    assertEquals(0.5, s.at(9), 1e-12);
  }
}
