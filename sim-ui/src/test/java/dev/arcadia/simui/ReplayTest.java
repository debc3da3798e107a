package dev.arcadia.simui;

import dev.arcadia.experiments.episodes.EpisodeFileException;
import dev.arcadia.experiments.episodes.EpisodeRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.render.GridFrame;
import dev.arcadia.env.render.PixelFrame;
import dev.arcadia.env.render.ShapesFrame;
import dev.arcadia.simui.model.Replay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplayTest {

    /** A comparable digest of a frame (records with arrays compare arrays by reference). */
    static String digest(Frame f) {
        if (f instanceof GridFrame g) {
            return Arrays.toString(g.tiles()) + g.agentRow() + "," + g.agentCol();
        }
        if (f instanceof ShapesFrame s) {
            StringBuilder sb = new StringBuilder();
            for (ShapesFrame.Shape shape : s.shapes()) {
                if (shape instanceof ShapesFrame.Polygon p) {
                    sb.append(Arrays.toString(p.xy()));
                } else {
                    sb.append(shape);
                }
            }
            return sb.toString();
        }
        if (f instanceof PixelFrame p) {
            return Arrays.toString(p.pixels());
        }
        return f.toString();
    }

    /** The frames after 0..n steps, by stepping directly. */
    private static List<String> direct(EpisodeRecord r) {
        Env<Object, Object> env = Envs.make(r.envId(), r.options());
        env.reset(r.seed());
        List<String> frames = new ArrayList<>();
        frames.add(digest(((Renderable) env).render()));
        for (int a : r.actions()) {
            env.step(a);
            frames.add(digest(((Renderable) env).render()));
        }
        return frames;
    }

    private static EpisodeRecord cartPole(long seed, int steps) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] actions = new int[steps];
        for (int i = 0; i < steps; i++) {
            actions[i] = rng.nextInt(2);
        }
        return Fixtures.record("CartPole-v1", Map.of(), seed, actions);
    }

    @Test
    void scrubbingInAnyOrderShowsTheSameStatesAsSteppingThrough() throws Exception {
        for (EpisodeRecord r : List.of(cartPole(11, 60), Fixtures.record("FrozenLake-v1", Map.of(), 5, 0, 1, 2, 3, 2, 1, 1, 2, 2, 1, 1),
                Fixtures.record("TestPixels-v0", Map.of(), 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1))) {
            List<String> expected = direct(r);
            Replay replay = Replay.of(r, "test");
            assertEquals(r.steps().size(), replay.length());
            assertEquals(!r.envId().startsWith("Test"), replay.snapshotting(), r.envId());
            assertEquals(expected.get(0), digest(replay.frame()), "starts at step 0");
            SplittableRandom rng = new SplittableRandom(3);
            for (int i = 0; i < 120; i++) {
                int t = rng.nextInt(-3, replay.length() + 4);
                replay.seek(t);
                int clamped = Math.max(0, Math.min(replay.length(), t));
                assertEquals(clamped, replay.position());
                assertEquals(expected.get(clamped), digest(replay.frame()), r.envId() + " at step " + clamped);
            }
            replay.seek(0);
            for (int t = 1; t <= replay.length(); t++) {
                replay.forward();
                assertEquals(expected.get(t), digest(replay.frame()));
            }
            replay.forward();
            assertEquals(replay.length(), replay.position(), "forward stops at the end");
            for (int t = replay.length() - 1; t >= 0; t--) {
                replay.back();
                assertEquals(expected.get(t), digest(replay.frame()));
            }
            replay.back();
            assertEquals(0, replay.position());
            assertNull(replay.lastStep());
        }
    }

    @Test
    void returnsFollowThePosition() throws Exception {
        Replay r = Replay.of(Fixtures.record("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 0, Fixtures.FROZENLAKE_WIN), "t");
        r.seek(5);
        assertEquals(0.0, r.returnSoFar());
        assertFalse(r.lastStep().done());
        r.seek(6);
        assertEquals(1.0, r.returnSoFar());
        assertTrue(r.lastStep().terminated());
    }

    @Test
    void aFileThatDoesNotReplayTheSameIsRefused() {
        EpisodeRecord good = Fixtures.record("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 0, Fixtures.FROZENLAKE_WIN);
        List<EpisodeRecord.StepRecord> steps = new ArrayList<>(good.steps());
        steps.set(5, new EpisodeRecord.StepRecord(2, 0.0, true, false));
        EpisodeRecord edited = new EpisodeRecord(good.envId(), good.options(), good.seed(), "x", steps, true);
        String m = assertThrows(EpisodeFileException.class, () -> Replay.of(edited, "ep.jsonl")).getMessage();
        assertTrue(m.startsWith("ep.jsonl step 6: the file says reward 0.0"), m);
        assertTrue(m.contains("gives reward 1.0"), m);

        EpisodeRecord slippery = new EpisodeRecord("FrozenLake-v1", Map.of(), 0, "x", good.steps(), true);
        assertThrows(EpisodeFileException.class, () -> Replay.of(slippery, "s"), "other options replay differently");

        EpisodeRecord unknown = new EpisodeRecord("FrozenLak-v1", Map.of(), 0, "x", good.steps(), true);
        m = assertThrows(EpisodeFileException.class, () -> Replay.of(unknown, "u")).getMessage();
        assertTrue(m.contains("cannot rebuild its environment") && m.contains("FrozenLake-v1"), m);

        EpisodeRecord badAction = new EpisodeRecord("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 0, "x",
                List.of(new EpisodeRecord.StepRecord(7, 0, false, false)), true);
        m = assertThrows(EpisodeFileException.class, () -> Replay.of(badAction, "b")).getMessage();
        assertTrue(m.contains("step 1: the environment refuses the action"), m);
    }
}
