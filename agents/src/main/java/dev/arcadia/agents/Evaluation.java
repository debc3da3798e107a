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
                s = env.step(policy.act(s.observation(), Mode.EVAL));
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
