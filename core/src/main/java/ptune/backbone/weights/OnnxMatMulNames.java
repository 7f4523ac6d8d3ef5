package ptune.backbone.weights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recovers the Hugging Face name of each linear weight that the PyTorch ONNX exporter stored as an
 * anonymous {@code onnx::MatMul_K} initializer (the right operand of a MatMul). Two independent
 * rules, which must agree when both apply:
 *
 * <ul>
 *   <li>by node name: {@code /encoder/layer.0/attention/self/query/MatMul} is the scope of module
 *       {@code encoder.layer.0.attention.self.query}, so its weight is {@code ...query.weight};
 *   <li>by bias: the MatMul's output feeds an Add whose other input is the initializer {@code
 *       <module>.bias}, so the weight is {@code <module>.weight}.
 * </ul>
 *
 * The numeric suffixes K differ between exports and are never used.
 */
final class OnnxMatMulNames {

  private static final String ANONYMOUS_MATMUL = "onnx::MatMul_";

  private OnnxMatMulNames() {}

  /** Initializer name -> Hugging Face weight name, for every anonymous MatMul weight. */
  static Map<String, String> resolve(List<OnnxNode> nodes, Set<String> initializers, String source)
      throws WeightFormatException {
    Map<String, List<OnnxNode>> consumers = consumersByInput(nodes);
    Map<String, String> names = new HashMap<>();
    for (OnnxNode node : nodes) {
      if (!node.opType().equals("MatMul") || node.inputs().size() != 2) {
        continue;
      }
      String weight = node.inputs().get(1);
      if (!weight.startsWith(ANONYMOUS_MATMUL) || !initializers.contains(weight)) {
        continue;
      }
      String byNodeName = nameFromScope(node.name());
      String byBias = nameFromBias(node, consumers, initializers);
      if (byNodeName == null && byBias == null) {
        throw new WeightFormatException(source, weight,
            "cannot name the weight of MatMul node '" + node.name()
                + "': no module scope in the node name and no '<module>.bias' Add after it");
      }
      if (byNodeName != null && byBias != null && !byNodeName.equals(byBias)) {
        throw new WeightFormatException(source, weight,
            "MatMul node '" + node.name() + "' names it " + byNodeName + " but its bias names it "
                + byBias);
      }
      String name = HfParameterNames.canonical(byNodeName != null ? byNodeName : byBias);
      if (names.putIfAbsent(weight, name) != null && !names.get(weight).equals(name)) {
        throw new WeightFormatException(source, weight, "used by MatMuls of two modules");
      }
    }
    return names;
  }

  /** {@code /encoder/layer.0/attention/self/query/MatMul} -> {@code encoder.layer.0...query.weight}. */
  private static String nameFromScope(String nodeName) {
    if (!nodeName.startsWith("/") || !nodeName.endsWith("/MatMul")) {
      return null;
    }
    String scope = nodeName.substring(1, nodeName.length() - "/MatMul".length());
    return scope.isEmpty() ? null : scope.replace('/', '.') + ".weight";
  }

  private static String nameFromBias(
      OnnxNode matMul, Map<String, List<OnnxNode>> consumers, Set<String> initializers) {
    for (String output : matMul.outputs()) {
      for (OnnxNode next : consumers.getOrDefault(output, List.of())) {
        if (!next.opType().equals("Add")) {
          continue;
        }
        for (String input : next.inputs()) {
          if (input.endsWith(".bias") && initializers.contains(input)) {
            return input.substring(0, input.length() - "bias".length()) + "weight";
          }
        }
      }
    }
    return null;
  }

  private static Map<String, List<OnnxNode>> consumersByInput(List<OnnxNode> nodes) {
    Map<String, List<OnnxNode>> consumers = new HashMap<>();
    for (OnnxNode node : nodes) {
      for (String input : node.inputs()) {
        consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
      }
    }
    return consumers;
  }
}
