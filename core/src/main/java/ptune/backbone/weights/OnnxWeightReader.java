package ptune.backbone.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the float32 initializers of an ONNX model exported from a PyTorch BERT (e.g. the
 * sentence-embedding models in the langchain4j jars) and names them as Hugging Face BertModel
 * parameters.
 *
 * <p>The exporter keeps parameter names for biases, LayerNorms and embeddings but turns every linear
 * weight into an anonymous {@code onnx::MatMul_K} initializer stored [in, out] (the MatMul's right
 * operand). {@link OnnxMatMulNames} recovers the name from the graph; the weight is transposed to
 * PyTorch's [out, in].
 *
 * <p>Only the ONNX fields a weight needs are read (onnx.proto3): ModelProto.graph = 7;
 * GraphProto.node = 1, initializer = 5; NodeProto.input = 1, output = 2, name = 3, op_type = 4;
 * TensorProto.dims = 1, data_type = 2, float_data = 4, name = 8, raw_data = 9, data_location = 14.
 */
public final class OnnxWeightReader {

  /** TensorProto.DataType.FLOAT. Other types (int64 position_ids, ...) are buffers, not weights. */
  private static final int FLOAT = 1;
  /** TensorProto.DataLocation.EXTERNAL: data in a side file, which exports under 2 GB never use. */
  private static final int EXTERNAL = 1;

  private OnnxWeightReader() {}

