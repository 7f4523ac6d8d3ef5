package ptune.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * x W^T + b with a frozen weight W multiplied in bfloat16 inside libtorch. DJL 0.36's PyTorch JNI
 * maps no bf16 type (casting to it from Java aborts the JVM), so two parameterless TorchScript
 * modules, written by {@code core/src/main/torchscript/bf16_modules.py} and loaded from this
 * package's resources, do the casts: {@code bf16-cast.pt} makes a weight's bf16 copy once,
 * {@code bf16-linear.pt} casts the input to bf16, multiplies (oneDNN accumulates in fp32) and
 * returns fp32 plus the fp32 bias. Autograd records through them, so gradients reach the input and
 * through it the prompts; the weight gets none.
 */
final class Bf16Linears {
  private final PtSymbolBlock cast;
  private final PtSymbolBlock linear;
  // keyed by the weight array itself: a parameter whose array is replaced gets a new copy
  private final Map<NDArray, Frozen> copies = new IdentityHashMap<>();

  Bf16Linears(NDManager manager) {
    PtNDManager pt = (PtNDManager) manager;
    this.cast = load(pt, "bf16-cast.pt");
    this.linear = load(pt, "bf16-linear.pt");
  }

  private static PtSymbolBlock load(PtNDManager manager, String resource) {
    try (InputStream in = Bf16Linears.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource ptune/model/" + resource);
      }
      return JniUtils.loadModule(manager, in, true, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the TorchScript module " + resource, e);
    }
  }

  /**
   * @param x [..., in] fp32, unnamed (DJL reads an input's name as a packing instruction)
   * @param weight [out, in] fp32, not requiring gradient
   * @param bias [out] fp32, not requiring gradient
   * @return [..., out] fp32, in x's manager
   */
  NDArray apply(NDArray x, NDArray weight, NDArray bias) {
    Frozen frozen = copies.computeIfAbsent(weight, w -> freeze(w, bias));
    // isTrain true: libtorch then runs the module outside inference mode, so the graph is recorded
    // whenever the caller's gradient collector is on (and not otherwise).
    return IValueUtils.forward(linear, new NDList(x, frozen.weight(), frozen.bias()), true)
        .singletonOrThrow();
  }

  /**
   * A weight's bf16 copy and an unnamed copy of its bias, made once and living as long as the
   * weight (its manager, not the step's scope). Copies because DJL turns named inputs ("encoder.layer.0...") into a
   * dictionary argument. Not in inference mode either: an inference tensor could not be saved for
   * the backward pass. A bf16 array's DataType reads "unknown" in DJL; only libtorch looks at it.
   */
  private Frozen freeze(NDArray weight, NDArray bias) {
    try (NDArray unnamed = unnamedCopy(weight)) {
      NDArray bf16 = IValueUtils.forward(cast, new NDList(unnamed), true).singletonOrThrow();
      NDArray biasCopy = unnamedCopy(bias);
      NDScope.unregister(bf16, biasCopy); // made during a step, they outlive its scope
      return new Frozen(bf16, biasCopy);
    }
  }

  private static NDArray unnamedCopy(NDArray array) {
    NDArray copy = array.duplicate(); // keeps the name
    copy.setName(null);
    return copy;
  }

  private record Frozen(NDArray weight, NDArray bias) {}
}
