package dev.arcadia.benchrl4j;

import java.util.List;
import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.rl4j.agent.learning.algorithm.dqn.BaseTransitionTDAlgorithm;
import org.deeplearning4j.rl4j.agent.learning.algorithm.dqn.StandardDQN;
import org.deeplearning4j.rl4j.agent.learning.behavior.ILearningBehavior;
import org.deeplearning4j.rl4j.agent.learning.behavior.LearningBehavior;
import org.deeplearning4j.rl4j.agent.learning.update.FeaturesLabels;
import org.deeplearning4j.rl4j.agent.learning.update.UpdateRule;
import org.deeplearning4j.rl4j.agent.learning.update.updater.NeuralNetUpdaterConfiguration;
import org.deeplearning4j.rl4j.agent.learning.update.updater.sync.SyncLabelsNeuralNetUpdater;
import org.deeplearning4j.rl4j.experience.ExperienceHandler;
import org.deeplearning4j.rl4j.experience.ReplayMemoryExperienceHandler;
import org.deeplearning4j.rl4j.experience.StateActionRewardState;
import org.deeplearning4j.rl4j.learning.configuration.QLearningConfiguration;
import org.deeplearning4j.rl4j.learning.sync.qlearning.discrete.QLearningDiscrete;
import org.deeplearning4j.rl4j.learning.sync.qlearning.discrete.QLearningDiscreteDense;
import org.deeplearning4j.rl4j.network.ITrainableNeuralNet;
import org.deeplearning4j.rl4j.network.dqn.DQN;
import org.deeplearning4j.rl4j.network.dqn.IDQN;
import org.deeplearning4j.rl4j.observation.Observation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * RL4J 1.0.0-M1.1's {@link QLearningDiscreteDense} (on ND4J/DL4J 1.0.0-M2.1) learning {@link CartPoleMdp}, with the
 * benchmark's hyperparameters, timed by the MDP over the measured window.
 *
 * <p>Two things RL4J's sync Q-learning cannot be told through its configuration, and how they are matched here:
 * <ul>
 *   <li>Its {@code DQNFactoryStdDense} builds equal hidden layers, so the 4-120-84-2 network is built here the way
 *       that factory does (DL4J {@code MultiLayerNetwork}, ReLU, Xavier init, MSE output layer, Adam) and handed to
 *       RL4J as its {@link DQN}; without the factory's score-logging listener.</li>
 *   <li>It trains on every step as soon as the buffer holds one batch: no learning-starts and no train frequency.
 *       {@link GatedQLearningDiscreteDense} is RL4J's own {@code QLearningDiscrete} (the class
 *       {@code QLearningDiscreteDense} only adds constructors to it) with the learning behaviour that
 *       {@code QLearningDiscrete} builds privately, rebuilt from the same public RL4J classes (StandardDQN,
 *       SyncLabelsNeuralNetUpdater, UpdateRule, ReplayMemoryExperienceHandler, LearningBehavior) with one change:
 *       the experience handler reports a batch ready only after {@code learningStarts} steps and then every
 *       {@code trainFrequency} steps. RL4J counts target-network copies in updates, so its frequency is
 *       {@code 500 / trainFrequency} updates (every 500 environment steps, as the others).</li>
 * </ul>
 * With {@code plain = true} the unmodified {@code QLearningDiscreteDense} runs instead (training every step from the
 * first full batch), as a cross-check of setting 2.
 */
@SuppressWarnings("deprecation") // RL4J's sync Q-learning (QLearningDiscreteDense, DQN, IDQN) is all deprecated API
final class Rl4jDqnRun {

    private Rl4jDqnRun() {
    }

