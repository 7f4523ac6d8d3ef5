package ptune.backbone.weights;

import java.util.List;

/** The parts of an ONNX NodeProto that name a weight: its name, operator and edges. */
record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs) {}
