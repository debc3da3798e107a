package dev.arcadia.simui.paint;

import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.Texture;
import com.badlogic.gdx.utils.Disposable;
import dev.arcadia.env.render.PixelFrame;
import java.nio.ByteBuffer;

/**
 * Paints a {@link PixelFrame} as a texture, scaled by a whole factor when it fits (sharp pixels, nearest filtering)
 * and centred; larger images are scaled down to fit. The texture is reused while the image size stays the same.
 */
public final class PixelPainter implements Painter<PixelFrame>, Disposable {

    private Pixmap pixmap;
    private Texture texture;

    /** The rectangle the image occupies in {@code area}. */
    public static Rect placement(int width, int height, Rect area) {
        float fit = Math.min(area.w() / width, area.h() / height);
        float scale = fit >= 1 ? (float) Math.floor(fit) : fit;
        float w = width * scale;
        float h = height * scale;
        return new Rect((float) Math.floor(area.x() + (area.w() - w) / 2), (float) Math.floor(area.y() + (area.h() - h) / 2), w, h);
    }

    @Override
    public void paint(Canvas canvas, PixelFrame frame, Rect area) {
        int w = frame.width();
        int h = frame.height();
        if (pixmap == null || pixmap.getWidth() != w || pixmap.getHeight() != h) {
            dispose();
            pixmap = new Pixmap(w, h, Pixmap.Format.RGB888);
            texture = new Texture(pixmap);
            texture.setFilter(Texture.TextureFilter.Nearest, Texture.TextureFilter.Nearest);
        }
        byte[] src = frame.pixels();
        ByteBuffer dst = pixmap.getPixels();
        dst.clear();
        if (frame.channels() == 3) {
            dst.put(src);
        } else {
            for (byte b : src) {
                dst.put(b).put(b).put(b);
            }
        }
        dst.flip();
        texture.draw(pixmap, 0, 0);
        Rect r = placement(w, h, area);
        // The pixmap's first row is the image's top row; SpriteBatch draws pixmap textures upright as they are.
        canvas.batch().setColor(1f, 1f, 1f, 1f);
        canvas.batch().draw(texture, r.x(), r.y(), r.w(), r.h(), 0, 0, w, h, false, false);
    }

    @Override
    public void dispose() {
        if (texture != null) {
            texture.dispose();
            texture = null;
        }
        if (pixmap != null) {
            pixmap.dispose();
            pixmap = null;
        }
    }
}
