package dev.arcadia.env;

import dev.arcadia.env.space.Discrete;
import dev.arcadia.env.space.Space;
import dev.arcadia.env.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Checks that an environment keeps the API contract, as Gymnasium's {@code check_env}: spaces that contain their own
 * samples; reset and step results inside the observation space with finite rewards and non-null info; the same
 * trajectory for the same seed and actions; and, for {@link Snapshotable} environments, an exact snapshot round
 * trip. Run it on every new environment (Arcadia's tests run it over every registered id).
 */
public final class EnvChecker {

    private static final int STEPS = 300;

    private EnvChecker() {
    }

    /**
     * Runs every check and throws if any fails.
     *
     * @throws IllegalStateException listing every problem found
     */
    public static void check(Env<?, ?> env) {
        List<String> problems = problems(env);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("EnvChecker found " + problems.size() + " problem(s) in " + env + ":\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** Runs every check and returns the problems found (empty when the environment passes). */
    public static List<String> problems(Env<?, ?> env) {
        List<String> problems = new ArrayList<>();
        try {
            run(env, problems);
        } catch (RuntimeException e) {
            problems.add("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return problems;
    }

    private static <O, A> void run(Env<O, A> env, List<String> problems) {
        Space<O> obsSpace = env.observationSpace();
        Space<A> actSpace = env.actionSpace();
        if (obsSpace == null || actSpace == null) {
            problems.add("observationSpace() and actionSpace() must not be null");
            return;
        }
        Rng rng = new Rng(12345);
        for (int i = 0; i < 50; i++) {
            O o = obsSpace.sample(rng);
            if (!obsSpace.contains(o)) {
                problems.add("observation space " + obsSpace + " does not contain its own sample " + Space.describe(o));
                break;
            }
            A a = actSpace.sample(rng);
            if (!actSpace.contains(a)) {
                problems.add("action space " + actSpace + " does not contain its own sample " + Space.describe(a));
                break;
            }
        }
        List<Object> first = trajectory(env, 7L, new Rng(99), problems);
        List<Object> second = trajectory(env, 7L, new Rng(99), problems);
        if (!sameTrajectory(first, second)) {
            problems.add("not deterministic: reset(7) with the same actions gave different trajectories");
        }
        if (actSpace instanceof Discrete d && invalidActionAccepted(env, d)) {
            problems.add("step() accepted an action outside " + actSpace + "; expected IllegalArgumentException");
        }
        if (env instanceof Snapshotable s) {
            checkSnapshot(env, s, problems);
        }
        if (env instanceof Renderable r) {
            env.reset(3L);
            if (r.render() == null) {
                problems.add("render() returned null; expected a Frame");
            }
        }
    }

    /** Resets with {@code seed} and steps with random actions for up to STEPS steps, across episode ends. */
    private static <O, A> List<Object> trajectory(Env<O, A> env, long seed, Rng actions, List<String> problems) {
        List<Object> out = new ArrayList<>();
        Step<O> s = env.reset(seed);
        checkStep(env, s, "reset", problems);
        if (s.reward() != 0 || s.terminated() || s.truncated()) {
            report(problems, "reset() must return reward 0 and terminated = truncated = false, got " + s);
        }
        out.add(s.observation());
        for (int t = 0; t < STEPS; t++) {
            A a = env.actionSpace().sample(actions);
            s = env.step(a);
            checkStep(env, s, "step", problems);
            out.add(s.observation());
            out.add(s.reward());
            out.add(s.terminated());
            out.add(s.truncated());
            if (s.terminated() || s.truncated()) {
                s = env.reset();
                checkStep(env, s, "reset", problems);
                out.add(s.observation());
            }
        }
        return out;
    }

    private static <O> void checkStep(Env<O, ?> env, Step<O> s, String call, List<String> problems) {
        if (s == null) {
            report(problems, call + "() returned null");
            return;
        }
        if (!env.observationSpace().contains(s.observation())) {
            report(problems, call + "(): " + env.observationSpace().explainNotContained("observation", s.observation()));
        }
        if (!Double.isFinite(s.reward())) {
            report(problems, call + "() returned a non-finite reward " + s.reward());
        }
    }

    /** Adds a problem once, however often it occurs. */
    private static void report(List<String> problems, String problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    private static <O, A> boolean invalidActionAccepted(Env<O, A> env, Discrete d) {
        env.reset(1L);
        try {
            @SuppressWarnings("unchecked")
            A bad = (A) Integer.valueOf(d.start() + d.n());
            env.step(bad);
            return true;
        } catch (IllegalArgumentException expected) {
            return false;
        }
    }

    private static <O, A> void checkSnapshot(Env<O, A> env, Snapshotable s, List<String> problems) {
        Rng actions = new Rng(5);
        env.reset(11L);
        for (int t = 0; t < 3; t++) {
            if (env.step(env.actionSpace().sample(actions)).done()) {
                env.reset();
            }
        }
        byte[] snap = s.snapshot();
        long actionState = actions.nextLong();
        List<Object> after = continueFor(env, new Rng(actionState));
        s.restore(snap);
        if (!Arrays.equals(snap, s.snapshot())) {
            problems.add("snapshot() after restore(snapshot) differs from the restored snapshot");
        }
        List<Object> again = continueFor(env, new Rng(actionState));
        if (!sameTrajectory(after, again)) {
            problems.add("restore(snapshot) does not reproduce the trajectory that followed the snapshot");
        }
    }

    private static <O, A> List<Object> continueFor(Env<O, A> env, Rng actions) {
        List<Object> out = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            Step<O> s = env.step(env.actionSpace().sample(actions));
            out.add(s.observation());
            out.add(s.reward());
            out.add(s.terminated());
            out.add(s.truncated());
            if (s.done()) {
                out.add(env.reset().observation());
            }
        }
        return out;
    }

    private static boolean sameTrajectory(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.deepEquals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