  public static WeightSet read(Path onnxFile) throws IOException {
    try (FileChannel channel = FileChannel.open(onnxFile, StandardOpenOption.READ)) {
      if (channel.size() > Integer.MAX_VALUE) {
        throw new WeightFormatException(
            onnxFile.toString(), null, "larger than 2 GB: protobuf models cannot be");
      }
      return parse(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()),
          onnxFile.toString());
    }
  }

  /** Reads entry {@code entryName} (e.g. {@code all-minilm-l6-v2.onnx}) of a model jar. */
  public static WeightSet readJarEntry(Path jar, String entryName) throws IOException {
    return parse(ByteBuffer.wrap(JarEntries.read(jar, entryName)),
        JarEntries.describe(jar, entryName));
  }

  /** Reads a whole model from {@code in}; {@code source} names it in errors. */
  public static WeightSet read(InputStream in, String source) throws IOException {
    return parse(ByteBuffer.wrap(in.readAllBytes()), source);
  }

  static WeightSet parse(ByteBuffer model, String source) throws WeightFormatException {
    Graph graph = readGraph(ProtoWireReader.of(model, source, "ModelProto"));
    Map<String, String> matMulWeightNames =
        OnnxMatMulNames.resolve(graph.nodes(), graph.initializers().keySet(), source);

    WeightSetBuilder weights = new WeightSetBuilder(source);
    for (Initializer init : graph.initializers().values()) {
      if (init.dataType() != FLOAT) {
        continue;
      }
      String weightName = matMulWeightNames.get(init.name());
      if (weightName != null) {
        weights.add(init.toTensor(source).transposed(weightName));
      } else if (init.name().startsWith("onnx::")) {
        // An anonymous constant the exporter folded (e.g. a reshape target), not a parameter.
        continue;
      } else {
        String name = HfParameterNames.canonical(init.name());
        if (name != null) {
          weights.add(init.toTensor(source).renamed(name));
        }
      }
    }
    return weights.build();
  }

  private static Graph readGraph(ProtoWireReader model) throws WeightFormatException {
    Graph graph = null;
    while (model.hasNextField()) {
      model.nextField();
      if (model.fieldNumber() == 7) {
        graph = readGraphProto(model.readMessage("GraphProto"));
      } else {
        model.skipField();
      }
    }
    if (graph == null) {
      throw model.error("no graph (field 7): not an ONNX model");
    }
    return graph;
  }

  private static Graph readGraphProto(ProtoWireReader graph) throws WeightFormatException {
    List<OnnxNode> nodes = new ArrayList<>();
    Map<String, Initializer> initializers = new LinkedHashMap<>();
    while (graph.hasNextField()) {
      graph.nextField();
      switch (graph.fieldNumber()) {
        case 1 -> nodes.add(readNode(graph.readMessage("NodeProto #" + nodes.size())));
        case 5 -> {
          Initializer init =
              readTensor(graph.readMessage("initializer #" + initializers.size()));
          initializers.put(init.name(), init);
        }
        default -> graph.skipField();
      }
    }
    return new Graph(nodes, initializers);
  }

  private static OnnxNode readNode(ProtoWireReader node) throws WeightFormatException {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String opType = "";
    while (node.hasNextField()) {
      node.nextField();
      switch (node.fieldNumber()) {
        case 1 -> inputs.add(node.readString());
        case 2 -> outputs.add(node.readString());
        case 3 -> name = node.readString();
        case 4 -> opType = node.readString();
        default -> node.skipField();
      }
    }
    return new OnnxNode(name, opType, inputs, outputs);
  }

  private static Initializer readTensor(ProtoWireReader tensor) throws WeightFormatException {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = null;
    ByteBuffer rawData = null;
    FloatValues floatData = new FloatValues();
    while (tensor.hasNextField()) {
      tensor.nextField();
      switch (tensor.fieldNumber()) {
        case 1 -> tensor.readRepeatedVarint(dims::add);
        case 2 -> dataType = (int) tensor.readVarint();
        case 4 -> {
          // repeated float: packed (one LEN of little-endian floats) or one I32 per value
          if (tensor.wireType() == ProtoWireReader.I32) {
            floatData.add(Float.intBitsToFloat(tensor.readFixed32()));
          } else {
            floatData.add(tensor.readBytes());
          }
        }
        case 8 -> name = tensor.readString();
        case 9 -> rawData = tensor.readBytes();
        case 14 -> {
          if (tensor.readVarint() == EXTERNAL) {
            throw tensor.error("tensor data is stored in an external file, which is not supported");
          }
        }
        default -> tensor.skipField();
      }
    }
    if (name == null) {
      throw tensor.error("initializer without a name (field 8)");
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    return new Initializer(name, dataType, shape, rawData, floatData);
  }

  private record Graph(List<OnnxNode> nodes, Map<String, Initializer> initializers) {}

  /** A TensorProto whose data is still in the file's buffer. */
  private record Initializer(
      String name, int dataType, long[] shape, ByteBuffer rawData, FloatValues floatData) {

    HostTensor toTensor(String source) throws WeightFormatException {
      long count = HostTensor.elementCount(shape);
      if (count < 0) {
        throw new WeightFormatException(
            source, name, "invalid dims " + java.util.Arrays.toString(shape));
      }
      ByteBuffer bytes = rawData != null ? rawData : floatData.asBytes();
      if (bytes.remaining() != count * Float.BYTES) {
        throw new WeightFormatException(source, name,
            "dims " + java.util.Arrays.toString(shape) + " need " + count * Float.BYTES
                + " bytes of float32 data, found " + bytes.remaining());
      }
      float[] data = new float[(int) count];
      bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
      return new HostTensor(name, shape, data);
    }
  }

  /** TensorProto.float_data, which may arrive in several packed chunks and single values. */
  private static final class FloatValues {
    private final List<ByteBuffer> chunks = new ArrayList<>();

    void add(ByteBuffer packed) {
      chunks.add(packed);
    }

    void add(float value) {
      ByteBuffer one = ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      chunks.add(one.putFloat(0, value));
    }

    ByteBuffer asBytes() {
      if (chunks.size() == 1) {
        return chunks.get(0);
      }
      int total = chunks.stream().mapToInt(ByteBuffer::remaining).sum();
      ByteBuffer joined = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
      chunks.forEach(c -> joined.put(c.duplicate()));
      return joined.flip();
    }
  }
}
