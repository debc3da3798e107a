package dev.arcadia.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorTest {

    @Test
    void convertsToAndFromNd4jKeepingShapeAndOrder() {
        Tensor t = Tensor.zeros(2, 3, 4);
        for (int i = 0; i < t.size(); i++) {
            t.set(i, i * 0.5f - 3);
        }
        INDArray a = t.toNd4j();
        assertArrayEquals(new long[] {2, 3, 4}, a.shape());
        assertEquals(t.at(1, 2, 3), a.getFloat(1, 2, 3));
        Tensor back = Tensor.fromNd4j(a);
        assertArrayEquals(t.toArray(), back.toArray());
        assertArrayEquals(t.shape(), back.shape());
        // a Fortran-ordered (column-major) view comes back in row-major order
        INDArray f = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f');
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, Tensor.fromNd4j(f).toArray());
    }

    @Test
    void viewsShareStorageAndShapesAreChecked() {
        Tensor t = Tensor.zeros(2, 6);
        Tensor v = t.reshape(3, -1);
        v.put(7f, 2, 3);
        assertEquals(7f, t.at(1, 5));
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new float[4], 2, 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> t.at(2, 0));
    }
}
