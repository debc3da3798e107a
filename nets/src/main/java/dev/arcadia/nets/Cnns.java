package dev.arcadia.nets;

import dev.arcadia.nets.layers.Activation;
import dev.arcadia.nets.layers.ChannelsFirst;
import dev.arcadia.nets.layers.Conv2d;
import dev.arcadia.nets.layers.Dense;
import dev.arcadia.nets.layers.Flatten;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The Q-network CNNs of the Atari-like benchmarks, registered as plugin networks:
 * <ul>
 *   <li>{@code minatar-cnn} (Young and Tian, 2019): conv 16 3x3 stride 1 -> ReLU -> fc 128 -> ReLU -> |A|, on
 *       MinAtar's channels-last 10x10xC observations;</li>
 *   <li>{@code nature-cnn} (Mnih et al., 2015): conv 32 8x8/4 -> 64 4x4/2 -> 64 3x3/1 -> fc 512 -> |A|, on
 *       channels-first stacks such as 4x84x84.</li>
 * </ul>
 * Option {@code layout} ("hwc" or "chw") says how the input is laid out; hidden layers use PyTorch's default
 * initialisation, as the reference implementations do.
 */
public final class Cnns {

    private Cnns() {
    }

    /** {@code minatar-cnn}. */
    public static final class MinAtar implements NetworkFactory {
        @Override
        public String name() {
            return "minatar-cnn";
        }

        @Override
        public String description() {
            return "MinAtar DQN network: conv 16 3x3 -> fc 128 -> outputs (Young and Tian 2019)";
        }

        @Override
        public Map<String, Object> defaults() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("layout", "hwc");
            d.put("channels", 16);
            d.put("hidden", 128);
            return d;
        }

        @Override
        public Network create(int[] inputShape, int outputs, Map<String, Object> options, RandomGenerator rng) {
            int[] chw = chw("minatar-cnn", inputShape, String.valueOf(options.get("layout")));
            int filters = ((Number) options.get("channels")).intValue();
            int hidden = ((Number) options.get("hidden")).intValue();
            List<Layer> layers = new ArrayList<>();
            if (options.get("layout").equals("hwc")) {
                layers.add(new ChannelsFirst(chw[1], chw[2], chw[0]));
            }
            layers.add(new Conv2d(chw[0], filters, 3, 3, 1, 0, Init.FAN_IN_UNIFORM, rng));
            layers.add(Activation.relu());
            layers.add(new Flatten());
            layers.add(new Dense(filters * (chw[1] - 2) * (chw[2] - 2), hidden, Init.FAN_IN_UNIFORM, rng));
            layers.add(Activation.relu());
            layers.add(new Dense(hidden, outputs, Init.FAN_IN_UNIFORM, rng));
            return new Network(layers);
        }
    }

    /** {@code nature-cnn}. */
    public static final class Nature implements NetworkFactory {
        @Override
        public String name() {
            return "nature-cnn";
        }

        @Override
        public String description() {
            return "Nature DQN network: conv 32 8x8/4 -> 64 4x4/2 -> 64 3x3/1 -> fc 512 -> outputs (Mnih et al. 2015)";
        }

        @Override
        public Map<String, Object> defaults() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("layout", "chw");
            return d;
        }

        @Override
        public Network create(int[] inputShape, int outputs, Map<String, Object> options, RandomGenerator rng) {
            int[] chw = chw("nature-cnn", inputShape, String.valueOf(options.get("layout")));
            int h1 = (chw[1] - 8) / 4 + 1;
            int w1 = (chw[2] - 8) / 4 + 1;
            int h2 = (h1 - 4) / 2 + 1;
            int w2 = (w1 - 4) / 2 + 1;
            int h3 = h2 - 2;
            int w3 = w2 - 2;
            if (h3 < 1 || w3 < 1) {
                throw new IllegalArgumentException("nature-cnn needs inputs of at least 36x36, got "
                        + chw[1] + "x" + chw[2]);
            }
            List<Layer> layers = new ArrayList<>();
            if (options.get("layout").equals("hwc")) {
                layers.add(new ChannelsFirst(chw[1], chw[2], chw[0]));
            }
            layers.add(new Conv2d(chw[0], 32, 8, 8, 4, 0, Init.FAN_IN_UNIFORM, rng));
            layers.add(Activation.relu());
            layers.add(new Conv2d(32, 64, 4, 4, 2, 0, Init.FAN_IN_UNIFORM, rng));
            layers.add(Activation.relu());
            layers.add(new Conv2d(64, 64, 3, 3, 1, 0, Init.FAN_IN_UNIFORM, rng));
            layers.add(Activation.relu());
            layers.add(new Flatten());
            layers.add(new Dense(64 * h3 * w3, 512, Init.FAN_IN_UNIFORM, rng));
            layers.add(Activation.relu());
            layers.add(new Dense(512, outputs, Init.FAN_IN_UNIFORM, rng));
            return new Network(layers);
        }
    }

    /** The input as [channels, height, width], from a 3-d shape in the given layout. */
    static int[] chw(String name, int[] shape, String layout) {
        if (shape.length != 3) {
            throw new IllegalArgumentException(name + " needs a 3-d image input, got " + java.util.Arrays.toString(shape));
        }
        return switch (layout) {
            case "hwc" -> new int[] {shape[2], shape[0], shape[1]};
            case "chw" -> shape.clone();
            default -> throw new IllegalArgumentException(name + " option 'layout': expected \"hwc\" or \"chw\", got \"" + layout + "\"");
        };
    }
}
