package dev.arcadia.simui.paint;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.glutils.HdpiUtils;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.EarClippingTriangulator;
import com.badlogic.gdx.utils.ShortArray;
import dev.arcadia.env.render.ShapesFrame;

/**
 * Paints a {@link ShapesFrame}: the world rectangle fitted into the area ({@link WorldTransform}), filled with the
 * background, then each primitive in order, clipped to the world rectangle. Stroke widths are in pixels.
 */
public final class ShapesPainter implements Painter<ShapesFrame> {

    private final EarClippingTriangulator triangulator = new EarClippingTriangulator();

    @Override
    public void paint(Canvas canvas, ShapesFrame frame, Rect area) {
        WorldTransform t = WorldTransform.fit(frame, area);
        Rect w = t.world();
        canvas.fillRect(w, frame.background(), 1f);
        canvas.flush();
        Gdx.gl.glEnable(GL20.GL_SCISSOR_TEST);
        HdpiUtils.glScissor(Math.round(w.x()), Math.round(w.y()), Math.round(w.w()), Math.round(w.h()));
        try {
            for (ShapesFrame.Shape s : frame.shapes()) {
                paint(canvas, t, s);
            }
            canvas.flush();
        } finally {
            Gdx.gl.glDisable(GL20.GL_SCISSOR_TEST);
        }
    }

    private void paint(Canvas canvas, WorldTransform t, ShapesFrame.Shape shape) {
        if (shape instanceof ShapesFrame.Line l) {
            canvas.line(t.x(l.x1()), t.y(l.y1()), t.x(l.x2()), t.y(l.y2()), (float) l.width(), l.rgb());
        } else if (shape instanceof ShapesFrame.Polyline p) {
            double[] xy = p.xy();
            for (int i = 0; i + 3 < xy.length; i += 2) {
                canvas.line(t.x(xy[i]), t.y(xy[i + 1]), t.x(xy[i + 2]), t.y(xy[i + 3]), (float) p.width(), p.rgb());
            }
        } else if (shape instanceof ShapesFrame.Rect r) {
            Rect px = new Rect(t.x(r.x()), t.y(r.y()), t.length(r.w()), t.length(r.h()));
            if (r.filled()) {
                canvas.fillRect(px, r.rgb(), 1f);
            } else {
                canvas.strokeRect(px, r.rgb());
            }
        } else if (shape instanceof ShapesFrame.Circle c) {
            float radius = Math.max(0.5f, t.length(c.radius()));
            int segments = Math.max(12, Math.min(96, (int) (radius * 2)));
            ShapeRenderer s = c.filled() ? canvas.filled(c.rgb(), 1f) : canvas.lines(c.rgb(), 1f);
            s.circle(t.x(c.cx()), t.y(c.cy()), radius, segments);
        } else if (shape instanceof ShapesFrame.Polygon p) {
            double[] xy = p.xy();
            float[] v = new float[xy.length];
            for (int i = 0; i < xy.length; i += 2) {
                v[i] = t.x(xy[i]);
                v[i + 1] = t.y(xy[i + 1]);
            }
            if (p.filled()) {
                ShortArray tris = triangulator.computeTriangles(v);
                ShapeRenderer s = canvas.filled(p.rgb(), 1f);
                for (int i = 0; i + 2 < tris.size; i += 3) {
                    int a = tris.get(i) * 2;
                    int b = tris.get(i + 1) * 2;
                    int c = tris.get(i + 2) * 2;
                    s.triangle(v[a], v[a + 1], v[b], v[b + 1], v[c], v[c + 1]);
                }
            } else {
                for (int i = 0; i < v.length; i += 2) {
                    int j = (i + 2) % v.length;
                    canvas.line(v[i], v[i + 1], v[j], v[j + 1], 1, p.rgb());
                }
            }
        }
    }
}
