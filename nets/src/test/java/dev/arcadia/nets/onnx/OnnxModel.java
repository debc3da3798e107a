package dev.arcadia.nets.onnx;

import dev.arcadia.nets.onnx.OnnxTensor.FloatList;
import dev.arcadia.nets.onnx.OnnxTensor.Wire;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX {@code ModelProto} ({@code model.onnx} of an operator test case) that a conformance test needs,
 * decoded from the protobuf wire format by hand: the default-domain opset version ({@code opset_import = 8}), the
 * graph's nodes ({@code graph = 7 -> node = 1}), each with its operator, input and output names and attributes, and
 * the graph's initializers.
 *
 * @param opset        the version of the default ({@code ai.onnx}) operator set, or -1 when absent
 * @param nodes        the graph's nodes in order
 * @param initializers the graph's constant tensors ({@code initializer = 5}) by name, e.g. the weights of the
 *                     PyTorch-converted test models
 * @param inputs       the names of the graph's inputs ({@code input = 11}) that are not initializers, in order: the
 *                     test data's {@code input_<k>.pb} is the {@code k}-th
 * @param outputs      the names of the graph's outputs ({@code output = 12}) in order ({@code output_<k>.pb})
 */
public record OnnxModel(long opset, List<Node> nodes, Map<String, OnnxTensor> initializers, List<String> inputs,
        List<String> outputs) {

    /**
     * A {@code NodeProto}: {@code input = 1}, {@code output = 2}, {@code op_type = 4}, {@code attribute = 5},
     * {@code domain = 7}. An empty input name marks an omitted optional input.
     */
    public record Node(String opType, String domain, List<String> inputs, List<String> outputs,
            Map<String, Attribute> attributes) {

        public boolean has(String attribute) {
            return attributes.containsKey(attribute);
        }

        public long i(String attribute, long fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.i();
        }

        public float f(String attribute, float fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.f();
        }

        public String s(String attribute, String fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.s();
        }

        public long[] ints(String attribute, long... fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.ints();
        }

        public float[] floats(String attribute, float... fallback) {
            Attribute a = attributes.get(attribute);
            return a == null ? fallback : a.floats();
        }

        /** The {@code k}-th input name, or "" when the node has fewer inputs or omits it. */
        public String input(int k) {
            return k < inputs.size() ? inputs.get(k) : "";
        }
    }

    /**
     * An {@code AttributeProto}: {@code name = 1}, {@code f = 2}, {@code i = 3}, {@code s = 4}, {@code floats = 7},
     * {@code ints = 8}, {@code type = 20} (1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 6 FLOATS, 7 INTS, ...). Tensor, graph
     * and string-list attributes are kept only by name and type.
     */
    public record Attribute(String name, int type, float f, long i, String s, float[] floats, long[] ints) { }

    /** Reads a serialized {@code ModelProto} file. */
    public static OnnxModel read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(new Wire(bytes, 0, bytes.length));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static OnnxModel parse(Wire in) throws IOException {
        long opset = -1;
        List<Node> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 7) {
                Wire graph = in.sub(wire);
                while (graph.more()) {
                    long gt = graph.varint();
                    if ((gt >>> 3) == 1) {
                        nodes.add(node(graph.sub((int) (gt & 7))));
                    } else if ((gt >>> 3) == 5) {
                        OnnxTensor t = OnnxTensor.parse(graph.sub((int) (gt & 7)));
                        initializers.put(t.name(), t);
                    } else if ((gt >>> 3) == 11) {
                        inputs.add(valueName(graph.sub((int) (gt & 7))));
                    } else if ((gt >>> 3) == 12) {
                        outputs.add(valueName(graph.sub((int) (gt & 7))));
                    } else {
                        graph.skip((int) (gt & 7));
                    }
                }
            } else if (field == 8) {
                Wire op = in.sub(wire);
                String domain = "";
                long version = -1;
                while (op.more()) {
                    long ot = op.varint();
                    int f = (int) (ot >>> 3);
                    if (f == 1) {
                        domain = op.string((int) (ot & 7));
                    } else if (f == 2) {
                        version = op.expectVarint((int) (ot & 7), "opset version");
                    } else {
                        op.skip((int) (ot & 7));
                    }
                }
                if (domain.isEmpty() || domain.equals("ai.onnx")) {
                    opset = version;
                }
            } else {
                in.skip(wire);
            }
        }
        if (nodes.isEmpty()) {
            throw new IOException("the model has no graph nodes");
        }
        inputs.removeIf(initializers::containsKey);
        return new OnnxModel(opset, List.copyOf(nodes), Map.copyOf(initializers), List.copyOf(inputs),
                List.copyOf(outputs));
    }

    /** The {@code name = 1} of a {@code ValueInfoProto}. */
    private static String valueName(Wire in) throws IOException {
        String name = "";
        while (in.more()) {
            long tag = in.varint();
            if ((tag >>> 3) == 1) {
                name = in.string((int) (tag & 7));
            } else {
                in.skip((int) (tag & 7));
            }
        }
        return name;
    }

    private static Node node(Wire in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String op = "";
        String domain = "";
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        while (in.more()) {
            long tag = in.varint();
            int wire = (int) (tag & 7);
            switch ((int) (tag >>> 3)) {
                case 1 -> inputs.add(in.string(wire));
                case 2 -> outputs.add(in.string(wire));
                case 4 -> op = in.string(wire);
                case 5 -> {
                    Attribute a = attribute(in.sub(wire));
                    attributes.put(a.name(), a);
                }
                case 7 -> domain = in.string(wire);
                default -> in.skip(wire);
            }
        }
        if (op.isEmpty()) {
            throw new IOException("a graph node has no op_type");
        }
        return new Node(op, domain, List.copyOf(inputs), List.copyOf(outputs), Map.copyOf(attributes));
    }

    private static Attribute attribute(Wire in) throws IOException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = "";
        FloatList floats = new FloatList();
        List<Long> ints = new ArrayList<>();
        while (in.more()) {
            long tag = in.varint();
            int wire = (int) (tag & 7);
            switch ((int) (tag >>> 3)) {
                case 1 -> name = in.string(wire);
                case 2 -> {
                    if (wire != 5) {
                        throw new IOException("attribute '" + name + "': field f has wire type " + wire
                                + ", expected 5");
                    }
                    f = in.fixed32();
                }
                case 3 -> i = in.expectVarint(wire, "attribute '" + name + "' field i");
                case 4 -> s = in.string(wire);
                case 7 -> in.floats(wire, floats);
                case 8 -> in.int64s(wire, ints);
                case 20 -> type = (int) in.expectVarint(wire, "attribute '" + name + "' field type");
                default -> in.skip(wire);
            }
        }
        if (name.isEmpty()) {
            throw new IOException("an attribute has no name");
        }
        long[] iv = new long[ints.size()];
        for (int k = 0; k < iv.length; k++) {
            iv[k] = ints.get(k);
        }
        return new Attribute(name, type, f, i, s, floats.toArray(), iv);
    }
}
