package dev.arcadia.simui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ViewerArgsTest {

    @Test
    void commands() throws Exception {
        Launch.Play p = (Launch.Play) ViewerArgs.parse("play", "FrozenLake-v1", "--seed", "7", "--option",
                "is_slippery=false", "--option", "map_name=8x8", "--option", "reward_schedule=[1, 0, 0]");
        assertEquals("FrozenLake-v1", p.envId());
        assertEquals(7, p.seed());
        assertEquals(Map.of("is_slippery", false, "map_name", "8x8", "reward_schedule", List.of(1.0, 0.0, 0.0)), p.options());
        assertEquals(Path.of("recordings"), p.recordDir());
        assertNull(((Launch.Play) ViewerArgs.parse("view", "play", "CartPole-v1", "--no-record")).recordDir());
        assertEquals(new Launch.Replay(Path.of("a.jsonl")), ViewerArgs.parse("replay", "a.jsonl"));
        assertEquals(new Launch.Watch(Path.of("runs/x"), 2, OptionalLong.of(100)),
                ViewerArgs.parse("watch", "runs/x", "--seed", "2", "--episode", "100"));
        assertEquals(new Launch.Watch(Path.of("runs/x"), 0, OptionalLong.empty()), ViewerArgs.parse("watch", "runs/x"));
        assertEquals(new Launch.Watch(Path.of("runs/pg"), 0, OptionalLong.of(2560)),
                ViewerArgs.parse("watch", "runs/pg", "--step", "2560"));
        assertEquals(new Launch.Live(Path.of("runs/x")), ViewerArgs.parse("live", "runs/x"));
        assertEquals(new Launch.Home(Path.of("runs"), Path.of("recordings")), ViewerArgs.parse());
        assertEquals(new Launch.Home(Path.of("r"), Path.of("recordings")), ViewerArgs.parse("--runs", "r"));
        assertTrue(ViewerArgs.wantsHelp(new String[] {"play", "--help"}));
    }

    @Test
    void usageErrorsSayWhatIsWrong() {
        assertTrue(assertThrows(ViewerArgs.UsageException.class, () -> ViewerArgs.parse("paly", "x"))
                .getMessage().contains("unknown command 'paly'"));
        assertTrue(assertThrows(ViewerArgs.UsageException.class, () -> ViewerArgs.parse("play"))
                .getMessage().contains("play expects ENV_ID"));
        assertTrue(assertThrows(ViewerArgs.UsageException.class, () -> ViewerArgs.parse("watch", "d", "--sed", "1"))
                .getMessage().contains("unknown option --sed"));
        assertTrue(assertThrows(ViewerArgs.UsageException.class, () -> ViewerArgs.parse("watch", "d", "--seed", "x"))
                .getMessage().contains("--seed expects an integer"));
        assertTrue(assertThrows(ViewerArgs.UsageException.class, () -> ViewerArgs.parse("play", "E", "--option", "x"))
                .getMessage().contains("NAME=VALUE"));
        assertTrue(assertThrows(ViewerArgs.UsageException.class,
                () -> ViewerArgs.parse("watch", "d", "--step", "1", "--episode", "2")).getMessage().contains("not both"));
        assertTrue(assertThrows(ViewerArgs.UsageException.class, () -> ViewerArgs.parse("live"))
                .getMessage().contains("RUN_DIR"));
    }
}