    static MultiLayerNetwork network(int inputs, int actions, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .optimizationAlgo(OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
                .updater(new Adam(BenchSetting.LEARNING_RATE))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(BenchSetting.HIDDEN.get(0)).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(BenchSetting.HIDDEN.get(0)).nOut(BenchSetting.HIDDEN.get(1))
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(BenchSetting.HIDDEN.get(1)).nOut(actions).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static QLearningConfiguration configuration(BenchSetting s, long seed, long maxStep) {
        return QLearningConfiguration.builder()
                .seed(seed)
                .maxEpochStep(500)
                .maxStep((int) maxStep)
                .expRepMaxSize(BenchSetting.BUFFER_SIZE)
                .batchSize(s.batchSize())
                .targetDqnUpdateFreq(Math.max(1, BenchSetting.TARGET_UPDATE_STEPS / s.trainFrequency()))
                .updateStart(0)
                .rewardFactor(1.0)
                .gamma(BenchSetting.GAMMA)
                .errorClamp(Double.NaN)
                .minEpsilon(BenchSetting.EPSILON_END)
                .epsilonNbStep(BenchSetting.EPSILON_DECAY_STEPS)
                .doubleDQN(false)
                .build();
    }

    static BenchResult run(BenchSetting setting, long warmup, long measure, long seed, boolean plain) {
        CartPoleMdp mdp = new CartPoleMdp(seed, warmup, measure);
        QLearningConfiguration conf = configuration(setting, seed, warmup + measure);
        DQN dqn = new DQN(network(4, 2, seed));
        QLearningDiscrete<CartPoleMdp.Obs> learning = plain
                ? new QLearningDiscreteDense<>(mdp, dqn, conf)
                : GatedQLearningDiscreteDense.create(mdp, dqn, conf, BenchSetting.LEARNING_STARTS, setting.trainFrequency());
        learning.train();
        double seconds = mdp.measuredSeconds();
        if (Double.isNaN(seconds)) {
            throw new IllegalStateException("rl4j stopped after " + mdp.steps() + " steps, before the measured window ended");
        }
        return new BenchResult(plain ? "rl4j-plain" : "rl4j", setting.id(), measure, seconds, mdp.measuredCpuSeconds(),
                mdp.meanReturn(),
                mdp.episodes());
    }

    /** RL4J's {@code QLearningDiscrete} with a learning-starts and train-frequency gate; see the class comment. */
    static final class GatedQLearningDiscreteDense extends QLearningDiscrete<CartPoleMdp.Obs> {

        private GatedQLearningDiscreteDense(CartPoleMdp mdp, IDQN<?> dqn, QLearningConfiguration conf,
                ILearningBehavior<Integer> behavior, Random random) {
            super(mdp, dqn, conf, conf.getEpsilonNbStep(), behavior, random);
        }

        static GatedQLearningDiscreteDense create(CartPoleMdp mdp, IDQN<?> dqn, QLearningConfiguration conf,
                int learningStarts, int trainFrequency) {
            Random random = Nd4j.getRandomFactory().getNewRandomInstance(conf.getSeed());
            return new GatedQLearningDiscreteDense(mdp, dqn, conf, behavior(dqn, conf, random, learningStarts,
                    trainFrequency), random);
        }

        /** {@code QLearningDiscrete.buildLearningBehavior} of RL4J 1.0.0-M1.1, with the gated experience handler. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        private static ILearningBehavior<Integer> behavior(IDQN<?> qNetwork, QLearningConfiguration conf, Random random,
                int learningStarts, int trainFrequency) {
            ITrainableNeuralNet target = qNetwork.clone();
            BaseTransitionTDAlgorithm.Configuration algorithm = BaseTransitionTDAlgorithm.Configuration.builder()
                    .gamma(conf.getGamma())
                    .errorClamp(conf.getErrorClamp())
                    .build();
            StandardDQN update = new StandardDQN(qNetwork, target, algorithm);
            NeuralNetUpdaterConfiguration updaterConf = NeuralNetUpdaterConfiguration.builder()
                    .targetUpdateFrequency(conf.getTargetDqnUpdateFreq())
                    .build();
            SyncLabelsNeuralNetUpdater updater = new SyncLabelsNeuralNetUpdater(qNetwork, target, updaterConf);
            UpdateRule<FeaturesLabels, StateActionRewardState<Integer>> rule = new UpdateRule<>(update, updater);
            ReplayMemoryExperienceHandler.Configuration handlerConf = ReplayMemoryExperienceHandler.Configuration.builder()
                    .maxReplayMemorySize(conf.getExpRepMaxSize())
                    .batchSize(conf.getBatchSize())
                    .build();
            ExperienceHandler<Integer, StateActionRewardState<Integer>> handler = new GatedExperienceHandler(
                    new ReplayMemoryExperienceHandler(handlerConf, random), learningStarts, trainFrequency);
            return LearningBehavior.<Integer, StateActionRewardState<Integer>>builder()
                    .experienceHandler(handler)
                    .updateRule(rule)
                    .build();
        }
    }

    /**
     * Lets a batch through only after {@code learningStarts} experiences and then once every {@code trainFrequency}
     * experiences (RL4J's own handler says yes on every step, and once more at each episode end).
     */
    static final class GatedExperienceHandler implements ExperienceHandler<Integer, StateActionRewardState<Integer>> {
        private final ExperienceHandler<Integer, StateActionRewardState<Integer>> delegate;
        private final long learningStarts;
        private final int trainFrequency;
        private long added;
        private long lastTrained = -1;

        GatedExperienceHandler(ExperienceHandler<Integer, StateActionRewardState<Integer>> delegate, long learningStarts,
                int trainFrequency) {
            this.delegate = delegate;
            this.learningStarts = learningStarts;
            this.trainFrequency = trainFrequency;
        }

        @Override
        public void addExperience(Observation observation, Integer action, double reward, boolean isTerminal) {
            added++;
            delegate.addExperience(observation, action, reward, isTerminal);
        }

        @Override
        public void setFinalObservation(Observation observation) {
            delegate.setFinalObservation(observation);
        }

        @Override
        public int getTrainingBatchSize() {
            return delegate.getTrainingBatchSize();
        }

        @Override
        public boolean isTrainingBatchReady() {
            if (added <= learningStarts || added % trainFrequency != 0 || added == lastTrained
                    || !delegate.isTrainingBatchReady()) {
                return false;
            }
            lastTrained = added;
            return true;
        }

        @Override
        public List<StateActionRewardState<Integer>> generateTrainingBatch() {
            return delegate.generateTrainingBatch();
        }

        @Override
        public void reset() {
            delegate.reset();
        }
    }
}
