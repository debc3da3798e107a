package dev.arcadia.nets.layers;

import dev.arcadia.nets.Buffers;
import dev.arcadia.nets.Layer;
import dev.arcadia.nets.Tensor;

/**
 * Reorders channels-last images {@code [batch, height, width, channels]} (or the same data flattened to
 * {@code [batch, height * width * channels]}) into channels-first {@code [batch, channels, height, width]} for
 * {@link Conv2d}. MinAtar's observations are channels-last; backward reorders the gradient back.
 */
public final class ChannelsFirst implements Layer {

    private final int height;
    private final int width;
    private final int channels;
    private final Buffers output = new Buffers();
    private final Buffers inputGrad = new Buffers();
    private Tensor input;

    public ChannelsFirst(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int per = height * width * channels;
        if (x.size() % per != 0 || x.dim(0) * per != x.size()) {
            throw new IllegalArgumentException("ChannelsFirst(" + height + "x" + width + "x" + channels + ") needs [batch, "
                    + height + ", " + width + ", " + channels + "] or [batch, " + per + "], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int batch = x.dim(0);
        Tensor y = output.get(batch, channels, height, width);
        float[] xd = x.data();
        float[] yd = y.data();
        for (int b = 0; b < batch; b++) {
            int xb = x.offset() + b * per;
            int yb = y.offset() + b * per;
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++) {
                    int xi = xb + (h * width + w) * channels;
                    for (int c = 0; c < channels; c++) {
                        yd[yb + (c * height + h) * width + w] = xd[xi + c];
                    }
                }
            }
        }
        input = x;
        return y;
    }

    @Override
    public Tensor backward(Tensor g) {
        int batch = g.dim(0);
        int per = height * width * channels;
        Tensor dx = inputGrad.like(input);
        float[] gd = g.data();
        float[] dd = dx.data();
        for (int b = 0; b < batch; b++) {
            int gb = g.offset() + b * per;
            int db = dx.offset() + b * per;
            for (int h = 0; h < height; h++) {
                for (int w = 0; w < width; w++) {
                    int di = db + (h * width + w) * channels;
                    for (int c = 0; c < channels; c++) {
                        dd[di + c] = gd[gb + (c * height + h) * width + w];
                    }
                }
            }
        }
        return dx;
    }

    @Override
    public String toString() {
        return "ChannelsFirst(" + height + "x" + width + "x" + channels + ")";
    }
}
