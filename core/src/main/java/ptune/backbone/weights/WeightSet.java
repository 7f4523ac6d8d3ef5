package ptune.backbone.weights;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pretrained weights in host memory, keyed by Hugging Face BertModel parameter names without a model
 * prefix ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.N...}, {@code
 * pooler.dense.*}, {@code cls.predictions.*}), in the order the source file listed them.
 */
public final class WeightSet {

  private final String source;
  private final Map<String, HostTensor> tensors;

  /**
   * @param source the file the weights were read from, quoted in every error
   * @throws IllegalArgumentException when two tensors share a name
   */
  public WeightSet(String source, Collection<HostTensor> tensors) {
    this.source = source;
    Map<String, HostTensor> byName = new LinkedHashMap<>();
    for (HostTensor tensor : tensors) {
      if (byName.putIfAbsent(tensor.name(), tensor) != null) {
        throw new IllegalArgumentException(source + ": tensor '" + tensor.name() + "' appears twice");
      }
    }
    this.tensors = Collections.unmodifiableMap(byName);
  }

  public String source() {
    return source;
  }

  public int size() {
    return tensors.size();
  }

  public Set<String> names() {
    return tensors.keySet();
  }

  public Collection<HostTensor> tensors() {
    return tensors.values();
  }

  public boolean contains(String name) {
    return tensors.containsKey(name);
  }

  public Optional<HostTensor> get(String name) {
    return Optional.ofNullable(tensors.get(name));
  }

  /** Total number of values over all tensors. */
  public long parameterCount() {
    return tensors.values().stream().mapToLong(t -> t.data().length).sum();
  }

  /**
   * The tensor called {@code name}, which must have exactly {@code expectedShape}.
   *
   * @throws IllegalArgumentException naming the source file and the tensor when it is missing or
   *     has another shape
   */
  public HostTensor require(String name, long... expectedShape) {
    HostTensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException(
          source + ": tensor '" + name + "' " + Arrays.toString(expectedShape)
              + " is missing (the file has " + tensors.size() + " tensors)");
    }
    if (!tensor.hasShape(expectedShape)) {
      throw new IllegalArgumentException(
          source + ": tensor '" + name + "' has shape " + Arrays.toString(tensor.shape())
              + ", expected " + Arrays.toString(expectedShape));
    }
    return tensor;
  }

  @Override
  public String toString() {
    return "WeightSet(" + source + ", " + tensors.size() + " tensors)";
  }
}
