package dev.arcadia.simui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.badlogic.gdx.Input.Keys;
import dev.arcadia.env.Envs;
import dev.arcadia.env.space.Box;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.simui.model.KeyMap;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KeyMapTest {

    private static int action(KeyMap m, int key) {
        OptionalInt a = m.action(key);
        assertTrue(a.isPresent(), "key " + Keys.toString(key) + " is mapped");
        return a.getAsInt();
    }

    @Test
    void discrete4IsTurnBasedInFrozenLakeOrder() {
        KeyMap m = KeyMap.forSpace(new Discrete(4));
        assertEquals(KeyMap.Timing.TURN, m.timing());
        assertEquals(0, action(m, Keys.LEFT));
        assertEquals(0, action(m, Keys.A));
        assertEquals(1, action(m, Keys.DOWN));
        assertEquals(1, action(m, Keys.S));
        assertEquals(2, action(m, Keys.RIGHT));
        assertEquals(2, action(m, Keys.D));
        assertEquals(3, action(m, Keys.UP));
        assertEquals(3, action(m, Keys.W));
        assertEquals(2, action(m, Keys.NUM_2));
        assertTrue(m.action(Keys.SPACE).isEmpty());
        assertEquals(List.of("Left", "Down", "Right", "Up"), m.names());
    }

    @Test
    void discrete2IsRealTimeAndWaitsWithoutAKey() {
        KeyMap m = KeyMap.forSpace(new Discrete(2));
        assertEquals(KeyMap.Timing.REALTIME, m.timing());
        assertEquals(0, action(m, Keys.LEFT));
        assertEquals(1, action(m, Keys.RIGHT));
        assertEquals(KeyMap.WAIT, m.tickAction(List.of()));
        assertEquals(1, m.tickAction(List.of(Keys.LEFT, Keys.RIGHT)), "the most recent key wins");
        assertEquals(0, m.tickAction(List.of(Keys.RIGHT, Keys.LEFT)));
        assertEquals(0, m.tickAction(List.of(Keys.LEFT, Keys.Q)), "unmapped keys are ignored");
    }

    @Test
    void discrete3IsMountainCarWithNoPushWhenIdle() {
        KeyMap m = KeyMap.forSpace(new Discrete(3));
        assertEquals(0, action(m, Keys.LEFT));
        assertEquals(1, action(m, Keys.DOWN));
        assertEquals(2, action(m, Keys.RIGHT));
        assertEquals(1, m.idleAction());
        assertEquals(1, m.tickAction(List.of()));
    }

    @Test
    void discrete6IsMinAtarsFullActionSet() {
        KeyMap m = KeyMap.forSpace(new Discrete(6));
        assertEquals(0, m.tickAction(List.of()), "n: no key");
        assertEquals(1, action(m, Keys.LEFT));
        assertEquals(2, action(m, Keys.UP));
        assertEquals(3, action(m, Keys.RIGHT));
        assertEquals(4, action(m, Keys.DOWN));
        assertEquals(5, action(m, Keys.SPACE));
        assertEquals(List.of("Noop", "Left", "Up", "Right", "Down", "Fire"), m.names());
    }

    @Test
    void otherSpaces() {
        KeyMap m = KeyMap.forSpace(new Discrete(5));
        assertEquals(4, action(m, Keys.NUM_4));
        assertTrue(m.action(Keys.NUM_5).isEmpty());
        KeyMap shifted = KeyMap.forSpace(new Discrete(4, 10));
        assertEquals(10, action(shifted, Keys.LEFT));
        assertEquals(13, action(shifted, Keys.UP));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyMap.forSpace(Box.uniform(-1, 1, 1)));
        assertTrue(e.getMessage().contains("not discrete"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyMap.forSpace(new Discrete(18)));
    }

    @Test
    void environmentsThatNameTheirActionsGetKeysByMeaning() {
        assertEquals(KeyMap.forSpace(new Discrete(4)).describe(), KeyMap.forEnv(Envs.make("FrozenLake-v1")).describe());
        KeyMap car = KeyMap.forEnv(Envs.make("MountainCar-v0"));
        assertEquals(0, action(car, Keys.LEFT));
        assertEquals(2, action(car, Keys.RIGHT));
        assertEquals(1, car.idleAction());
        KeyMap cart = KeyMap.forEnv(Envs.make("CartPole-v1"));
        assertEquals(KeyMap.WAIT, cart.idleAction());
        assertEquals(1, action(cart, Keys.D));
        KeyMap acrobot = KeyMap.forEnv(Envs.make("Acrobot-v1"));
        assertEquals(0, action(acrobot, Keys.LEFT));
        assertEquals(1, acrobot.idleAction());
        assertEquals(2, action(acrobot, Keys.RIGHT));
    }

    @Test
    void minAtarsMinimalActionSetsMapByMeaning() {
        if (!Envs.ids().contains("MinAtar/Breakout-v1")) {
            return; // MinAtar not registered in this build
        }
        KeyMap breakout = KeyMap.forEnv(Envs.make("MinAtar/Breakout-v1"));
        assertEquals(3, breakout.actions());
        assertEquals(0, breakout.idleAction(), "n");
        assertEquals(1, action(breakout, Keys.LEFT), "l");
        assertEquals(2, action(breakout, Keys.RIGHT), "r");
        assertEquals(KeyMap.Timing.REALTIME, breakout.timing());
        KeyMap full = KeyMap.forEnv(Envs.make("MinAtar/Breakout-v0"));
        assertEquals(KeyMap.forSpace(new Discrete(6)).describe(), full.describe());
    }
}
