package dev.arcadia.simui.paint;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.GlyphLayout;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.Matrix4;
import com.badlogic.gdx.utils.Disposable;
import java.util.ArrayList;
import java.util.List;

/**
 * The drawing surface of the viewer: a shape renderer, a sprite batch and LibGDX's built-in font, with an
 * orthographic projection of {@code width x height} pixels (y upwards). It switches between shapes and sprites as
 * calls need them. Needs a GL context: the headless backend runs the viewer without one (and without a canvas).
 */
public final class Canvas implements Disposable {

    private enum Mode { NONE, FILLED, LINE, BATCH }

    private final ShapeRenderer shapes = new ShapeRenderer(5000);
    private final SpriteBatch batch = new SpriteBatch();
    private final BitmapFont font = new BitmapFont();
    private final GlyphLayout glyphs = new GlyphLayout();
    private final Matrix4 projection = new Matrix4();
    private final Color color = new Color();
    private final FramePainter painter = new FramePainter();
    private Mode mode = Mode.NONE;
    private int width;
    private int height;

    public Canvas() {
        font.setUseIntegerPositions(true);
    }

    /** Starts a frame of {@code width x height} pixels cleared to {@code background}. */
    public void begin(int width, int height, int background) {
        this.width = width;
        this.height = height;
        projection.setToOrtho2D(0, 0, width, height);
        shapes.setProjectionMatrix(projection);
        batch.setProjectionMatrix(projection);
        set(color, background, 1f);
        Gdx.gl.glClearColor(color.r, color.g, color.b, 1f);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
        Gdx.gl.glEnable(GL20.GL_BLEND);
        Gdx.gl.glBlendFunc(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
    }

    /** Flushes everything drawn. */
    public void end() {
        to(Mode.NONE);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public FramePainter painter() {
        return painter;
    }

    private void to(Mode m) {
        if (mode == m) {
            return;
        }
        switch (mode) {
            case FILLED, LINE -> shapes.end();
            case BATCH -> batch.end();
            default -> { }
        }
        switch (m) {
            case FILLED -> {
                Gdx.gl.glEnable(GL20.GL_BLEND);
                shapes.begin(ShapeRenderer.ShapeType.Filled);
            }
            case LINE -> {
                Gdx.gl.glEnable(GL20.GL_BLEND);
                shapes.begin(ShapeRenderer.ShapeType.Line);
            }
            case BATCH -> batch.begin();
            default -> { }
        }
        mode = m;
    }

    /** The shape renderer in filled mode, its colour set. */
    public ShapeRenderer filled(int rgb, float alpha) {
        to(Mode.FILLED);
        shapes.setColor(set(color, rgb, alpha));
        return shapes;
    }

    /** The shape renderer in line mode (hairlines), its colour set. */
    public ShapeRenderer lines(int rgb, float alpha) {
        to(Mode.LINE);
        shapes.setColor(set(color, rgb, alpha));
        return shapes;
    }

    /** The sprite batch, begun. */
    public SpriteBatch batch() {
        to(Mode.BATCH);
        return batch;
    }

    /** Flushes pending shapes or sprites (before changing GL state such as the scissor). */
    public void flush() {
        to(Mode.NONE);
    }

    public void fillRect(float x, float y, float w, float h, int rgb) {
        filled(rgb, 1f).rect(x, y, w, h);
    }

    public void fillRect(Rect r, int rgb, float alpha) {
        filled(rgb, alpha).rect(r.x(), r.y(), r.w(), r.h());
    }

    /** A one-pixel outline inside {@code r}. */
    public void strokeRect(Rect r, int rgb) {
        ShapeRenderer s = filled(rgb, 1f);
        s.rect(r.x(), r.y(), r.w(), 1);
        s.rect(r.x(), r.top() - 1, r.w(), 1);
        s.rect(r.x(), r.y(), 1, r.h());
        s.rect(r.right() - 1, r.y(), 1, r.h());
    }

    public void line(float x1, float y1, float x2, float y2, float width, int rgb) {
        filled(rgb, 1f).rectLine(x1, y1, x2, y2, Math.max(1f, width));
    }

    /** Draws text with its top-left corner at (x, top); returns its width. */
    public float text(String s, float x, float top, int rgb) {
        SpriteBatch b = batch();
        font.setColor(set(color, rgb, 1f));
        glyphs.setText(font, s);
        font.draw(b, glyphs, x, top);
        return glyphs.width;
    }

    /** Draws text scaled by {@code scale}. */
    public float text(String s, float x, float top, int rgb, float scale) {
        font.getData().setScale(scale);
        try {
            return text(s, x, top, rgb);
        } finally {
            font.getData().setScale(1f);
        }
    }

    public float textWidth(String s) {
        glyphs.setText(font, s);
        return glyphs.width;
    }

    /** Distance between text lines. */
    public float lineHeight() {
        return font.getLineHeight();
    }

    public BitmapFont font() {
        return font;
    }

    /** Splits text into lines no wider than {@code maxWidth}, at spaces where possible, else inside long words. */
    public List<String> wrap(String text, float maxWidth) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (textWidth(candidate) <= maxWidth) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                line.append(word);
                while (line.length() > 1 && textWidth(line.toString()) > maxWidth) {
                    int cut = line.length() - 1;
                    while (cut > 1 && textWidth(line.substring(0, cut)) > maxWidth) {
                        cut--;
                    }
                    out.add(line.substring(0, cut));
                    line.delete(0, cut);
                }
            }
            out.add(line.toString());
        }
        return out;
    }

    /** Sets {@code c} from {@code 0xRRGGBB} and an alpha. */
    public static Color set(Color c, int rgb, float alpha) {
        return c.set(((rgb >> 16) & 0xFF) / 255f, ((rgb >> 8) & 0xFF) / 255f, (rgb & 0xFF) / 255f, alpha);
    }

    @Override
    public void dispose() {
        to(Mode.NONE);
        painter.dispose();
        shapes.dispose();
        batch.dispose();
        font.dispose();
    }
}
