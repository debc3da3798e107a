package dev.arcadia.nets;

import dev.arcadia.nets.layers.Activation;
import dev.arcadia.nets.layers.Dense;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The {@code mlp} network family: dense layers with an activation between them and a linear output.
 * Options: {@code hidden} (list of sizes, default [64, 64]), {@code activation} (relu, tanh, sigmoid, leaky-relu,
 * elu; default relu), {@code init} (he-normal, he-uniform, xavier-uniform, xavier-normal, orthogonal; default
 * xavier-uniform).
 */
public final class Mlp implements NetworkFactory {

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "multi-layer perceptron: dense layers with activations, linear output";
    }

    @Override
    public Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("hidden", List.of(64, 64));
        d.put("activation", "relu");
        d.put("init", "xavier-uniform");
        return d;
    }

    @Override
    public Network create(int[] inputShape, int outputs, Map<String, Object> options, RandomGenerator rng) {
        if (inputShape.length != 1) {
            throw new IllegalArgumentException("mlp needs a flat input shape [features], got " + java.util.Arrays.toString(inputShape));
        }
        Init init = parseInit(options.get("init"));
        String activation = String.valueOf(options.get("activation"));
        List<Layer> layers = new ArrayList<>();
        int in = inputShape[0];
        for (Object h : (List<?>) options.get("hidden")) {
            if (!(h instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() <= 0) {
                throw new IllegalArgumentException("mlp option 'hidden': expected positive integers, got " + h);
            }
            layers.add(new Dense(in, n.intValue(), init, rng));
            layers.add(activation(activation));
            in = n.intValue();
        }
        layers.add(new Dense(in, outputs, init, rng));
        return new Network(layers);
    }

    static Init parseInit(Object value) {
        String s = String.valueOf(value).toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Init.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown init '" + value + "'; expected one of he-normal, he-uniform, "
                    + "xavier-uniform, xavier-normal, orthogonal", e);
        }
    }

    static Activation activation(String name) {
        return switch (name) {
            case "relu" -> Activation.relu();
            case "tanh" -> Activation.tanh();
            case "sigmoid" -> Activation.sigmoid();
            case "leaky-relu" -> Activation.leakyRelu(0.01);
            case "elu" -> Activation.elu(1.0);
            default -> throw new IllegalArgumentException("unknown activation '" + name
                    + "'; expected one of relu, tanh, sigmoid, leaky-relu, elu");
        };
    }
}
