package dev.arcadia.benchrl4j;

import dev.arcadia.agents.Mode;
import dev.arcadia.agents.Transition;
import dev.arcadia.agents.dqn.Dqn;
import dev.arcadia.env.Env;
import dev.arcadia.env.Envs;
import dev.arcadia.env.Step;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Arcadia's {@link Dqn} on {@code CartPole-v1}, driven the way the runner drives it (act, step, observe), timed
 * over {@code measure} environment steps after {@code warmup} steps.
 */
final class ArcadiaDqnRun {

    private ArcadiaDqnRun() {
    }

    static Dqn.Config config(BenchSetting s) {
        Dqn.Config c = new Dqn.Config();
        c.hidden = BenchSetting.HIDDEN;
        c.activation = "relu";
        c.optimizer = "adam";
        c.learningRate = BenchSetting.LEARNING_RATE;
        c.gamma = BenchSetting.GAMMA;
        c.replay = true;
        c.bufferSize = BenchSetting.BUFFER_SIZE;
        c.batchSize = s.batchSize();
        c.learningStarts = BenchSetting.LEARNING_STARTS;
        c.trainFrequency = s.trainFrequency();
        c.gradientSteps = 1;
        c.target = "hard";
        c.targetUpdateInterval = BenchSetting.TARGET_UPDATE_STEPS;
        c.doubleDqn = false;
        c.dueling = false;
        c.nStep = 1;
        c.prioritized = false;
        c.loss = "mse";
        c.maxGradNorm = 0;
        c.epsilonStart = BenchSetting.EPSILON_START;
        c.epsilonEnd = BenchSetting.EPSILON_END;
        c.epsilonDecaySteps = BenchSetting.EPSILON_DECAY_STEPS;
        return c;
    }

    static BenchResult run(BenchSetting setting, long warmup, long measure, long seed) {
        Env<Object, Object> env = Envs.make("CartPole-v1");
        Dqn agent = new Dqn(config(setting), env.observationSpace(), env.actionSpace(), seed);
        Step<Object> s = env.reset(seed);
        long total = warmup + measure;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        double episodeReturn = 0;
        double returns = 0;
        int episodes = 0;
        for (long step = 1; step <= total; step++) {
            Integer action = agent.act(s.observation(), Mode.TRAIN);
            Step<Object> next = env.step(action);
            agent.observe(new Transition<>(s.observation(), action, next.reward(), next.observation(),
                    next.terminated(), next.truncated()));
            episodeReturn += next.reward();
            if (next.done()) {
                if (step > warmup) {
                    returns += episodeReturn;
                    episodes++;
                }
                episodeReturn = 0;
                s = env.reset();
            } else {
                s = next;
            }
            if (step == warmup) {
                start = System.nanoTime();
                cpuStart = threads.getCurrentThreadCpuTime();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (agent.updates() == 0) {
            throw new IllegalStateException("arcadia dqn made no update in " + total + " steps");
        }
        return new BenchResult("arcadia", setting.id(), measure, seconds, cpuSeconds,
                episodes == 0 ? Double.NaN : returns / episodes, episodes);
    }
}
