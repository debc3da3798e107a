package dev.arcadia.nets.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An ONNX {@code TensorProto} read from a {@code .pb} file of the ONNX operator test vectors, decoded from the
 * protobuf wire format by hand (no protobuf dependency). Fields read: {@code dims = 1}, {@code data_type = 2},
 * {@code float_data = 4}, {@code int32_data = 5}, {@code int64_data = 7}, {@code name = 8}, {@code raw_data = 9}
 * and {@code data_location = 14} (external data is refused). Element types FLOAT (1), INT32 (6) and INT64 (7) are
 * supported; anything else gives an {@link IOException} naming the file and the type.
 *
 * @param name   the tensor's name (the graph input or output it belongs to), possibly empty
 * @param dims   the shape
 * @param type   the ONNX element type code (1 FLOAT, 6 INT32, 7 INT64)
 * @param floats the elements of a FLOAT tensor in row-major order, else null
 * @param longs  the elements of an INT32 or INT64 tensor in row-major order, else null
 */
public record OnnxTensor(String name, int[] dims, int type, float[] floats, long[] longs) {

    public static final int FLOAT = 1;
    public static final int INT32 = 6;
    public static final int INT64 = 7;

    /** Number of elements implied by the shape. */
    public int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** The elements of a FLOAT tensor. */
    public float[] floatData() {
        if (floats == null) {
            throw new IllegalStateException("ONNX tensor '" + name + "' has element type " + type + ", not FLOAT (1)");
        }
        return floats;
    }

    /** The elements of an integer tensor. */
    public long[] longData() {
        if (longs == null) {
            throw new IllegalStateException("ONNX tensor '" + name + "' has element type " + type
                    + ", not INT32 (6) or INT64 (7)");
        }
        return longs;
    }

