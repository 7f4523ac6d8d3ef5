package ptune.backbone.weights;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the tensors a reader maps to project names. A name may arrive twice when a file stores
 * both copies of a tied parameter (e.g. {@code lm_head.bias} and {@code lm_head.decoder.bias}); the
 * copies must be equal, anything else is a malformed file.
 */
final class WeightSetBuilder {

  private final String source;
  private final Map<String, HostTensor> tensors = new LinkedHashMap<>();

  WeightSetBuilder(String source) {
    this.source = source;
  }

  void add(HostTensor tensor) throws WeightFormatException {
    HostTensor previous = tensors.putIfAbsent(tensor.name(), tensor);
    if (previous != null
        && !(Arrays.equals(previous.shape(), tensor.shape())
            && Arrays.equals(previous.data(), tensor.data()))) {
      throw new WeightFormatException(
          source, tensor.name(), "stored twice (tied copies?) with different values");
    }
  }

  WeightSet build() {
    return new WeightSet(source, tensors.values());
  }
}
