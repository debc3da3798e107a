package dev.arcadia.simui;

import dev.arcadia.experiments.episodes.EpisodeFile;
import dev.arcadia.experiments.episodes.EpisodeRecord;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Keys;
import dev.arcadia.env.render.GridFrame;
import dev.arcadia.simui.model.PlaySession;
import dev.arcadia.simui.model.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaySessionTest {

    @TempDir
    Path dir;

    private List<Path> recordings() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void keysMoveTheAgentAndAWonEpisodeIsRecordedAndReplays() throws Exception {
        PlaySession p = new PlaySession("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 40, dir);
        assertEquals(40, p.seed());
        assertTrue(p.keyDown(Keys.RIGHT));
        GridFrame f = (GridFrame) p.frame();
        assertEquals(0, f.agentRow());
        assertEquals(1, f.agentCol());
        assertEquals(1, p.steps());
        assertFalse(p.keyDown(Keys.Q), "unmapped key");
        for (int key : new int[] {Keys.D, Keys.S, Keys.S, Keys.S, Keys.D}) {
            p.keyDown(key);
        }
        assertTrue(p.done());
        assertTrue(p.terminated());
        assertEquals(1.0, p.score());
        assertEquals(6, p.steps());
        assertFalse(p.keyDown(Keys.LEFT), "moves are ignored after the end");
        assertEquals(6, p.steps());
        assertEquals(List.of(p.lastSaved()), recordings());
        EpisodeRecord r = EpisodeFile.read(p.lastSaved());
        assertEquals(40, r.seed());
        assertEquals("human", r.source());
        assertArrayEquals(Fixtures.FROZENLAKE_WIN, r.actions());
        Replay replay = Replay.of(r, "rec");
        replay.seek(6);
        assertEquals(1.0, replay.returnSoFar());

        assertTrue(p.keyDown(Keys.ENTER));
        assertEquals(2, p.episode());
        assertEquals(41, p.seed(), "each episode has its own seed");
        assertEquals(0, p.steps());
        assertFalse(p.done());
        assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 200; i++) {
                p.step(0); // walking into the wall until the time limit ends the episode, then one step too many
            }
        });
        assertTrue(p.truncated());
        assertEquals(100, p.steps());
    }

    @Test
    void leavingMidEpisodeRecordsWhatWasPlayed() throws Exception {
        PlaySession p = new PlaySession("FrozenLake-v1", Fixtures.NOT_SLIPPERY, 0, dir);
        p.keyDown(Keys.DOWN);
        p.keyDown(Keys.R);
        assertEquals(2, p.episode());
        assertEquals(1, recordings().size());
        EpisodeRecord r = EpisodeFile.read(recordings().get(0));
        assertEquals(1, r.steps().size());
        assertFalse(r.done());
        p.saveIfNeeded();
        assertEquals(1, recordings().size(), "an episode without steps is not recorded");
        PlaySession unrecorded = new PlaySession("FrozenLake-v1", Map.of(), 0, null);
        unrecorded.keyDown(Keys.LEFT);
        unrecorded.saveIfNeeded();
        assertNull(unrecorded.lastSaved());
    }

    @Test
    void realTimeGamesStepOnTheClockWithTheHeldKey() {
        PlaySession p = new PlaySession("CartPole-v1", Map.of(), 1, null);
        assertEquals(0, p.update(1.0), "CartPole waits while no key is held");
        p.keyDown(Keys.RIGHT);
        assertEquals(5, p.update(0.2 + 1e-9), "25 steps per second");
        p.keyUp(Keys.RIGHT);
        assertEquals(0, p.update(0.5));
        p.keyDown(Keys.LEFT);
        p.keyUp(Keys.LEFT);
        assertEquals(1, p.update(0.05), "a tap between two ticks still counts once");
        assertEquals(0, p.update(0.05));
        assertEquals(6, p.steps());
        assertEquals("Left", ((dev.arcadia.env.render.ShapesFrame) p.frame()).caption());

        PlaySession car = new PlaySession("MountainCar-v0", Map.of(), 1, null);
        assertEquals(30, car.update(1.0 + 1e-9), "MountainCar steps with no push when idle");
        assertEquals("None", ((dev.arcadia.env.render.ShapesFrame) car.frame()).caption());
    }

    @Test
    void environmentsThatCannotBePlayedSaySo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlaySession("Pendulum-v1", Map.of(), 0, null));
        assertTrue(e.getMessage().contains("not discrete"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PlaySession("FrozenLak-v1", Map.of(), 0, null));
        assertTrue(e.getMessage().contains("FrozenLake-v1"), e.getMessage());
    }
}
