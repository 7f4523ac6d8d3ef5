package ptune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The named arrays an optimizer updates. New parameters are initialized from a {@link Random} owned
 * by the trial, not from torch's process-wide generator, so two trials sharing an executor JVM get
 * the same initial prompts they would get alone.
 */
public final class TrainableParameters {
  private final Map<String, NDArray> arrays = new LinkedHashMap<>();

  /** Registers an existing array (e.g. a backbone weight under full fine-tuning) as trainable. */
  public NDArray add(String name, NDArray array) {
    if (arrays.containsKey(name)) {
      throw new IllegalArgumentException("duplicate trainable parameter " + name);
    }
    array.setRequiresGradient(true);
    arrays.put(name, array);
    return array;
  }

  /** N(0, std^2) initialization, as BERT initializes embeddings and linear weights. */
  public NDArray normal(String name, NDManager manager, Random random, float std, long... shape) {
    float[] data = new float[Math.toIntExact(new Shape(shape).size())];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * std);
    }
    return add(name, manager.create(data, new Shape(shape)));
  }

  /**
   * U(-1/sqrt(fanIn), 1/sqrt(fanIn)): PyTorch's default for nn.Linear weights and biases, which
   * the official PrefixEncoder's MLP uses.
   */
  public NDArray linearDefault(
      String name, NDManager manager, Random random, long fanIn, long... shape) {
    double bound = 1.0 / Math.sqrt(fanIn);
    float[] data = new float[Math.toIntExact(new Shape(shape).size())];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return add(name, manager.create(data, new Shape(shape)));
  }

  public NDArray zeros(String name, NDManager manager, long... shape) {
    return add(name, manager.zeros(new Shape(shape)));
  }

  public Map<String, NDArray> asMap() {
    return Collections.unmodifiableMap(arrays);
  }

  public List<NDArray> arrays() {
    return new ArrayList<>(arrays.values());
  }

  public long count() {
    long n = 0;
    for (NDArray a : arrays.values()) {
      n += a.getShape().size();
    }
    return n;
  }

  public void addAll(TrainableParameters other) {
    other.arrays.forEach(this::add);
  }
}