    /** Reads a serialized {@code TensorProto} file. */
    public static OnnxTensor read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(new Wire(bytes, 0, bytes.length));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a {@code TensorProto} message occupying the whole of {@code in}. */
    static OnnxTensor parse(Wire in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = "";
        FloatList floatData = new FloatList();
        List<Long> intData = new ArrayList<>();
        byte[] raw = null;
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> in.int64s(wire, dims);
                case 2 -> type = (int) in.expectVarint(wire, "data_type");
                case 4 -> in.floats(wire, floatData);
                case 5, 7 -> in.int64s(wire, intData);
                case 8 -> name = in.string(wire);
                case 9 -> raw = in.bytes(wire);
                case 14 -> {
                    if (in.expectVarint(wire, "data_location") != 0) {
                        throw new IOException("tensor '" + name + "' keeps its data in an external file, which "
                                + "is not supported");
                    }
                }
                case 3, 6, 10, 11, 12, 13, 16 -> throw new IOException("tensor '" + name + "' uses TensorProto field "
                        + field + " (segment, string, double, uint64 or external data), which this reader does not "
                        + "support");
                default -> in.skip(wire);
            }
        }
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            long d = dims.get(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new IOException("tensor '" + name + "' has dimension " + d + " out of range");
            }
            shape[i] = (int) d;
            count *= d;
        }
        if (count > Integer.MAX_VALUE) {
            throw new IOException("tensor '" + name + "' has " + count + " elements, too many");
        }
        int n = (int) count;
        switch (type) {
            case FLOAT -> {
                float[] v;
                if (raw != null) {
                    checkRaw(name, raw, n, 4);
                    v = new float[n];
                    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                } else {
                    v = floatData.toArray();
                    checkCount(name, v.length, n);
                }
                return new OnnxTensor(name, shape, type, v, null);
            }
            case INT32, INT64 -> {
                long[] v = new long[n];
                if (raw != null) {
                    int width = type == INT64 ? 8 : 4;
                    checkRaw(name, raw, n, width);
                    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i < n; i++) {
                        v[i] = width == 8 ? b.getLong() : b.getInt();
                    }
                } else {
                    checkCount(name, intData.size(), n);
                    for (int i = 0; i < n; i++) {
                        v[i] = type == INT32 ? (int) (long) intData.get(i) : intData.get(i);
                    }
                }
                return new OnnxTensor(name, shape, type, null, v);
            }
            default -> throw new IOException("tensor '" + name + "' has ONNX element type " + type
                    + ", supported are FLOAT (1), INT32 (6) and INT64 (7)");
        }
    }

    private static void checkRaw(String name, byte[] raw, int n, int width) throws IOException {
        if ((long) n * width != raw.length) {
            throw new IOException("tensor '" + name + "' has " + raw.length + " bytes of raw_data, its shape needs "
                    + (long) n * width);
        }
    }

    private static void checkCount(String name, int have, int n) throws IOException {
        if (have != n) {
            throw new IOException("tensor '" + name + "' has " + have + " elements, its shape needs " + n);
        }
    }

    @Override
    public String toString() {
        return "OnnxTensor[" + name + ", " + Arrays.toString(dims) + ", type " + type + "]";
    }

    /** A growable float list (avoids boxing thousands of floats). */
    static final class FloatList {
        private float[] a = new float[16];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, 2 * n);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** A cursor over protobuf wire-format bytes {@code [pos, end)}. */
    static final class Wire {
        private final byte[] b;
        private int pos;
        private final int end;

        Wire(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IOException("truncated varint at byte " + pos);
                }
                int x = b[pos++];
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("malformed varint (more than 10 bytes) before byte " + pos);
        }

        long expectVarint(int wire, String what) throws IOException {
            if (wire != 0) {
                throw new IOException(what + " has wire type " + wire + ", expected 0 (varint)");
            }
            return varint();
        }

        float fixed32() throws IOException {
            need(4);
            int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
            pos += 4;
            return Float.intBitsToFloat(v);
        }

        /** The next length-delimited field as a sub-cursor; this cursor moves past it. */
        Wire sub(int wire) throws IOException {
            if (wire != 2) {
                throw new IOException("expected a length-delimited field (wire type 2), got wire type " + wire);
            }
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw new IOException("field length " + len + " at byte " + pos + " runs past the end (" + end + ")");
            }
            Wire w = new Wire(b, pos, pos + (int) len);
            pos += (int) len;
            return w;
        }

        byte[] bytes(int wire) throws IOException {
            Wire w = sub(wire);
            return Arrays.copyOfRange(b, w.pos, w.end);
        }

        String string(int wire) throws IOException {
            Wire w = sub(wire);
            return new String(b, w.pos, w.end - w.pos, StandardCharsets.UTF_8);
        }

        /** A repeated int64/int32 field element: one varint, or a packed run of them. */
        void int64s(int wire, List<Long> out) throws IOException {
            if (wire == 0) {
                out.add(varint());
            } else {
                Wire w = sub(wire);
                while (w.more()) {
                    out.add(w.varint());
                }
            }
        }

        /** A repeated float field element: one fixed32, or a packed run of them. */
        void floats(int wire, FloatList out) throws IOException {
            if (wire == 5) {
                out.add(fixed32());
            } else {
                Wire w = sub(wire);
                if ((w.end - w.pos) % 4 != 0) {
                    throw new IOException("packed floats of " + (w.end - w.pos) + " bytes, not a multiple of 4");
                }
                while (w.more()) {
                    out.add(w.fixed32());
                }
            }
        }

        void skip(int wire) throws IOException {
            switch (wire) {
                case 0 -> varint();
                case 1 -> {
                    need(8);
                    pos += 8;
                }
                case 2 -> sub(wire);
                case 5 -> {
                    need(4);
                    pos += 4;
                }
                default -> throw new IOException("unsupported protobuf wire type " + wire + " at byte " + pos);
            }
        }

        private void need(int n) throws IOException {
            if (end - pos < n) {
                throw new IOException("truncated: need " + n + " bytes at byte " + pos + ", have " + (end - pos));
            }
        }
    }
}
