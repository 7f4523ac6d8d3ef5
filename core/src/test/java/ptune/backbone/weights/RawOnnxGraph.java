package ptune.backbone.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The test's own view of an ONNX graph, without any renaming or transposing: MatMul node name ->
 * its right operand, and initializers as stored. An independent route to check the reader.
 */
final class RawOnnxGraph {

  record Tensor(long[] dims, float[] values) {}

  private final Map<String, String> matMulWeights = new HashMap<>();
  private final Map<String, ByteBuffer> initializers = new HashMap<>();
  private final Map<String, long[]> dims = new HashMap<>();

  static RawOnnxGraph read(ByteBuffer model) throws WeightFormatException {
    RawOnnxGraph graph = new RawOnnxGraph();
    ProtoWireReader m = ProtoWireReader.of(model, "test", "model");
    while (m.hasNextField()) {
      m.nextField();
      if (m.fieldNumber() != 7) {
        m.skipField();
        continue;
      }
      ProtoWireReader g = m.readMessage("graph");
      while (g.hasNextField()) {
        g.nextField();
        if (g.fieldNumber() == 1) {
          graph.readNode(g.readMessage("node"));
        } else if (g.fieldNumber() == 5) {
          graph.readInitializer(g.readMessage("initializer"));
        } else {
          g.skipField();
        }
      }
    }
    return graph;
  }

  String matMulWeightOf(String nodeName) {
    return matMulWeights.get(nodeName);
  }

  Tensor initializer(String name) {
    ByteBuffer raw = initializers.get(name);
    float[] values = new float[raw.remaining() / 4];
    raw.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
    return new Tensor(dims.get(name), values);
  }

  private void readNode(ProtoWireReader n) throws WeightFormatException {
    String secondInput = null;
    String name = null;
    String op = null;
    int inputs = 0;
    while (n.hasNextField()) {
      n.nextField();
      switch (n.fieldNumber()) {
        case 1 -> {
          String input = n.readString();
          if (inputs++ == 1) {
            secondInput = input;
          }
        }
        case 3 -> name = n.readString();
        case 4 -> op = n.readString();
        default -> n.skipField();
      }
    }
    if ("MatMul".equals(op)) {
      matMulWeights.put(name, secondInput);
    }
  }

  private void readInitializer(ProtoWireReader t) throws WeightFormatException {
    java.util.List<Long> shape = new java.util.ArrayList<>();
    String name = null;
    ByteBuffer raw = null;
    while (t.hasNextField()) {
      t.nextField();
      switch (t.fieldNumber()) {
        case 1 -> t.readRepeatedVarint(shape::add);
        case 8 -> name = t.readString();
        case 9 -> raw = t.readBytes();
        default -> t.skipField();
      }
    }
    initializers.put(name, raw);
    dims.put(name, shape.stream().mapToLong(Long::longValue).toArray());
  }
}
