package dev.arcadia.simui;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvProvider;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Options;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.Step;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.render.PixelFrame;
import dev.arcadia.env.render.TextFrame;
import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import java.util.List;
import java.util.Map;

/**
 * Test-only environments (registered through this module's test resources) that render the frame kinds no real
 * environment renders yet: {@code TestPixels-v0} draws a {@link PixelFrame}, {@code TestText-v0} a {@link TextFrame}.
 * Both are a corridor of {@value Corridor#LENGTH} cells: action 0 moves left, 1 right, reaching the right end gives 1
 * and terminates. Neither supports snapshots, so replays of them re-simulate from the start.
 */
public final class TestEnvs implements EnvProvider {

    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec("TestPixels-v0", o -> new Corridor(false), Map.of(), 50, Double.NaN, "test corridor, pixels"),
                new EnvSpec("TestText-v0", o -> new Corridor(true), Map.of(), 50, Double.NaN, "test corridor, text"));
    }

    /** The corridor. */
    public static final class Corridor implements Env<Integer, Integer>, Renderable {
        public static final int LENGTH = 8;
        public static final int HEIGHT = 6;
        /** Image colours (RGB). */
        public static final int TOP = 0xFF0000;
        public static final int BOTTOM = 0x00FF00;
        public static final int BACK = 0x203040;
        public static final int PLAYER = 0xFFFFFF;

        private final boolean text;
        private int position = -1;

        Corridor(boolean text) {
            this.text = text;
        }

        @SuppressWarnings("unused")
        static Corridor fromOptions(Options o) {
            return new Corridor(false);
        }

        @Override
        public Step<Integer> reset(long seed) {
            return reset();
        }

        @Override
        public Step<Integer> reset() {
            position = 0;
            return Step.ofReset(position, Map.of());
        }

        @Override
        public Step<Integer> step(Integer action) {
            position = Math.max(0, Math.min(LENGTH - 1, position + (action == 1 ? 1 : -1)));
            boolean end = position == LENGTH - 1;
            return new Step<>(position, end ? 1.0 : 0.0, end, false, Map.of());
        }

        @Override
        public Space<Integer> observationSpace() {
            return new Discrete(LENGTH);
        }

        @Override
        public Space<Integer> actionSpace() {
            return new Discrete(2);
        }

        @Override
        public Frame render() {
            if (text) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < LENGTH; i++) {
                    row.append(i == position ? '@' : i == LENGTH - 1 ? 'G' : '.');
                }
                return new TextFrame(List.of("#".repeat(LENGTH + 2), "#" + row + "#", "#".repeat(LENGTH + 2)));
            }
            byte[] px = new byte[LENGTH * HEIGHT * 3];
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < LENGTH; x++) {
                    int c = y == 0 ? TOP : y == HEIGHT - 1 ? BOTTOM : (x == position && (y == 2 || y == 3)) ? PLAYER : BACK;
                    int i = (y * LENGTH + x) * 3;
                    px[i] = (byte) (c >> 16);
                    px[i + 1] = (byte) (c >> 8);
                    px[i + 2] = (byte) c;
                }
            }
            return new PixelFrame(LENGTH, HEIGHT, 3, px);
        }

        @Override
        public String toString() {
            return text ? "TestText" : "TestPixels";
        }
    }
}
