package dev.arcadia.nets.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.arcadia.nets.Init;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Param;
import dev.arcadia.nets.Tensor;
import dev.arcadia.nets.kernels.Gemm;
import dev.arcadia.nets.layers.Activation;
import dev.arcadia.nets.layers.AvgPool2d;
import dev.arcadia.nets.layers.BatchNorm;
import dev.arcadia.nets.layers.Conv2d;
import dev.arcadia.nets.layers.ConvTranspose2d;
import dev.arcadia.nets.layers.Dense;
import dev.arcadia.nets.layers.Embedding;
import dev.arcadia.nets.layers.Flatten;
import dev.arcadia.nets.layers.Gru;
import dev.arcadia.nets.layers.Lstm;
import dev.arcadia.nets.layers.MaxPool2d;
import dev.arcadia.nets.layers.Rnn;
import dev.arcadia.nets.layers.Softmax;
import dev.arcadia.nets.onnx.OnnxModel.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks Arcadia's layers and GEMM kernel against an independent numerical oracle: the ONNX operator test vectors
 * ({@code node/}, {@code pytorch-converted/}, {@code pytorch-operator/}, {@code simple/}), installed by Debian's
 * {@code libonnx-testdata} under {@code /usr/share/libonnx-testdata/data} ({@code .ci/run} installs it; another copy
 * can be named with {@code -Donnx.testdata=DIR}). Each case's ONNX inputs become the layer's input and parameters,
 * and its forward output must match the stored outputs within {@code 1e-5 + 1e-4 |expected|}; the Gemm cases run
 * {@link Gemm#gemm}, {@link Gemm#forceJava} and {@link Gemm#forceNd4j}. {@code -Donnx.verbose=true} prints each
 * output's largest error. A missing data
 * directory fails the test; every case of the operators below is either run or listed in {@link #SKIPPED} with the
 * reason, which is checked (the case must really be refused), and {@link #everyRelevantCaseIsListed} catches new ones.
 *
 * <p>Conventions converted here (not layer bugs): ONNX sequences are {@code [seq, batch, features]} (layout 0),
 * Arcadia's {@code [batch, seq, features]}; ONNX recurrent weights are {@code [gates hidden, in]} with gate orders
 * LSTM i,o,f,c and GRU z,r,h, Arcadia's {@code [in, gates hidden]} with i,f,g,o and r,z,n; ONNX keeps two LSTM/RNN
 * biases, Arcadia their sum; ONNX BatchNormalization's momentum weights the old running value (ours the new one) and
 * its training-mode running variance uses the biased batch variance (ours the unbiased one, as PyTorch); ONNX Softmax
 * (opset 13) normalises any axis (moved last here); Gemm broadcasts its bias (done here); a transposed convolution
 * with asymmetric padding is the layer's unpadded result, cropped. ONNX GRU with the default
 * {@code linear_before_reset = 0} equals Arcadia's (PyTorch's) {@code linear_before_reset = 1} only while
 * {@code h_{t-1}} and the candidate's recurrent bias are zero, so it runs only then.
 *
 * <p>Limits of this oracle: the ONNX LSTM and GRU vectors (and the RNN ones but {@code rnn_seq_length}) have one time
 * step, zero initial states and every weight equal to 0.1, so they check the cell equations but not the gate order,
 * the weight layout or the recurrence (a permuted gate order still passes); those need another reference.
 */
class OnnxConformanceTest {

    static final Path DATA = Path.of(System.getProperty("onnx.testdata", "/usr/share/libonnx-testdata/data"));
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-4;

    /** Case directory (relative to {@link #DATA}) to the Arcadia component it checks. */
    static final Map<String, String> RUN = new LinkedHashMap<>();
    /** Case directory to the reason it is not run. */
    static final Map<String, String> SKIPPED = new LinkedHashMap<>();
    /** ONNX operator to the component that runs it; single-node cases of these must all be listed. */
    static final Map<String, String> COMPONENT = Map.ofEntries(Map.entry("Conv", "Conv2d"),
            Map.entry("ConvTranspose", "ConvTranspose2d"), Map.entry("Gemm", "Gemm"), Map.entry("MaxPool", "MaxPool2d"),
            Map.entry("GlobalMaxPool", "MaxPool2d"), Map.entry("AveragePool", "AvgPool2d"),
            Map.entry("GlobalAveragePool", "AvgPool2d"), Map.entry("Softmax", "Softmax"),
            Map.entry("BatchNormalization", "BatchNorm"), Map.entry("RNN", "Rnn"), Map.entry("LSTM", "Lstm"),
            Map.entry("GRU", "Gru"), Map.entry("Relu", "Activation"), Map.entry("Sigmoid", "Activation"),
            Map.entry("Tanh", "Activation"), Map.entry("Elu", "Activation"), Map.entry("LeakyRelu", "Activation"),
            Map.entry("Flatten", "Flatten"));

    static {
        String n = "node/test_";
        String pc = "pytorch-converted/test_";
        run("Conv2d", n + "basic_conv_with_padding", n + "basic_conv_without_padding", n + "conv_with_autopad_same",
                n + "conv_with_strides_no_padding", n + "conv_with_strides_padding", pc + "Conv2d",
                pc + "Conv2d_no_bias", pc + "Conv2d_padding", pc + "Conv2d_strided",
                "pytorch-operator/test_operator_conv");
        run("ConvTranspose2d", n + "convtranspose", n + "convtranspose_autopad_same",
                "pytorch-operator/test_operator_convtranspose");
        run("Gemm", n + "gemm_all_attributes", n + "gemm_alpha", n + "gemm_beta", n + "gemm_default_matrix_bias",
                n + "gemm_default_no_bias", n + "gemm_default_scalar_bias", n + "gemm_default_single_elem_vector_bias",
                n + "gemm_default_vector_bias", n + "gemm_default_zero_bias", n + "gemm_transposeA",
                n + "gemm_transposeB");
        run("Dense", pc + "Linear", pc + "Linear_no_bias");
        run("Embedding", pc + "Embedding");
        run("MaxPool2d", n + "maxpool_2d_default", n + "maxpool_2d_precomputed_strides", n + "maxpool_2d_strides",
                n + "globalmaxpool", n + "globalmaxpool_precomputed");
        run("AvgPool2d", n + "averagepool_2d_default", n + "averagepool_2d_precomputed_strides",
                n + "averagepool_2d_strides", n + "globalaveragepool", n + "globalaveragepool_precomputed",
                pc + "AvgPool2d", pc + "AvgPool2d_stride");
        run("Softmax", n + "softmax_axis_0", n + "softmax_axis_1", n + "softmax_axis_2", n + "softmax_default_axis",
                n + "softmax_example", n + "softmax_large_number", n + "softmax_negative_axis", pc + "Softmax",
                pc + "softmax_lastdim", pc + "softmax_functional_dim3");
        run("BatchNorm", n + "batchnorm_epsilon", n + "batchnorm_example", n + "batchnorm_epsilon_training_mode",
                n + "batchnorm_example_training_mode", pc + "BatchNorm2d_eval", pc + "BatchNorm2d_momentum_eval",
                pc + "BatchNorm1d_3d_input_eval", pc + "BatchNorm3d_eval", pc + "BatchNorm3d_momentum_eval");
        run("Activation", n + "relu", n + "sigmoid", n + "sigmoid_example", n + "tanh", n + "tanh_example", n + "elu",
                n + "elu_default", n + "elu_example", n + "leakyrelu", n + "leakyrelu_default", n + "leakyrelu_example",
                pc + "ReLU", pc + "Sigmoid", pc + "Tanh", pc + "ELU", pc + "LeakyReLU", pc + "LeakyReLU_with_negval",
                "simple/test_single_relu_model");
        run("Flatten", n + "flatten_axis1", n + "flatten_default_axis", n + "flatten_negative_axis3",
                "pytorch-operator/test_operator_flatten");
        run("Rnn", n + "simple_rnn_defaults", n + "simple_rnn_with_initial_bias", n + "simple_rnn_batchwise",
                n + "rnn_seq_length");
        run("Lstm", n + "lstm_defaults", n + "lstm_with_initial_bias", n + "lstm_batchwise");
        run("Gru", n + "gru_defaults", n + "gru_with_initial_bias", n + "gru_batchwise");

        skip("1-d pooling, exported as Unsqueeze + AveragePool (kernel 2x1) + Squeeze", pc + "AvgPool1d",
                pc + "AvgPool1d_stride");
        skip("1-d or 3-d input; the layers are 2-d (NCHW)", n + "averagepool_1d_default", n + "averagepool_3d_default",
                n + "maxpool_1d_default", n + "maxpool_3d_default", n + "convtranspose_1d", n + "convtranspose_3d",
                pc + "AvgPool3d", pc + "AvgPool3d_stride", pc + "AvgPool3d_stride1_pad0_gpu_input", pc + "Conv1d",
                pc + "Conv1d_dilated", pc + "Conv1d_groups",
                pc + "Conv1d_pad1", pc + "Conv1d_pad1size1", pc + "Conv1d_pad2", pc + "Conv1d_pad2size1",
                pc + "Conv1d_stride", pc + "Conv3d", pc + "Conv3d_dilated", pc + "Conv3d_dilated_strided",
                pc + "Conv3d_groups", pc + "Conv3d_no_bias", pc + "Conv3d_stride", pc + "Conv3d_stride_padding",
                pc + "MaxPool1d", pc + "MaxPool1d_stride", pc + "MaxPool1d_stride_padding_dilation", pc + "MaxPool3d",
                pc + "MaxPool3d_stride", pc + "MaxPool3d_stride_padding", "pytorch-operator/test_operator_maxpool");
        skip("padded pooling (explicit pads or SAME auto_pad); MaxPool2d/AvgPool2d have no padding",
                n + "averagepool_2d_pads", n + "averagepool_2d_pads_count_include_pad",
                n + "averagepool_2d_precomputed_pads", n + "averagepool_2d_precomputed_pads_count_include_pad",
                n + "averagepool_2d_precomputed_same_upper", n + "averagepool_2d_same_lower",
                n + "averagepool_2d_same_upper", n + "maxpool_2d_pads", n + "maxpool_2d_precomputed_pads",
                n + "maxpool_2d_precomputed_same_upper", n + "maxpool_2d_same_lower", n + "maxpool_2d_same_upper",
                pc + "MaxPool2d");
        skip("ceil_mode = 1; the pooling layers round the output size down", n + "averagepool_2d_ceil",
                n + "maxpool_2d_ceil");
        skip("dilations; no layer supports dilation", n + "maxpool_2d_dilations", n + "convtranspose_dilations",
                pc + "Conv2d_dilated", pc + "MaxPool2d_stride_padding_dilation");
        skip("grouped or depthwise convolution (group > 1); Conv2d has group 1", pc + "Conv2d_groups",
                pc + "Conv2d_groups_thnn", pc + "Conv2d_depthwise", pc + "Conv2d_depthwise_padded",
                pc + "Conv2d_depthwise_strided", pc + "Conv2d_depthwise_with_multiplier");
        skip("a different padding per axis (pads [1, 0, 1, 0]); Conv2d pads all four sides alike",
                n + "conv_with_strides_and_asymmetric_padding");
        skip("a different stride per axis (strides [3, 2] or [2, 3]); the layers take one stride",
                n + "convtranspose_kernel_shape", n + "convtranspose_output_shape", n + "convtranspose_pad",
                n + "convtranspose_pads", n + "convtranspose_with_kernel", pc + "ConvTranspose2d",
                pc + "ConvTranspose2d_no_bias");
        skip("MaxPool's second output (argmax indices) is not produced by MaxPool2d",
                n + "maxpool_with_argmax_2d_precomputed_pads", n + "maxpool_with_argmax_2d_precomputed_strides");
        skip("uint8 tensors; the layers are float", n + "maxpool_2d_uint8");
        skip("Flatten at an axis other than 1; Flatten keeps dimension 0 as the batch", n + "flatten_axis0",
                n + "flatten_axis2", n + "flatten_axis3", n + "flatten_negative_axis1", n + "flatten_negative_axis2",
                n + "flatten_negative_axis4");
        skip("rank-1 input; Flatten needs [batch, ...]", "pytorch-operator/test_operator_view");
        skip("LSTM peepholes (input P); Lstm has none", n + "lstm_with_peepholes");
        skip("ONNX GRU linear_before_reset = 0 over 2 steps (h_{t-1} != 0); Gru is linear_before_reset = 1 (PyTorch)",
                n + "gru_seq_length");
    }

    private static void run(String component, String... ids) {
        for (String id : ids) {
            RUN.put(id, component);
        }
    }

    private static void skip(String reason, String... ids) {
        for (String id : ids) {
            SKIPPED.put(id, reason);
        }
    }

    /** A case's model and one of its data sets: every named value (inputs and initializers) and expected output. */
    record Case(String id, OnnxModel model, Map<String, OnnxTensor> values, Map<String, OnnxTensor> expected) {

        /** The node's {@code k}-th input, or null when omitted. */
        OnnxTensor in(Node n, int k) {
            String name = n.input(k);
            return name.isEmpty() ? null : values.get(name);
        }

        Node node() {
            return model.nodes().get(model.nodes().size() - 1);
        }
    }

    /** A case that uses something the Arcadia component does not support. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    @BeforeAll
    static void requireData() {
        if (!Files.isDirectory(DATA.resolve("node"))) {
            fail("The ONNX operator test vectors are not in " + DATA + " (system property onnx.testdata). Install "
                    + "Debian's libonnx-testdata (`apt-get install -y libonnx-testdata`; .ci/run installs it) or set "
                    + "-Donnx.testdata to a copy of onnx/backend/test/data from the ONNX repository.");
        }
    }

    static Stream<Arguments> runCases() {
        return RUN.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    static Stream<Arguments> skippedCases() {
        return SKIPPED.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("runCases")
    void agreesWithOnnx(String id, String component) throws IOException {
        for (Case c : load(id)) {
            Map<String, Tensor> actual;
            try {
                actual = compute(component, c);
            } catch (Unsupported e) {
                throw new AssertionError(id + " is listed to run on " + component + " but is refused: "
                        + e.getMessage());
            }
            assertEquals(new TreeMap<>(c.expected()).keySet(), new TreeMap<>(actual).keySet(),
                    id + ": the outputs compared");
            for (Map.Entry<String, Tensor> e : actual.entrySet()) {
                compare(id, e.getKey(), e.getValue(), c.expected().get(e.getKey()));
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("skippedCases")
    void unsupportedCasesAreRefused(String id, String reason) {
        assertTrue(Files.isDirectory(DATA.resolve(id)), "listed case " + id + " is missing from " + DATA);
        String refusal;
        try {
            for (Case c : load(id)) {
                compute(COMPONENT.getOrDefault(c.node().opType(), "none"), c);
            }
            refusal = null;
        } catch (Unsupported | IOException e) {
            refusal = e.getMessage();
        }
        if (refusal == null) {
            fail(id + " is listed as unsupported (" + reason + ") but ran; check it and move it to RUN");
        }
        Assumptions.abort("not run: " + reason + " [" + refusal + "]");
    }

    @Test
    void everyRelevantCaseIsListed() throws IOException {
        List<String> unlisted = new ArrayList<>();
        for (String group : List.of("node", "pytorch-converted", "pytorch-operator", "simple")) {
            try (Stream<Path> dirs = Files.list(DATA.resolve(group))) {
                for (Path dir : dirs.sorted().toList()) {
                    String id = group + "/" + dir.getFileName();
                    List<Node> nodes = OnnxModel.read(dir.resolve("model.onnx")).nodes();
                    if (nodes.size() == 1 && COMPONENT.containsKey(nodes.get(0).opType()) && !RUN.containsKey(id)
                            && !SKIPPED.containsKey(id)) {
                        unlisted.add(id + " (" + nodes.get(0).opType() + ")");
                    }
                }
            }
        }
        assertTrue(unlisted.isEmpty(), "cases neither run nor listed as skipped: " + unlisted);
    }

    /** Loads every {@code test_data_set_*} of a case. */
    static List<Case> load(String id) throws IOException {
        Path dir = DATA.resolve(id);
        OnnxModel model = OnnxModel.read(dir.resolve("model.onnx"));
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> sets = Files.list(dir)) {
            List<Path> dataSets = sets.filter(p -> p.getFileName().toString().startsWith("test_data_set_")).sorted()
                    .toList();
            for (Path set : dataSets) {
                Map<String, OnnxTensor> values = new LinkedHashMap<>(model.initializers());
                Map<String, OnnxTensor> expected = new LinkedHashMap<>();
                readSet(set, "input_", model.inputs(), values);
                readSet(set, "output_", model.outputs(), expected);
                cases.add(new Case(id, model, values, expected));
            }
        }
        if (cases.isEmpty()) {
            throw new IOException(dir + " has no test_data_set_* directory");
        }
        return cases;
    }

    private static void readSet(Path set, String prefix, List<String> names, Map<String, OnnxTensor> into)
            throws IOException {
        for (int k = 0; Files.exists(set.resolve(prefix + k + ".pb")); k++) {
            OnnxTensor t = OnnxTensor.read(set.resolve(prefix + k + ".pb"));
            if (k >= names.size() || !(t.name().isEmpty() || t.name().equals(names.get(k)))) {
                throw new IOException(set + "/" + prefix + k + ".pb: tensor '" + t.name() + "' matches no graph "
                        + prefix.substring(0, prefix.length() - 1) + " of " + names);
            }
            into.put(names.get(k), t);
        }
    }

    static void compare(String id, String output, Tensor actual, OnnxTensor expected) {
        assertTrue(Arrays.equals(actual.shape(), expected.dims()), id + " output " + output + ": shape "
                + Arrays.toString(actual.shape()) + ", ONNX expects " + Arrays.toString(expected.dims()));
        float[] e = expected.floatData();
        double worst = 0;
        int bad = -1;
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(actual.get(i) - e[i]);
            double excess = err - (ATOL + RTOL * Math.abs(e[i]));
            if (!(excess <= 0) && (bad < 0 || !(excess <= worst))) {
                worst = Double.isNaN(excess) ? Double.NaN : excess;
                bad = i;
            }
        }
        if (Boolean.getBoolean("onnx.verbose")) {
            double max = 0;
            for (int i = 0; i < e.length; i++) {
                max = Math.max(max, Math.abs(actual.get(i) - e[i]));
            }
            System.out.printf("%s %s %s: max |error| %.3g%n", id, output, Arrays.toString(expected.dims()), max);
        }
        if (bad >= 0) {
            fail(id + " output " + output + " " + Arrays.toString(expected.dims()) + ": element " + bad + " is "
                    + actual.get(bad) + ", ONNX expects " + e[bad] + " (tolerance " + ATOL + " + " + RTOL
                    + " |expected|)");
        }
    }

    // ---- running one case on an Arcadia component ----

    static Map<String, Tensor> compute(String component, Case c) {
        Node n = c.node();
        if (c.model().nodes().size() > 1 && !component.equals("Dense")) {
            throw new Unsupported("a graph of " + c.model().nodes().size() + " nodes");
        }
        return switch (component) {
            case "Conv2d" -> one(n, conv(n, c));
            case "ConvTranspose2d" -> one(n, convTranspose(n, c));
            case "Gemm" -> one(n, gemmAllPaths(n, c));
            case "Dense" -> one(n, dense(c));
            case "Embedding" -> one(n, embedding(n, c));
            case "MaxPool2d", "AvgPool2d" -> one(n, pool(n, c));
            case "Softmax" -> one(n, softmax(n, c));
            case "BatchNorm" -> batchNorm(n, c);
            case "Activation" -> one(n, activation(n, c));
            case "Flatten" -> one(n, flatten(n, c));
            case "Rnn", "Lstm", "Gru" -> recurrent(n, c);
            default -> throw new Unsupported("no Arcadia component for " + n.opType());
        };
    }

    private static Map<String, Tensor> one(Node n, Tensor y) {
        if (n.outputs().size() != 1) {
            throw new Unsupported(n.opType() + " with " + n.outputs().size() + " outputs");
        }
        return Map.of(n.outputs().get(0), y);
    }

    static Tensor tensor(OnnxTensor t) {
        return Tensor.of(t.floatData().clone(), t.dims());
    }

    static void setParam(Layer layer, String name, float[] values) {
        for (Param p : concat(layer.params(), layer.buffers())) {
            if (p.name().equals(name)) {
                assertEquals(p.value().size(), values.length, layer + " parameter " + name + " size");
                System.arraycopy(values, 0, p.value().data(), p.value().offset(), values.length);
                return;
            }
        }
        throw new AssertionError(layer + " has no parameter " + name);
    }

    static Tensor param(Layer layer, String name) {
        return concat(layer.params(), layer.buffers()).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(layer + " has no parameter " + name)).value();
    }

    private static List<Param> concat(List<Param> a, List<Param> b) {
        List<Param> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A 2-d window's stride after checking it is one number for both axes and there is no dilation or grouping. */
    private static int squareStride(Node n, int rank) {
        if (rank != 4) {
            throw new Unsupported("input of rank " + rank + ", not NCHW");
        }
        if (n.i("group", 1) != 1) {
            throw new Unsupported("group " + n.i("group", 1));
        }
        for (long d : n.ints("dilations", 1, 1)) {
            if (d != 1) {
                throw new Unsupported("dilations " + Arrays.toString(n.ints("dilations")));
            }
        }
        long[] s = n.ints("strides", 1, 1);
        if (s[0] != s[1]) {
            throw new Unsupported("strides " + Arrays.toString(s));
        }
        return (int) s[0];
    }

    /** Pads {@code [top, left, bottom, right]} of a convolution or pooling window, resolving auto_pad. */
    private static int[] pads(Node n, int[] size, int[] kernel, int stride) {
        String auto = n.s("auto_pad", "NOTSET");
        int[] p = new int[4];
        if (auto.equals("NOTSET")) {
            long[] given = n.ints("pads", 0, 0, 0, 0);
            for (int i = 0; i < 4; i++) {
                p[i] = (int) given[i];
            }
        } else if (auto.startsWith("SAME_")) {
            for (int a = 0; a < 2; a++) {
                int out = (size[a] + stride - 1) / stride;
                int total = Math.max(0, (out - 1) * stride + kernel[a] - size[a]);
                p[a] = auto.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                p[a + 2] = total - p[a];
            }
        } else if (!auto.equals("VALID")) {
            throw new Unsupported("auto_pad " + auto);
        }
        return p;
    }

    private static int evenPadding(int[] p) {
        if (p[0] != p[1] || p[0] != p[2] || p[0] != p[3]) {
            throw new Unsupported("pads " + Arrays.toString(p) + " are not the same on all four sides");
        }
        return p[0];
    }

    static Tensor conv(Node n, Case c) {
        OnnxTensor x = c.in(n, 0);
        OnnxTensor w = c.in(n, 1);
        int stride = squareStride(n, x.dims().length);
        int[] k = {w.dims()[2], w.dims()[3]};
        int pad = evenPadding(pads(n, new int[] {x.dims()[2], x.dims()[3]}, k, stride));
        Conv2d layer = new Conv2d(x.dims()[1], w.dims()[0], k[0], k[1], stride, pad, Init.ZEROS,
                new SplittableRandom(1));
        setParam(layer, "weight", w.floatData());
        if (c.in(n, 2) != null) {
            setParam(layer, "bias", c.in(n, 2).floatData());
        }
        return layer.forward(tensor(x), false);
    }

    /** ConvTranspose; pads the layer cannot express (asymmetric) crop its unpadded result instead. */
    static Tensor convTranspose(Node n, Case c) {
        OnnxTensor x = c.in(n, 0);
        OnnxTensor w = c.in(n, 1);
        int stride = squareStride(n, x.dims().length);
        int[] size = {x.dims()[2], x.dims()[3]};
        int[] k = {w.dims()[2], w.dims()[3]};
        long[] op = n.ints("output_padding", 0, 0);
        int[] p = new int[4];
        String auto = n.s("auto_pad", "NOTSET");
        if (n.has("output_shape") || auto.startsWith("SAME_")) {
            long[] shape = n.ints("output_shape", (long) size[0] * stride, (long) size[1] * stride);
            for (int a = 0; a < 2; a++) {
                int total = (int) (stride * (size[a] - 1) + op[a] + k[a] - shape[a]);
                p[a] = auto.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                p[a + 2] = total - p[a];
            }
        } else if (!auto.equals("VALID")) {
            p = pads(n, size, k, stride);
        }
        boolean even = p[0] == p[1] && p[0] == p[2] && p[0] == p[3] && op[0] == op[1];
        int out = w.dims()[1];
        ConvTranspose2d layer = new ConvTranspose2d(x.dims()[1], out, k[0], k[1], stride, even ? p[0] : 0,
                even ? (int) op[0] : 0, Init.ZEROS, new SplittableRandom(1));
        setParam(layer, "weight", w.floatData());
        float[] bias = c.in(n, 2) != null ? c.in(n, 2).floatData() : new float[out];
        setParam(layer, "bias", bias);
        Tensor full = layer.forward(tensor(x), false);
        if (even) {
            return full;
        }
        int batch = x.dims()[0];
        int oh = stride * (size[0] - 1) + (int) op[0] + k[0] - p[0] - p[2];
        int ow = stride * (size[1] - 1) + (int) op[1] + k[1] - p[1] - p[3];
        if (p[0] < 0 || p[1] < 0 || oh <= 0 || ow <= 0) {
            throw new Unsupported("pads " + Arrays.toString(p));
        }
        Tensor y = Tensor.zeros(batch, out, oh, ow);
        for (int b = 0; b < batch; b++) {
            for (int f = 0; f < out; f++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int fi = i + p[0];
                        int fj = j + p[1];
                        boolean inside = fi < full.dim(2) && fj < full.dim(3);
                        y.put(inside ? full.at(b, f, fi, fj) : bias[f], b, f, i, j);
                    }
                }
            }
        }
        return y;
    }

    /** The signature of {@link Gemm#gemm}, {@link Gemm#forceJava} and {@link Gemm#forceNd4j}. */
    interface GemmPath {
        void run(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
    }

    /** {@link Gemm#gemm}'s result; the forced Java and ND4J kernels are checked against ONNX on the way. */
    static Tensor gemmAllPaths(Node n, Case c) {
        String y = n.outputs().get(0);
        compare(c.id() + " (Gemm.forceJava)", y, gemm(n, c, Gemm::forceJava), c.expected().get(y));
        compare(c.id() + " (Gemm.forceNd4j)", y, gemm(n, c, Gemm::forceNd4j), c.expected().get(y));
        return gemm(n, c, Gemm::gemm);
    }

    /** Gemm through a kernel directly, the bias broadcast to {@code [M, N]} first. */
    static Tensor gemm(Node n, Case c, GemmPath kernel) {
        OnnxTensor a = c.in(n, 0);
        OnnxTensor b = c.in(n, 1);
        OnnxTensor bias = c.in(n, 2);
        boolean ta = n.i("transA", 0) != 0;
        boolean tb = n.i("transB", 0) != 0;
        int m = ta ? a.dims()[1] : a.dims()[0];
        int k = ta ? a.dims()[0] : a.dims()[1];
        int cols = tb ? b.dims()[0] : b.dims()[1];
        float[] y = new float[m * cols];
        if (bias != null) {
            int[] d = bias.dims();
            int bm = d.length == 2 ? d[0] : 1;
            int bn = d.length == 0 ? 1 : d[d.length - 1];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < cols; j++) {
                    y[i * cols + j] = bias.floatData()[(bm == 1 ? 0 : i) * bn + (bn == 1 ? 0 : j)];
                }
            }
        }
        kernel.run(ta, tb, m, cols, k, n.f("alpha", 1f), a.floatData(), 0, a.dims()[1], b.floatData(), 0, b.dims()[1],
                bias == null ? 0f : n.f("beta", 1f), y, 0, cols);
        return Tensor.of(y, m, cols);
    }

    /** PyTorch's Linear exported as Gemm(x, W, b, transB = 1) or Transpose(W) + MatMul: W is {@code [out, in]}. */
    static Tensor dense(Case c) {
        Node last = c.node();
        OnnxTensor x = c.values().get(last.input(0));
        OnnxTensor w = last.opType().equals("Gemm") ? c.in(last, 1) : c.values().get(c.model().nodes().get(0).input(0));
        int out = w.dims()[0];
        int in = w.dims()[1];
        Dense layer = new Dense(in, out, Init.ZEROS, new SplittableRandom(1));
        setParam(layer, "weight", transpose(w.floatData(), out, in));
        if (last.opType().equals("Gemm") && c.in(last, 2) != null) {
            setParam(layer, "bias", c.in(last, 2).floatData());
        }
        return layer.forward(tensor(x), false);
    }

    static Tensor embedding(Node n, Case c) {
        OnnxTensor table = c.in(n, 0);
        OnnxTensor ids = c.in(n, 1);
        Embedding layer = new Embedding(table.dims()[0], table.dims()[1], Init.ZEROS, new SplittableRandom(1));
        setParam(layer, "weight", table.floatData());
        float[] f = new float[ids.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ids.longData()[i];
        }
        return layer.forward(Tensor.of(f, ids.dims()), false);
    }

    static Tensor pool(Node n, Case c) {
        OnnxTensor x = c.in(n, 0);
        int[] d = x.dims();
        boolean global = n.opType().startsWith("Global");
        int stride = global ? 1 : squareStride(n, d.length);
        int[] k = global ? new int[] {d[2], d[3]}
                : Arrays.stream(n.ints("kernel_shape")).mapToInt(v -> (int) v).toArray();
        if (k.length != 2 || k[0] != k[1]) {
            throw new Unsupported("kernel " + Arrays.toString(k) + " is not square");
        }
        if (n.i("ceil_mode", 0) != 0) {
            throw new Unsupported("ceil_mode " + n.i("ceil_mode", 0));
        }
        if (evenPadding(pads(n, new int[] {d[2], d[3]}, k, stride)) != 0) {
            throw new Unsupported("padding");
        }
        Layer layer = n.opType().endsWith("MaxPool") ? new MaxPool2d(k[0], stride) : new AvgPool2d(k[0], stride);
        return layer.forward(tensor(x), false);
    }

    /** Softmax over any axis: moved last for the layer, then back (opset < 13: the 2-d coercion ONNX specifies). */
    static Tensor softmax(Node n, Case c) {
        OnnxTensor x = c.in(n, 0);
        int[] d = x.dims();
        int axis = (int) n.i("axis", c.model().opset() >= 13 ? -1 : 1);
        axis = axis < 0 ? axis + d.length : axis;
        int outer = 1;
        int inner = 1;
        for (int i = 0; i < d.length; i++) {
            outer *= i < axis ? d[i] : 1;
            inner *= i > axis ? d[i] : 1;
        }
        Softmax layer = new Softmax();
        if (c.model().opset() < 13) {
            return layer.forward(tensor(x).reshape(outer, -1), false).copy().reshape(d);
        }
        int len = d[axis];
        float[] src = x.floatData();
        float[] moved = new float[src.length];
        for (int o = 0; o < outer; o++) {
            for (int l = 0; l < len; l++) {
                for (int i = 0; i < inner; i++) {
                    moved[(o * inner + i) * len + l] = src[(o * len + l) * inner + i];
                }
            }
        }
        Tensor y = layer.forward(Tensor.of(moved, outer * inner, len), false);
        float[] back = new float[src.length];
        for (int o = 0; o < outer; o++) {
            for (int l = 0; l < len; l++) {
                for (int i = 0; i < inner; i++) {
                    back[(o * len + l) * inner + i] = y.get((o * inner + i) * len + l);
                }
            }
        }
        return Tensor.of(back, d);
    }

    /** BatchNormalization; input of rank 3 or 5 is viewed as {@code [N, C, rest, 1]} (same per-channel statistics). */
    static Map<String, Tensor> batchNorm(Node n, Case c) {
        OnnxTensor x = c.in(n, 0);
        int[] d = x.dims();
        int channels = d[1];
        boolean training = c.model().opset() >= 14 ? n.i("training_mode", 0) != 0 : n.i("is_test", 1) == 0;
        if (training && c.model().opset() < 14 || !training && n.outputs().size() > 1) {
            throw new Unsupported("the outputs of opset " + c.model().opset() + " training mode");
        }
        float momentum = n.f("momentum", 0.9f);
        BatchNorm layer = new BatchNorm(channels, 1 - momentum, n.f("epsilon", 1e-5f));
        setParam(layer, "gamma", c.in(n, 1).floatData());
        setParam(layer, "beta", c.in(n, 2).floatData());
        setParam(layer, "running_mean", c.in(n, 3).floatData());
        setParam(layer, "running_var", c.in(n, 4).floatData());
        Tensor input = d.length == 2 || d.length == 4 ? tensor(x) : tensor(x).reshape(d[0], channels, -1, 1);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(n.outputs().get(0), layer.forward(input, training).copy().reshape(d));
        if (training) {
            out.put(n.outputs().get(1), param(layer, "running_mean").copy());
            // ONNX: var0 m + (1 - m) biased; ours: var0 m + (1 - m) unbiased, unbiased = biased count / (count - 1).
            int count = x.size() / channels;
            float[] var0 = c.in(n, 4).floatData();
            Tensor v = param(layer, "running_var").copy();
            for (int f = 0; f < channels; f++) {
                v.set(f, momentum * var0[f] + (v.get(f) - momentum * var0[f]) * (count - 1) / count);
            }
            out.put(n.outputs().get(2), v);
        }
        return out;
    }

    static Tensor activation(Node n, Case c) {
        Activation layer = switch (n.opType()) {
            case "Relu" -> Activation.relu();
            case "Sigmoid" -> Activation.sigmoid();
            case "Tanh" -> Activation.tanh();
            case "Elu" -> Activation.elu(n.f("alpha", 1f));
            case "LeakyRelu" -> Activation.leakyRelu(n.f("alpha", 0.01f));
            default -> throw new Unsupported(n.opType());
        };
        return layer.forward(tensor(c.in(n, 0)), false);
    }

    static Tensor flatten(Node n, Case c) {
        OnnxTensor x = c.in(n, 0);
        long axis = n.i("axis", 1);
        if (x.dims().length < 2 || (axis < 0 ? axis + x.dims().length : axis) != 1) {
            throw new Unsupported("axis " + axis + " of a rank-" + x.dims().length + " input");
        }
        return new Flatten().forward(tensor(x), false);
    }

    /**
     * ONNX RNN, LSTM and GRU (forward direction, default activations, no clip or peepholes). Our gate {@code g}
     * reads ONNX gate {@code ORDER[g]}; weights are transposed; the sequence axes are swapped for layout 0.
     */
    static Map<String, Tensor> recurrent(Node n, Case c) {
        String op = n.opType();
        int gates = op.equals("LSTM") ? 4 : op.equals("GRU") ? 3 : 1;
        int[] order = op.equals("LSTM") ? new int[] {0, 2, 3, 1}
                : op.equals("GRU") ? new int[] {1, 0, 2} : new int[] {0};
        for (String a : List.of("activations", "activation_alpha", "activation_beta", "clip")) {
            if (n.has(a)) {
                throw new Unsupported("attribute " + a);
            }
        }
        if (!n.s("direction", "forward").equals("forward") || n.i("input_forget", 0) != 0) {
            throw new Unsupported("direction " + n.s("direction", "forward") + ", input_forget "
                    + n.i("input_forget", 0));
        }
        if (c.in(n, 7) != null) {
            throw new Unsupported("peepholes");
        }
        boolean batchFirst = n.i("layout", 0) != 0;
        OnnxTensor x = c.in(n, 0);
        int seq = x.dims()[batchFirst ? 1 : 0];
        int batch = x.dims()[batchFirst ? 0 : 1];
        int in = x.dims()[2];
        int h = (int) n.i("hidden_size", -1);
        int width = gates * h;
        if (c.in(n, 4) != null && Arrays.stream(c.in(n, 4).longData()).anyMatch(v -> v != seq)) {
            throw new Unsupported("sequence_lens " + Arrays.toString(c.in(n, 4).longData()) + " shorter than " + seq);
        }
        float[] w = c.in(n, 1).floatData();
        float[] r = c.in(n, 2).floatData();
        float[] b = c.in(n, 3) != null ? c.in(n, 3).floatData() : new float[2 * width];
        float[] iw = new float[in * width];
        float[] rw = new float[h * width];
        float[] ib = new float[width];
        float[] rb = new float[width];
        for (int g = 0; g < gates; g++) {
            for (int u = 0; u < h; u++) {
                int src = order[g] * h + u;
                for (int j = 0; j < in; j++) {
                    iw[j * width + g * h + u] = w[src * in + j];
                }
                for (int j = 0; j < h; j++) {
                    rw[j * width + g * h + u] = r[src * h + j];
                }
                ib[g * h + u] = b[src];
                rb[g * h + u] = b[width + src];
            }
        }
        OnnxTensor h0 = c.in(n, 5);
        float[] xData = batchFirst ? x.floatData().clone() : swap01(x.floatData(), seq, batch, in);
        Tensor xs = Tensor.of(xData, batch, seq, in);
        SplittableRandom rng = new SplittableRandom(1);
        Tensor y;
        Tensor lastCell = null;
        if (op.equals("GRU")) {
            boolean zeroState = seq == 1 && (h0 == null || allZero(h0.floatData(), 0, h0.size()));
            if (n.i("linear_before_reset", 0) == 0 && !(zeroState && allZero(rb, 2 * h, 3 * h))) {
                throw new Unsupported("linear_before_reset = 0 with a nonzero h_{t-1} or candidate recurrent bias");
            }
            Gru layer = new Gru(in, h, Init.ZEROS, rng);
            setAll(layer, iw, rw);
            setParam(layer, "inputBias", ib);
            setParam(layer, "recurrentBias", rb);
            if (h0 != null) {
                layer.setInitialState(Tensor.of(h0.floatData().clone(), batch, h));
            }
            y = layer.forward(xs, false);
        } else {
            float[] sum = new float[width];
            for (int j = 0; j < width; j++) {
                sum[j] = ib[j] + rb[j];
            }
            if (op.equals("LSTM")) {
                Lstm layer = new Lstm(in, h, Init.ZEROS, rng);
                setAll(layer, iw, rw);
                setParam(layer, "bias", sum);
                if (h0 != null || c.in(n, 6) != null) {
                    layer.setInitialState(state(h0, batch, h), state(c.in(n, 6), batch, h));
                }
                y = layer.forward(xs, false);
                lastCell = layer.lastCell();
            } else {
                Rnn layer = new Rnn(in, h, Init.ZEROS, rng);
                setAll(layer, iw, rw);
                setParam(layer, "bias", sum);
                if (h0 != null) {
                    layer.setInitialState(state(h0, batch, h));
                }
                y = layer.forward(xs, false);
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(n.outputs());
        while (names.size() < 3) {
            names.add("");
        }
        if (!names.get(0).isEmpty()) {
            out.put(names.get(0), batchFirst ? y.copy().reshape(batch, seq, 1, h)
                    : Tensor.of(swap01(y.toArray(), batch, seq, h), seq, 1, batch, h));
        }
        float[] last = new float[batch * h];
        float[] cellLast = new float[batch * h];
        for (int bi = 0; bi < batch; bi++) {
            System.arraycopy(y.data(), y.offset() + (bi * seq + seq - 1) * h, last, bi * h, h);
            if (lastCell != null) {
                System.arraycopy(lastCell.data(), lastCell.offset() + bi * h, cellLast, bi * h, h);
            }
        }
        int[] stateShape = batchFirst ? new int[] {batch, 1, h} : new int[] {1, batch, h};
        if (!names.get(1).isEmpty()) {
            out.put(names.get(1), Tensor.of(last, stateShape));
        }
        if (!names.get(2).isEmpty()) {
            out.put(names.get(2), Tensor.of(cellLast, stateShape));
        }
        return out;
    }

    private static void setAll(Layer layer, float[] inputWeight, float[] recurrentWeight) {
        setParam(layer, "inputWeight", inputWeight);
        setParam(layer, "recurrentWeight", recurrentWeight);
    }

    private static Tensor state(OnnxTensor t, int batch, int h) {
        return t == null ? Tensor.zeros(batch, h) : Tensor.of(t.floatData().clone(), batch, h);
    }

    private static boolean allZero(float[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a, b, c]} to {@code [b, a, c]}. */
    static float[] swap01(float[] v, int a, int b, int c) {
        float[] out = new float[v.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(v, (i * b + j) * c, out, (j * a + i) * c, c);
            }
        }
        return out;
    }

    /** The transpose of a row-major {@code rows x cols} matrix. */
    static float[] transpose(float[] v, int rows, int cols) {
        return swap01(v, rows, cols, 1);
    }
}
