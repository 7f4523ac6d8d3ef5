package ptune.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Random;
import ptune.model.TrainableParameters;

/**
 * P-tuning v2's PrefixEncoder: P prefix positions, each carrying a key and a value vector for every
 * prompted layer. Without projection it is a free table [P, 2*Ld*H] (initialized N(0, 1) like the
 * official nn.Embedding); with projection a table [P, H] passes through Linear(H, prefix_hidden) -> tanh
 * -> Linear(prefix_hidden, 2*Ld*H).
 */
final class PrefixEncoder {
  private static final String TABLE = "prefix_encoder.embedding.weight";
  private final NDArray embedding;
  private final PromptMlp projection;

  PrefixEncoder(TrainableParameters params, NDManager manager, Random random, int length,
      int promptedLayers, int hidden, PromptConfig config) {
    int out = 2 * promptedLayers * hidden;
    if (config.projection()) {
      embedding = params.normal(TABLE, manager, random, 1f, length, hidden);
      projection = new PromptMlp("prefix_encoder.trans", params, manager, random, hidden,
          config.projectionHidden(), out);
    } else {
      embedding = params.normal(TABLE, manager, random, 1f, length, out);
      projection = null;
    }
  }

  /** [P, 2*Ld*H]: the same prefix for every example of the batch. */
  NDArray forward() {
    return projection == null ? embedding : projection.forward(embedding);
  }

  /** With projection: the table [P, 2*Ld*H] the MLP generates, as the free table is named. */
  boolean projected() {
    return projection != null;
  }

  Map<String, NDArray> folded() {
    return projection == null ? Map.of() : Map.of(TABLE, forward());
  }
}
