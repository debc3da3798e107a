package dev.arcadia.simui.paint;

import java.util.Map;

/** Colours ({@code 0xRRGGBB}) of the viewer, and of grid tiles by their legend name. */
public final class Palette {

    public static final int BACKGROUND = 0x1E2328;
    public static final int PANEL = 0x2A3038;
    public static final int BAR = 0x11161B;
    public static final int TEXT = 0xE6E6E6;
    public static final int DIM_TEXT = 0x9AA5B1;
    public static final int ACCENT = 0x4FC3F7;
    public static final int GOOD = 0x66BB6A;
    public static final int WARN = 0xFFB74D;
    public static final int ERROR = 0xB3261E;
    public static final int GRID_LINE = 0x37474F;
    public static final int AGENT = 0xE8412C;
    public static final int ARROW = 0x111111;
    public static final int TEXT_FRAME_BACKGROUND = 0x101418;

    /** Tile colours of the names that environments use; other names get a stable colour from {@link #SERIES}. */
    public static final Map<String, Integer> TILES = Map.ofEntries(
            Map.entry("start", 0x9DC3E6),
            Map.entry("frozen", 0xDCEEFB),
            Map.entry("hole", 0x1B2A41),
            Map.entry("goal", 0xF4C542),
            Map.entry("empty", 0x0B0B0B),
            Map.entry("wall", 0x7F7F7F),
            Map.entry("player", 0x3FA7D6),
            Map.entry("agent", 0x3FA7D6),
            Map.entry("enemy", 0xE15554),
            Map.entry("bullet", 0xFAFAFA),
            Map.entry("friendly_bullet", 0xFAFAFA),
            Map.entry("enemy_bullet", 0xFF8A65),
            Map.entry("gold", 0xF4C542),
            Map.entry("trail", 0x6C7A89));

    /** Distinct colours for curves and unnamed tiles. */
    public static final int[] SERIES = {0x4FC3F7, 0xFFB74D, 0x81C784, 0xE57373, 0xBA68C8, 0xFFF176, 0x4DB6AC,
        0xF06292, 0xA1887F, 0x90A4AE};

    private Palette() {
    }

    /** The colour of a tile by its legend name (names without a colour of their own are coloured by their code). */
    public static int tile(String name, int code) {
        Integer c = TILES.get(name);
        if (c != null) {
            return c;
        }
        return SERIES[Math.floorMod(code - 1, SERIES.length)];
    }

    /** The colour of a named tile. */
    public static int tile(String name) {
        return tile(name, Math.floorMod(name.hashCode(), SERIES.length) + 1);
    }

    /** Colour of series {@code i}. */
    public static int series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }

    /** A value ramp from dark blue (t = 0) through purple to orange-red (t = 1). */
    public static int heat(double t) {
        double u = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t));
        int r = (int) Math.round(30 + u * (240 - 30));
        int g = (int) Math.round(60 + u * (80 - 60) + 4 * u * (1 - u) * 40);
        int b = (int) Math.round(200 - u * (200 - 40));
        return r << 16 | g << 8 | b;
    }
}
