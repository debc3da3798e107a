package dev.arcadia.env.minatar;

import static dev.arcadia.env.minatar.MinAtarGame.DOWN;
import static dev.arcadia.env.minatar.MinAtarGame.NOOP;
import static dev.arcadia.env.minatar.MinAtarGame.UP;
import static dev.arcadia.env.minatar.Rules.var;
import static dev.arcadia.env.minatar.Rules.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import dev.arcadia.env.util.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Freeway's rules, from MinAtar's freeway.py: cars, the chicken's pace, scoring and the 2,500-frame clock. */
class FreewayTest {

    /** Cars as MinAtar lists [x, y, timer, speed]; all parked at column 0 with long timers unless changed. */
    static List<Object> parked() {
        List<Object> cars = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cars.add(new ArrayList<>(List.of(0, i + 1, 1000, 5)));
        }
        return cars;
    }

    static Freeway quiet() {
        Freeway g = new Freeway(false, 0.0, true);
        g.reset(1);
        return with(g, "cars", parked());
    }

    @SuppressWarnings("unchecked")
    static List<List<Integer>> cars(Freeway g) {
        return (List<List<Integer>>) g.minAtarState().get("cars");
    }

    @Test
    void resetParksEveryCarAtTheLeftWithADrawnSpeed() {
        for (long seed = 0; seed < 20; seed++) {
            Freeway g = new Freeway();
            g.reset(seed);
            assertEquals(9, var(g, "pos"));
            assertEquals(3, var(g, "move_timer"));
            assertEquals(2500, var(g, "terminate_timer"));
            List<List<Integer>> cars = cars(g);
            for (int i = 0; i < 8; i++) {
                List<Integer> c = cars.get(i);
                assertEquals(0, c.get(0));
                assertEquals(i + 1, c.get(1));
                int period = Math.abs(c.get(3));
                assertTrue(period >= 1 && period <= 5);
                assertEquals(period, c.get(2));
                int back = c.get(3) > 0 ? 9 : 1;
                assertTrue(g.channel(i + 1, back, Freeway.SPEED1 + period - 1), "trail wraps around the edge");
            }
        }
    }

    @Test
    void theChickenMovesAtMostEveryThirdFrame() {
        Freeway g = quiet();
        List<Integer> rows = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            g.act(UP);
            rows.add(var(g, "pos"));
        }
        assertEquals(List.of(9, 9, 9, 8, 8, 8, 7, 7, 7, 6), rows, "timer 3 at reset, then 3 after each move");
        g.act(NOOP);
        g.act(NOOP);
        g.act(DOWN);
        assertEquals(7, var(g, "pos"), "the timer ran out during the no-ops");
        g.act(DOWN);
        assertEquals(7, var(g, "pos"));
        g = with(quiet(), "move_timer", 0);
        g.act(DOWN);
        assertEquals(9, var(g, "pos"), "row 9 is the bottom");
    }

    @Test
    void reachingTheTopScoresAndRedrawsTheSpeeds() {
        Freeway g = with(quiet(), "pos", 1, "move_timer", 0);
        assertEquals(1, g.act(UP));
        assertEquals(9, var(g, "pos"));
        for (List<Integer> c : cars(g)) {
            assertEquals(0, c.get(0), "positions are kept");
            int period = Math.abs(c.get(3));
            assertTrue(period >= 1 && period <= 5);
            assertEquals(period - 1, c.get(2), "timer = new period, then counted down in the same frame");
        }
        assertFalse(g.isTerminal());
    }

    @Test
    void carsSendTheChickenBack() {
        List<Object> cars = parked();
        cars.set(7, List.of(4, 8, 1000, 5)); // standing on the chicken's cell in row 8
        Freeway g = with(quiet(), "pos", 8, "cars", cars);
        assertEquals(0, g.act(NOOP));
        assertEquals(9, var(g, "pos"));
        assertFalse(g.isTerminal(), "a hit is not the end");

        cars = parked();
        cars.set(4, List.of(3, 5, 0, 2)); // moves right onto (row 5, column 4) this frame
        g = with(quiet(), "pos", 5, "cars", cars);
        g.act(NOOP);
        assertEquals(9, var(g, "pos"));
        assertEquals(List.of(4, 5, 2, 2), cars(g).get(4));
    }

    @Test
    void carsMoveEveryPeriodAndWrapAround() {
        List<Object> cars = parked();
        cars.set(0, List.of(9, 1, 0, 1));
        cars.set(1, List.of(0, 2, 0, -3));
        cars.set(2, List.of(5, 3, 2, 2));
        Freeway g = with(quiet(), "cars", cars);
        g.act(NOOP);
        assertEquals(List.of(0, 1, 1, 1), cars(g).get(0));
        assertEquals(List.of(9, 2, 3, -3), cars(g).get(1));
        assertEquals(List.of(5, 3, 1, 2), cars(g).get(2));
        assertTrue(g.channel(2, 0, Freeway.SPEED1 + 2), "a left-moving car's trail is to its right (wrapped)");
        assertTrue(g.channel(1, 9, Freeway.SPEED1), "a right-moving car's trail is to its left (wrapped)");
        g.act(NOOP);
        g.act(NOOP);
        assertEquals(6, cars(g).get(2).get(0), "period 2: moves every third frame (timer 2, 1, 0, move)");
    }

    @Test
    void theEpisodeEndsAfter2501Frames() {
        Env<float[], Integer> env = Envs.make("MinAtar/Freeway-v1");
        env.reset(5);
        Rng actions = new Rng(5);
        int frames = 0;
        Step<float[]> s;
        do {
            s = env.step(actions.nextInt(3));
            frames++;
        } while (!s.done());
        assertEquals(2501, frames);
        assertTrue(s.terminated(), "MinAtar reports the clock as termination");
        assertFalse(s.truncated());
        Freeway g = (Freeway) env.unwrapped();
        assertEquals(-1, var(g, "terminate_timer"));
        assertEquals(0, g.framesLeft());
    }

    @Test
    void noRamp() {
        assertEquals(-1, new Freeway().difficultyRamp());
        assertTrue(MinAtarGameTest.same(MinAtarGameTest.play(new Freeway(false, 0.1, true), 3, 400),
                MinAtarGameTest.play(new Freeway(false, 0.1, false), 3, 400)));
    }
}
