package dev.arcadia.env.classic;

import dev.arcadia.env.EnvProvider;
import dev.arcadia.env.EnvSpec;
import java.util.List;
import java.util.Map;

/**
 * Registers the classic-control environments with Gymnasium 1.3's limits and thresholds: {@code CartPole-v1} (500
 * steps, solved at 475), {@code MountainCar-v0} (200 steps, -110), {@code Acrobot-v1} (500 steps, -100) and
 * {@code Pendulum-v1} (200 steps, no threshold).
 */
public final class ClassicControlEnvs implements EnvProvider {

    @Override
    public List<EnvSpec> specs() {
        return List.of(
                new EnvSpec("CartPole-v1", CartPole::fromOptions, Map.of("sutton_barto_reward", false), 500, 475.0,
                        "CartPole, balance a pole on a cart, 500-step limit"),
                new EnvSpec("MountainCar-v0", MountainCar::fromOptions, Map.of("goal_velocity", 0.0), 200, -110.0,
                        "MountainCar, drive an underpowered car up a hill, 200-step limit"),
                new EnvSpec("Acrobot-v1", Acrobot::fromOptions, Map.of("book_or_nips", "book"), 500, -100.0,
                        "Acrobot, swing a two-link chain above a line, 500-step limit"),
                new EnvSpec("Pendulum-v1", Pendulum::fromOptions, Map.of("g", Pendulum.DEFAULT_G), 200, Double.NaN,
                        "Pendulum, swing a rod up and hold it with a bounded torque (continuous), 200-step limit"));
    }
}
