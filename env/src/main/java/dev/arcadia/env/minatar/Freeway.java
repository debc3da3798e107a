package dev.arcadia.env.minatar;

import dev.arcadia.env.Options;
import dev.arcadia.env.util.StateCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MinAtar's Freeway (Young and Tian 2019), following {@code minatar/environments/freeway.py} of MinAtar 1.0.15.
 *
 * <h2>Description</h2>
 * A chicken in column 4 crosses eight lanes of traffic (rows 1 to 8) from the bottom row to the top. Each lane has
 * one car that moves every 1 to 5 frames, to the left or right, and wraps around at the edges; five trail channels
 * mark the cell behind each car, the channel telling its speed and the side its direction.
 *
 * <h2>Actions</h2>
 * {@code Discrete(6)} (n, l, u, r, d, f; only u and d act) for {@code MinAtar/Freeway-v0}, {@code Discrete(3)}
 * (n, u, d) for {@code -v1}. The chicken moves at most once every 3 frames.
 *
 * <h2>Observations</h2>
 * {@code Box[10, 10, 7]}, HWC: 0 chicken, 1 car, 2..6 trail of a car that moves every 1..5 frames.
 *
 * <h2>Rewards</h2>
 * +1 each time the chicken reaches row 0; it then restarts in row 9 and every car gets a new speed and direction.
 *
 * <h2>Episode end</h2>
 * Terminated (not truncated, as MinAtar reports it) when the frame counter, which starts at 2,500 and counts down
 * each frame, passes below 0: the episode lasts exactly 2,501 frames. Being hit by a car only sends the chicken
 * back to row 9.
 *
 * <h2>Dynamics</h2>
 * At reset every car starts in column 0 with a speed drawn as MinAtar does: eight {@code randint(1, 6)} draws for the
 * periods, then eight uniform draws for the directions (right when the draw exceeds 0.5, left below; MinAtar's
 * {@code sign(u - 0.5)}, whose 0 at exactly 0.5 has probability 2^-53, is taken as left). The chicken
 * starts in row 9 with its move timer at 3. Each frame: u/d move the chicken when its move timer is 0 and restart
 * the timer at 3; reaching row 0 scores, redraws all cars' speeds (positions kept, timers set to the new periods) and
 * sends the chicken back; then each car in turn: a car on the chicken's cell sends it back, a car whose timer is 0
 * moves one cell (wrapping), restarts its timer at its period and sends the chicken back if it lands on it, otherwise
 * its timer counts down. No difficulty ramp: {@code difficulty_ramping} is accepted and ignored, as in MinAtar.
 *
 * <h2>Arguments</h2>
 * {@code sticky_action_prob} (0.1), {@code difficulty_ramping} (true; no effect), {@code use_minimal_action_set}
 * (false for v0, true for v1).
 *
 * <h2>Version history</h2>
 * v0 / v1: MinAtar 1.0.15's Freeway with all actions / the minimal action set, checked frame by frame against
 * trajectories recorded from MinAtar.
 */
public final class Freeway extends MinAtarGame {

    public static final int CHICKEN = 0;
    public static final int CAR = 1;
    /** Trail channel of a car that moves every frame; SPEED1 + k - 1 for every k frames. */
    public static final int SPEED1 = 2;

    static final int PLAYER_SPEED = 3;
    static final int TIME_LIMIT = 2500;
    private static final int CARS = 8;

    /** MinAtar's {@code cars[i]} = [x, y, timer, speed]; speed is signed (+ right, - left), its size the period. */
    private final int[] carX = new int[CARS];
    private final int[] carY = new int[CARS];
    private final int[] carTimer = new int[CARS];
    private final int[] carSpeed = new int[CARS];
    private final int[] draws = new int[CARS];
    private int pos;
    private int moveTimer;
    private int terminateTimer;

    /** Freeway with all six actions, sticky actions 0.1, as {@code MinAtar/Freeway-v0}. */
    public Freeway() {
        this(false, 0.1, true);
    }

    public Freeway(boolean minimalActionSet, double stickyActionProb, boolean ramping) {
        super("Freeway", List.of("chicken", "car", "speed1", "speed2", "speed3", "speed4", "speed5"),
                new int[] {NOOP, UP, DOWN}, minimalActionSet, stickyActionProb, ramping);
    }

    /** Builds the game from registry options. */
    public static Freeway fromOptions(Options o) {
        return new Freeway(o.getBoolean("use_minimal_action_set"), o.getDouble("sticky_action_prob"),
                o.getBoolean("difficulty_ramping"));
    }

    @Override
    protected void resetGame() {
        randomizeCars(true);
        pos = 9;
        moveTimer = PLAYER_SPEED;
        terminateTimer = TIME_LIMIT;
    }

    private void randomizeCars(boolean initialize) {
        for (int i = 0; i < CARS; i++) {
            draws[i] = random().nextInt(1, 6);
        }
        for (int i = 0; i < CARS; i++) {
            int speed = random().nextDouble() - 0.5 > 0 ? draws[i] : -draws[i];
            if (initialize) {
                carX[i] = 0;
                carY[i] = i + 1;
            }
            carTimer[i] = Math.abs(speed);
            carSpeed[i] = speed;
        }
    }

