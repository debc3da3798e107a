package dev.arcadia.env.render;

/**
 * An image: {@code height * width * channels} unsigned bytes, row-major, channels last (1 = gray, 3 = RGB).
 */
public record PixelFrame(int width, int height, int channels, byte[] pixels) implements Frame {

    public PixelFrame {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("PixelFrame channels must be 1 or 3, got " + channels);
        }
        if (pixels.length != width * height * channels) {
            throw new IllegalArgumentException("PixelFrame " + width + "x" + height + "x" + channels + " needs "
                    + width * height * channels + " bytes, got " + pixels.length);
        }
        pixels = pixels.clone();
    }

    @Override
    public byte[] pixels() {
        return pixels.clone();
    }
}
