package ptune.backbone.weights;

/**
 * A hand-built ONNX model shaped like a PyTorch BERT export: one named LayerNorm weight, one
 * anonymous MatMul weight [in=2, out=3] whose node name and bias both say "query", an int64
 * position_ids buffer.
 */
final class TinyOnnxModel {

  static final float[] MATMUL_IN_OUT = {1, 2, 3, 4, 5, 6}; // [[1,2,3],[4,5,6]]
  static final float[] LAYER_NORM = {0.5f, 1.5f, 2.5f};

  private TinyOnnxModel() {}

  static byte[] bytes() {
    return model(
        "/encoder/layer.0/attention/self/query/MatMul",
        "encoder.layer.0.attention.self.query.bias",
        tensor("onnx::MatMul_7", new long[] {2, 3}, MATMUL_IN_OUT));
  }

  static byte[] model(String matMulNodeName, String biasName, ProtoWriter matMulWeight) {
    ProtoWriter graph = new ProtoWriter()
        .message(1, node(matMulNodeName, "MatMul", new String[] {"hidden", "onnx::MatMul_7"},
            "mm_out"))
        .message(1, node("/encoder/layer.0/attention/self/query/Add", "Add",
            new String[] {biasName, "mm_out"}, "query"))
        .message(5, tensor("embeddings.LayerNorm.weight", new long[] {3}, LAYER_NORM))
        .message(5, tensor(biasName, new long[] {3}, new float[] {0, 0, 0}))
        .message(5, matMulWeight)
        .message(5, new ProtoWriter()
            .packedVarints(1, 1, 2).varint(2, 7).string(8, "embeddings.position_ids")
            .bytes(9, new byte[16]));
    return new ProtoWriter().varint(1, 6).string(2, "pytorch").message(7, graph).toByteArray();
  }

  static ProtoWriter tensor(String name, long[] dims, float[] values) {
    return new ProtoWriter()
        .packedVarints(1, dims)
        .varint(2, 1)
        .string(8, name)
        .bytes(9, ProtoWriter.floatsLe(values));
  }

  private static ProtoWriter node(String name, String op, String[] inputs, String output) {
    ProtoWriter node = new ProtoWriter();
    for (String input : inputs) {
      node.string(1, input);
    }
    return node.string(2, output).string(3, name).string(4, op);
  }
}
