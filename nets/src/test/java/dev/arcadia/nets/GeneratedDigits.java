package dev.arcadia.nets;

import java.util.SplittableRandom;

/**
 * A generated stand-in for the 8x8 digits data set: hand-drawn 8x8 glyphs of 0-9, centred like the UCI digits,
 * with pixel flips (5 %), a random stroke intensity per sample and Gaussian pixel noise (sd 0.3). Deterministic
 * for a seed.
 */
final class GeneratedDigits {

    private static final String[][] GLYPHS = {
        {"..####..", ".#....#.", ".#....#.", ".#....#.", ".#....#.", ".#....#.", "..####..", "........"},
        {"...##...", "..###...", "...##...", "...##...", "...##...", "...##...", "..####..", "........"},
        {"..####..", ".#....#.", "......#.", ".....#..", "...##...", "..#.....", ".######.", "........"},
        {"..####..", ".#....#.", "......#.", "...###..", "......#.", ".#....#.", "..####..", "........"},
        {"....##..", "...#.#..", "..#..#..", ".#...#..", ".######.", ".....#..", ".....#..", "........"},
        {".######.", ".#......", ".#####..", "......#.", "......#.", ".#....#.", "..####..", "........"},
        {"..####..", ".#......", ".#......", ".#####..", ".#....#.", ".#....#.", "..####..", "........"},
        {".######.", "......#.", ".....#..", "....#...", "...#....", "...#....", "...#....", "........"},
        {"..####..", ".#....#.", ".#....#.", "..####..", ".#....#.", ".#....#.", "..####..", "........"},
        {"..####..", ".#....#.", ".#....#.", "..#####.", "......#.", "......#.", "..####..", "........"},
    };

    final float[] images;
    final int[] labels;

    GeneratedDigits(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        images = new float[n * 64];
        labels = new int[n];
        for (int s = 0; s < n; s++) {
            int digit = rng.nextInt(10);
            labels[s] = digit;
            float ink = (float) (0.6 + 0.8 * rng.nextDouble());
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean on = GLYPHS[digit][r].charAt(c) == '#';
                    if (rng.nextDouble() < 0.05) {
                        on = !on;
                    }
                    images[s * 64 + r * 8 + c] = (on ? ink : 0f) + (float) (0.3 * gaussian(rng));
                }
            }
        }
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    int size() {
        return labels.length;
    }
}