    @Override
    protected int actGame(int a) {
        int r = 0;
        if (a == UP && moveTimer == 0) {
            moveTimer = PLAYER_SPEED;
            pos = Math.max(0, pos - 1);
        } else if (a == DOWN && moveTimer == 0) {
            moveTimer = PLAYER_SPEED;
            pos = Math.min(9, pos + 1);
        }
        if (pos == 0) {
            r++;
            randomizeCars(false);
            pos = 9;
        }
        for (int i = 0; i < CARS; i++) {
            if (carX[i] == 4 && carY[i] == pos) {
                pos = 9;
            }
            if (carTimer[i] == 0) {
                carTimer[i] = Math.abs(carSpeed[i]);
                carX[i] += carSpeed[i] > 0 ? 1 : -1;
                if (carX[i] < 0) {
                    carX[i] = 9;
                } else if (carX[i] > 9) {
                    carX[i] = 0;
                }
                if (carX[i] == 4 && carY[i] == pos) {
                    pos = 9;
                }
            } else {
                carTimer[i]--;
            }
        }
        if (moveTimer > 0) {
            moveTimer--;
        }
        terminateTimer--;
        if (terminateTimer < 0) {
            terminal = true;
        }
        return r;
    }

    @Override
    protected void draw() {
        set(pos, 4, CHICKEN);
        for (int i = 0; i < CARS; i++) {
            set(carY[i], carX[i], CAR);
            int back = carSpeed[i] > 0 ? carX[i] - 1 : carX[i] + 1;
            if (back < 0) {
                back = 9;
            } else if (back > 9) {
                back = 0;
            }
            int period = Math.abs(carSpeed[i]);
            if (period >= 1 && period <= 5) {
                set(carY[i], back, SPEED1 + period - 1);
            }
        }
    }

    @Override
    protected int[] playerCell() {
        return new int[] {pos, 4};
    }

    /** No ramp in Freeway: -1 (MinAtar's None). */
    @Override
    public int difficultyRamp() {
        return -1;
    }

    /** Frames left before the counter passes below 0 and the episode ends. */
    public int framesLeft() {
        return terminateTimer + 1;
    }

    @Override
    protected void writeGame(StateCodec.Writer out) {
        for (int i = 0; i < CARS; i++) {
            out.writeInt(carX[i]).writeInt(carY[i]).writeInt(carTimer[i]).writeInt(carSpeed[i]);
        }
        out.writeInt(pos).writeInt(moveTimer).writeInt(terminateTimer);
    }

    @Override
    protected void readGame(StateCodec.Reader in) {
        int[][] cars = new int[CARS][];
        for (int i = 0; i < CARS; i++) {
            cars[i] = new int[] {readInt(in, "car x", 0, 9), readInt(in, "car y", 0, 9), readInt(in, "car timer", -ANY, ANY),
                    readInt(in, "car speed", -ANY, ANY)};
        }
        int p = readInt(in, "pos", 0, 9);
        int mt = readInt(in, "move_timer", -ANY, ANY);
        int tt = readInt(in, "terminate_timer", -ANY, ANY);
        setCars(cars);
        pos = p;
        moveTimer = mt;
        terminateTimer = tt;
    }

    private void setCars(int[][] cars) {
        for (int i = 0; i < CARS; i++) {
            carX[i] = cars[i][0];
            carY[i] = cars[i][1];
            carTimer[i] = cars[i][2];
            carSpeed[i] = cars[i][3];
        }
    }

    @Override
    protected void putVars(Map<String, Object> vars) {
        List<Object> cars = new ArrayList<>();
        for (int i = 0; i < CARS; i++) {
            cars.add(List.of(carX[i], carY[i], carTimer[i], carSpeed[i]));
        }
        vars.put("cars", cars);
        vars.put("pos", pos);
        vars.put("move_timer", moveTimer);
        vars.put("terminate_timer", terminateTimer);
    }

    @Override
    protected void loadVars(Vars v) {
        List<?> list = v.list("cars");
        if (list.size() != CARS) {
            throw new IllegalArgumentException("Freeway state 'cars': expected 8 cars, got " + list.size());
        }
        int[][] cars = new int[CARS][];
        for (int i = 0; i < CARS; i++) {
            cars[i] = v.entity("cars", list.get(i), 4);
            if (cars[i][0] < 0 || cars[i][0] > 9 || cars[i][1] < 0 || cars[i][1] > 9) {
                throw new IllegalArgumentException("Freeway state: car " + i + " at (" + cars[i][0] + ", " + cars[i][1]
                        + ") is off the grid");
            }
        }
        int p = v.integer("pos");
        if (p < 0 || p > 9) {
            throw new IllegalArgumentException("Freeway state: pos " + p + " is off the grid (0..9)");
        }
        setCars(cars);
        pos = p;
        moveTimer = v.integer("move_timer");
        terminateTimer = v.integer("terminate_timer");
    }
}
