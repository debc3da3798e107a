package dev.arcadia.agents;

import dev.arcadia.env.Env;
import dev.arcadia.env.Step;

/** Greedy evaluation by sampling: runs a policy for a number of episodes and reports the mean return. */
public final class Evaluation {

    /**
     * @param episodes    episodes run
     * @param meanReturn  mean undiscounted return (the success rate on FrozenLake)
     * @param stdReturn   standard deviation of the return
     * @param meanLength  mean episode length in steps
     */
    public record Result(int episodes, double meanReturn, double stdReturn, double meanLength) {
    }

    private Evaluation() {
    }

    /**
     * Runs {@code episodes} episodes of {@code policy} in {@link Mode#EVAL} on {@code env}, reset once with
     * {@code seed} and then continuing its stream. The environment must end episodes by itself (a time limit).
     */
    public static <O, A> Result run(Env<O, A> env, Policy<O, A> policy, int episodes, long seed) {
        return run(env, policy, episodes, seed, null);
    }

    /** Sees the steps of an evaluation as they happen (to record an episode, for instance). */
    @FunctionalInterface
    public interface Observer<O, A> {
        /** Episode {@code episode} (from 0) took {@code action}, and the environment answered {@code result}. */
        void step(int episode, A action, Step<O> result);
    }

    /** As {@link #run(Env, Policy, int, long)}, telling {@code observer} (when not null) every step. */
    public static <O, A> Result run(Env<O, A> env, Policy<O, A> policy, int episodes, long seed, Observer<O, A> observer) {
        if (episodes <= 0) {
            throw new IllegalArgumentException("evaluation episodes must be positive, got " + episodes);
        }
        double sum = 0;
        double sumSq = 0;
        long steps = 0;
        for (int e = 0; e < episodes; e++) {
            Step<O> s = e == 0 ? env.reset(seed) : env.reset();
            double ret = 0;
            while (true) {
                A action = policy.act(s.observation(), Mode.EVAL);
                s = env.step(action);
                if (observer != null) {
                    observer.step(e, action, s);
                }
                ret += s.reward();
                steps++;
                if (s.terminated() || s.truncated()) {
                    break;
                }
            }
            sum += ret;
            sumSq += ret * ret;
        }
        double mean = sum / episodes;
        double var = Math.max(0, sumSq / episodes - mean * mean);
        return new Result(episodes, mean, Math.sqrt(var), steps / (double) episodes);
    }
}
