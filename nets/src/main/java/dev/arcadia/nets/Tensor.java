package dev.arcadia.nets;

import java.util.Arrays;

/**
 * A dense, row-major {@code float} tensor: a shape and a window of a {@code float[]} starting at an offset. Views
 * ({@link #reshape}) share storage. Kept deliberately small: layers do their arithmetic on {@link #data()} directly,
 * with {@link #offset()}, so hot paths allocate nothing.
 */
public final class Tensor {

    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int size;

    /** A view of {@code data} from {@code offset} with {@code shape}. */
    public Tensor(float[] data, int offset, int... shape) {
        this.shape = shape.clone();
        int n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor dimensions must be >= 0, got " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (offset < 0 || offset + n > data.length) {
            throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(shape) + " at offset " + offset
                    + " needs " + (offset + n) + " elements, the array has " + data.length);
        }
        this.data = data;
        this.offset = offset;
        this.size = n;
    }

    /** A new tensor of zeros. */
    public static Tensor zeros(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new Tensor(new float[n], 0, shape);
    }

    /** Wraps {@code data} (no copy) with {@code shape}. */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(data, 0, shape);
    }

    /** A 1-d tensor holding a copy of {@code values}. */
    public static Tensor vector(float... values) {
        return new Tensor(values.clone(), 0, values.length);
    }

    /** The backing array (shared); elements are {@code data()[offset() + i]} for {@code 0 <= i < size()}. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? shape.length + axis : axis];
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    public boolean hasShape(int... s) {
        return Arrays.equals(shape, s);
    }

    /** True if {@code other} has the same shape (no allocation). */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Element {@code i} in row-major order. */
    public float get(int i) {
        return data[offset + i];
    }

    public void set(int i, float v) {
        data[offset + i] = v;
    }

    /** Element at a multi-index (convenient, not for hot paths). */
    public float at(int... index) {
        return data[offset + flatIndex(index)];
    }

    /** Sets the element at a multi-index (convenient, not for hot paths). */
    public void put(float v, int... index) {
        data[offset + flatIndex(index)] = v;
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank " + index.length
                    + ", tensor shape is " + Arrays.toString(shape));
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape " + Arrays.toString(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** A view with another shape of the same size, sharing storage. */
    public Tensor reshape(int... newShape) {
        int n = 1;
        int infer = -1;
        for (int i = 0; i < newShape.length; i++) {
            if (newShape[i] == -1) {
                infer = i;
            } else {
                n *= newShape[i];
            }
        }
        int[] s = newShape.clone();
        if (infer >= 0) {
            s[infer] = n == 0 ? 0 : size / n;
            n *= s[infer];
        }
        if (n != size) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " (" + size + " elements) to "
                    + Arrays.toString(newShape));
        }
        return new Tensor(data, offset, s);
    }

    /** A contiguous copy with its own storage. */
    public Tensor copy() {
        return new Tensor(Arrays.copyOfRange(data, offset, offset + size), 0, shape);
    }

    /** Copies the elements of {@code src} (same size) into this tensor. */
    public void copyFrom(Tensor src) {
        if (src.size != size) {
            throw new IllegalArgumentException("cannot copy " + Arrays.toString(src.shape) + " into " + Arrays.toString(shape));
        }
        System.arraycopy(src.data, src.offset, data, offset, size);
    }

    public void fill(float v) {
        Arrays.fill(data, offset, offset + size, v);
    }

    /** The elements as a new array. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + size);
    }

    /** Index of the largest element of row {@code row} of a 2-d tensor (first one on ties). */
    public int argmaxRow(int row) {
        int cols = shape[shape.length - 1];
        int base = offset + row * cols;
        int best = 0;
        for (int j = 1; j < cols; j++) {
            if (data[base + j] > data[base + best]) {
                best = j;
            }
        }
        return best;
    }

    /** A copy as an ND4J {@code INDArray} (float, C order, same shape), for interop with ND4J and DL4J code. */
    public org.nd4j.linalg.api.ndarray.INDArray toNd4j() {
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        return org.nd4j.linalg.factory.Nd4j.create(toArray(), s, org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** A copy of an ND4J array (any order, converted to float) as a tensor of the same shape. */
    public static Tensor fromNd4j(org.nd4j.linalg.api.ndarray.INDArray array) {
        long[] s = array.shape();
        int[] shape = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = Math.toIntExact(s[i]);
        }
        float[] values = array.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        return new Tensor(values, 0, shape);
    }

    @Override
    public String toString() {
        String values = size <= 16 ? Arrays.toString(toArray()) : "[" + size + " values]";
        return "Tensor" + Arrays.toString(shape) + values;
    }
}
