package ptune.trial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ptune.trainer.TrainingOutcome;

/**
 * Selecting the epoch on a held-out part of train instead of dev ({@code held_out_fraction}): the
 * part is scored after every epoch, and the result reports the dev metrics of the epoch with the
 * best held-out score, an honest alternative to selecting on dev.
 */
final class HeldOutSelection {
  /** The training state's attachment holding {@link #perEpoch}. */
  static final String ATTACHMENT = "held_out_per_epoch";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SplitScorer heldOut;
  private final List<Map<String, Double>> perEpoch = new ArrayList<>();

  /** @param heldOut null when the trial holds nothing out */
  HeldOutSelection(SplitScorer heldOut) {
    this.heldOut = heldOut;
  }

  void epochFinished() {
    if (heldOut != null) {
      perEpoch.add(heldOut.evaluate().metrics());
    }
  }

  /** The per-epoch held-out metrics so far, as JSON for a training state's attachments. */
  String saved() throws JsonProcessingException {
    return JSON.writeValueAsString(perEpoch);
  }

  /** Takes back the per-epoch metrics {@link #saved} wrote (a resumed trial's earlier epochs). */
  void restore(Map<String, String> attachments) throws JsonProcessingException {
    String json = attachments.get(ATTACHMENT);
    if (json != null) {
      perEpoch.clear();
      perEpoch.addAll(JSON.readValue(json, new TypeReference<List<Map<String, Double>>>() {}));
    }
  }

  /**
   * Dev metrics at the epoch with the best held-out {@code metric}, with that epoch and its
   * held-out score; empty without a held-out part.
   */
  Map<String, Double> selected(TrainingOutcome outcome, String metric) {
    int best = -1;
    for (int i = 0; i < perEpoch.size(); i++) {
      if (best < 0 || perEpoch.get(i).get(metric) > perEpoch.get(best).get(metric)) {
        best = i;
      }
    }
    if (best < 0) {
      return Map.of();
    }
    Map<String, Double> out = new LinkedHashMap<>(outcome.epochs().get(best).devMetrics());
    out.put("epoch", (double) (best + 1));
    out.put("held_out_" + metric, perEpoch.get(best).get(metric));
    return out;
  }
}
