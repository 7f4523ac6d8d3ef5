package ptune.backbone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import ptune.backbone.tokenizer.HfJsonTokenizer;
import ptune.backbone.weights.OnnxWeightReader;
import ptune.backbone.weights.WeightSet;

/**
 * The sentence-embedding BERTs shipped as ONNX files inside langchain4j's Maven jars (declared by
 * the core module, so they are on the classpath). ONNX exports have no pooler and no MLM head.
 */
final class OnnxJarBackbones {
  private OnnxJarBackbones() {}

  static Backbone load(String name, String onnxResource, String tokenizerResource, int heads)
      throws IOException {
    WeightSet weights;
    try (InputStream in = open(onnxResource, name)) {
      weights = OnnxWeightReader.read(in, "classpath:" + onnxResource);
    }
    var tokenizer = HfJsonTokenizer.fromFile(extract(tokenizerResource, name));
    return new Backbone(name, "classpath:" + onnxResource, WeightFingerprint.of(weights),
        ArchitectureFromWeights.infer(weights, heads, "gelu"), weights, tokenizer);
  }

  private static InputStream open(String resource, String backbone) throws IOException {
    InputStream in = OnnxJarBackbones.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("backbone " + backbone + ": resource " + resource
          + " is not on the classpath (its langchain4j-embeddings jar is a dependency of ptune-core)");
    }
    return in;
  }

  /** DJL's tokenizer loads from a file: copy the resource once into the ptune cache. */
  private static Path extract(String resource, String backbone) throws IOException {
    Path target = CacheDir.resolve("tokenizers").resolve(resource);
    if (!Files.isRegularFile(target)) {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), resource, ".part");
      try (InputStream in = open(resource, backbone)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
