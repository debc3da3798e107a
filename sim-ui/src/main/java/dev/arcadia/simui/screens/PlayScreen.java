package dev.arcadia.simui.screens;

import dev.arcadia.env.render.Frame;
import dev.arcadia.simui.Viewer;
import dev.arcadia.simui.model.PlaySession;
import dev.arcadia.simui.paint.Canvas;
import dev.arcadia.simui.paint.FramePainter;
import dev.arcadia.simui.paint.Layout;
import dev.arcadia.simui.paint.Palette;
import dev.arcadia.simui.paint.Rect;
import java.util.ArrayList;
import java.util.List;

/** A human plays an environment with the keyboard ({@link PlaySession}); the frame, score, steps and episode end. */
public final class PlayScreen extends ViewerScreen {

    private final PlaySession session;

    public PlayScreen(Viewer viewer, PlaySession session) {
        super(viewer);
        this.session = session;
    }

    public PlaySession session() {
        return session;
    }

    @Override
    public String title() {
        return "Play " + session.envId();
    }

    @Override
    public String help() {
        return session.keyMap().describe() + "   R new episode  Esc back";
    }

    @Override
    public List<String> panelLines() {
        List<String> l = new ArrayList<>();
        l.add("Environment: " + session.envId());
        l.add("Episode " + session.episode() + " (seed " + session.seed() + ")");
        l.add("Steps: " + session.steps());
        l.add("Score: " + num(session.score()));
        l.add("Last reward: " + num(session.lastReward()));
        String caption = FramePainter.caption(session.frame());
        if (!caption.isEmpty()) {
            l.add("Last action: " + caption);
        }
        if (session.done()) {
            l.add(session.terminated() ? "Episode over (terminated)" : "Episode over (time limit)");
            l.add("Enter, space or R: next episode");
        } else {
            l.add("Playing");
        }
        List<Double> r = session.finishedReturns();
        if (!r.isEmpty()) {
            double mean = r.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            l.add("Finished: " + r.size() + ", mean score " + num(mean));
        }
        if (session.lastSaved() != null) {
            l.add("Recorded: " + session.lastSaved().getFileName());
        }
        if (session.lastSaveError() != null) {
            l.add("! " + session.lastSaveError());
        }
        return l;
    }

    @Override
    public void update(float delta) {
        session.update(delta);
    }

    @Override
    protected boolean onKeyDown(int keycode) {
        return session.keyDown(keycode);
    }

    @Override
    public boolean keyUp(int keycode) {
        return session.keyUp(keycode);
    }

    /** Height of the status strip under the frame. */
    public static final int STRIP = 36;

    /** Where the frame is drawn: the frame area above the status strip. */
    public static Rect frameArea(Layout layout) {
        Rect f = layout.frame();
        return new Rect(f.x(), f.y() + STRIP, f.w(), f.h() - STRIP);
    }

    @Override
    protected void drawContent(Canvas canvas, Layout layout, float panelTextBottom) {
        Frame frame = session.frame();
        canvas.painter().paint(canvas, frame, frameArea(layout));
        Rect f = layout.frame();
        Rect strip = new Rect(f.x(), f.y(), f.w(), STRIP - 6);
        if (session.done()) {
            canvas.fillRect(strip, Palette.BAR, 1f);
            canvas.text("Episode over: score " + num(session.score()) + " in " + session.steps()
                    + " steps. Enter for the next one.", strip.x() + 10, strip.top() - 7, Palette.WARN);
        } else {
            canvas.text("Score " + num(session.score()) + "   step " + session.steps(), strip.x() + 10,
                    strip.top() - 7, Palette.DIM_TEXT);
        }
    }

    @Override
    public void hide() {
        session.saveIfNeeded();
    }

    @Override
    public void dispose() {
        session.saveIfNeeded();
        session.env().close();
    }
}
