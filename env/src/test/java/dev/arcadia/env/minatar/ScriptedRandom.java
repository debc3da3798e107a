package dev.arcadia.env.minatar;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A random source that hands out draws recorded from MinAtar, in order: {@code rand()} values for
 * {@link #nextDouble()} and {@code randint(low, high)} results for {@link #nextInt(int, int)}. A draw of another kind
 * or range than the recorded one, or one past the end, fails: so replaying also checks that a game draws what
 * MinAtar draws, when it does. Everything else (nextLong, ...) is unsupported.
 */
final class ScriptedRandom implements RandomGenerator {

    /** A recorded draw: a uniform value (kind 'u') or an integer in [low, high) (kind 'i'). */
    record Draw(char kind, double uniform, int low, int high, int value) {
        static Draw uniform(double u) {
            return new Draw('u', u, 0, 0, 0);
        }

        static Draw integer(int low, int high, int value) {
            return new Draw('i', 0, low, high, value);
        }

        @Override
        public String toString() {
            return kind == 'u' ? "rand() = " + uniform : "randint(" + low + ", " + high + ") = " + value;
        }
    }

    private final List<Draw> draws = new ArrayList<>();
    private int next;

    void add(Draw d) {
        draws.add(d);
    }

    /** Draws handed out so far. */
    int used() {
        return next;
    }

    int size() {
        return draws.size();
    }

    private Draw take(String what) {
        if (next >= draws.size()) {
            throw new AssertionError("the game drew " + what + " but MinAtar made no more draws (after " + next + ")");
        }
        return draws.get(next++);
    }

    @Override
    public double nextDouble() {
        Draw d = take("rand()");
        if (d.kind() != 'u') {
            throw new AssertionError("draw " + (next - 1) + ": the game drew rand(), MinAtar drew " + d);
        }
        return d.uniform();
    }

    @Override
    public int nextInt(int origin, int bound) {
        Draw d = take("randint(" + origin + ", " + bound + ")");
        if (d.kind() != 'i' || d.low() != origin || d.high() != bound) {
            throw new AssertionError("draw " + (next - 1) + ": the game drew randint(" + origin + ", " + bound
                    + "), MinAtar drew " + d);
        }
        return d.value();
    }

    @Override
    public int nextInt(int bound) {
        return nextInt(0, bound);
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("MinAtar replay supplies only rand() and randint() draws");
    }
}
