"""CleanRL-style PPO on gymnasium's CartPole-v1 with PyTorch, the peer of Arcadia's PPO throughput benchmark.

Written after CleanRL's single-file ``ppo.py`` (Huang et al., 2022): a gymnasium ``SyncVectorEnv`` of ``--envs``
CartPole-v1 copies (with RecordEpisodeStatistics, as CleanRL), separate actor and critic MLPs 4-64-64 with tanh and
orthogonal init (gains sqrt(2), 0.01, 1), rollouts of 128 steps, GAE (gamma 0.99, lambda 0.95), 4 epochs of 4
shuffled minibatches, clipped surrogate (0.2) with clipped value loss, entropy bonus 0.01, value coefficient 0.5,
advantage normalization per minibatch, global gradient-norm clipping at 0.5, Adam (eps 1e-5) with the learning
rate 2.5e-4 annealed linearly. No TensorBoard writer and no video, so the peer spends its time on PPO.

It trains for ``--steps`` environment steps (all copies together) on one thread (torch.set_num_threads(1)) and
prints one line ``RESULT torch-ppo ENVS STEPS SECONDS CPU_SECONDS MEAN_RETURN EPISODES``: wall and process CPU
seconds of the training loop (environment creation and imports excluded, everything from the first reset on
included, as CleanRL's SPS), and the mean return of the episodes finished in the last 10 % of the steps.

    python3 bench/ppo_torch.py --envs 8 --steps 100000
"""
import argparse
import os
import random
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import gymnasium as gym  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.optim as optim  # noqa: E402
from torch.distributions.categorical import Categorical  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--envs", type=int, default=8)
    p.add_argument("--steps", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--num-steps", type=int, default=128)
    p.add_argument("--learning-rate", type=float, default=2.5e-4)
    p.add_argument("--update-epochs", type=int, default=4)
    p.add_argument("--num-minibatches", type=int, default=4)
    return p.parse_args()


def layer_init(layer, std=np.sqrt(2), bias_const=0.0):
    torch.nn.init.orthogonal_(layer.weight, std)
    torch.nn.init.constant_(layer.bias, bias_const)
    return layer


class Agent(nn.Module):
    def __init__(self, obs_size, n_actions):
        super().__init__()
        self.critic = nn.Sequential(
            layer_init(nn.Linear(obs_size, 64)), nn.Tanh(),
            layer_init(nn.Linear(64, 64)), nn.Tanh(),
            layer_init(nn.Linear(64, 1), std=1.0))
        self.actor = nn.Sequential(
            layer_init(nn.Linear(obs_size, 64)), nn.Tanh(),
            layer_init(nn.Linear(64, 64)), nn.Tanh(),
            layer_init(nn.Linear(64, n_actions), std=0.01))

    def get_value(self, x):
        return self.critic(x)

    def get_action_and_value(self, x, action=None):
        logits = self.actor(x)
        probs = Categorical(logits=logits)
        if action is None:
            action = probs.sample()
        return action, probs.log_prob(action), probs.entropy(), self.critic(x)


def main():
    args = parse_args()
    torch.set_num_threads(1)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    gamma, gae_lambda, clip_coef, ent_coef, vf_coef, max_grad_norm = 0.99, 0.95, 0.2, 0.01, 0.5, 0.5
    n, t_steps = args.envs, args.num_steps
    batch_size = n * t_steps
    minibatch_size = batch_size // args.num_minibatches
    num_updates = args.steps // batch_size

    envs = gym.vector.SyncVectorEnv(
        [lambda: gym.wrappers.RecordEpisodeStatistics(gym.make("CartPole-v1")) for _ in range(n)],
        autoreset_mode=gym.vector.AutoresetMode.SAME_STEP)
    obs_size = envs.single_observation_space.shape[0]
    agent = Agent(obs_size, envs.single_action_space.n)
    optimizer = optim.Adam(agent.parameters(), lr=args.learning_rate, eps=1e-5)

    obs = torch.zeros((t_steps, n, obs_size))
    actions = torch.zeros((t_steps, n), dtype=torch.long)
    logprobs = torch.zeros((t_steps, n))
    rewards = torch.zeros((t_steps, n))
    dones = torch.zeros((t_steps, n))
    values = torch.zeros((t_steps, n))

    returns_seen = []
    start = time.perf_counter()
    cpu_start = time.process_time()
    global_step = 0
    next_obs, _ = envs.reset(seed=args.seed)
    next_obs = torch.Tensor(next_obs)
    next_done = torch.zeros(n)
    for update in range(1, num_updates + 1):
        frac = 1.0 - (update - 1.0) / num_updates
        optimizer.param_groups[0]["lr"] = frac * args.learning_rate
        for step in range(t_steps):
            global_step += n
            obs[step] = next_obs
            dones[step] = next_done
            with torch.no_grad():
                action, logprob, _, value = agent.get_action_and_value(next_obs)
                values[step] = value.flatten()
            actions[step] = action
            logprobs[step] = logprob
            next_obs_np, reward, terminated, truncated, info = envs.step(action.numpy())
            done = np.logical_or(terminated, truncated)
            rewards[step] = torch.tensor(reward).view(-1)
            next_obs, next_done = torch.Tensor(next_obs_np), torch.Tensor(done.astype(np.float32))
            final = info.get("final_info")  # same-step autoreset: the ended episodes' infos
            if final is not None and "episode" in final and global_step > 0.9 * args.steps:
                for i in np.nonzero(final["_episode"])[0]:
                    returns_seen.append(float(final["episode"]["r"][i]))
        with torch.no_grad():
            next_value = agent.get_value(next_obs).reshape(1, -1)
            advantages = torch.zeros_like(rewards)
            lastgaelam = 0
            for t in reversed(range(t_steps)):
                if t == t_steps - 1:
                    nextnonterminal = 1.0 - next_done
                    nextvalues = next_value
                else:
                    nextnonterminal = 1.0 - dones[t + 1]
                    nextvalues = values[t + 1]
                delta = rewards[t] + gamma * nextvalues * nextnonterminal - values[t]
                advantages[t] = lastgaelam = delta + gamma * gae_lambda * nextnonterminal * lastgaelam
            returns = advantages + values
        b_obs = obs.reshape((-1, obs_size))
        b_logprobs = logprobs.reshape(-1)
        b_actions = actions.reshape(-1)
        b_advantages = advantages.reshape(-1)
        b_returns = returns.reshape(-1)
        b_values = values.reshape(-1)
        b_inds = np.arange(batch_size)
        for _ in range(args.update_epochs):
            np.random.shuffle(b_inds)
            for s in range(0, batch_size, minibatch_size):
                mb = b_inds[s:s + minibatch_size]
                _, newlogprob, entropy, newvalue = agent.get_action_and_value(b_obs[mb], b_actions[mb])
                ratio = (newlogprob - b_logprobs[mb]).exp()
                mb_adv = b_advantages[mb]
                mb_adv = (mb_adv - mb_adv.mean()) / (mb_adv.std() + 1e-8)
                pg_loss = torch.max(-mb_adv * ratio, -mb_adv * torch.clamp(ratio, 1 - clip_coef, 1 + clip_coef)).mean()
                newvalue = newvalue.view(-1)
                v_unclipped = (newvalue - b_returns[mb]) ** 2
                v_clipped = b_values[mb] + torch.clamp(newvalue - b_values[mb], -clip_coef, clip_coef)
                v_loss = 0.5 * torch.max(v_unclipped, (v_clipped - b_returns[mb]) ** 2).mean()
                loss = pg_loss - ent_coef * entropy.mean() + v_loss * vf_coef
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), max_grad_norm)
                optimizer.step()
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    envs.close()
    mean_return = float(np.mean(returns_seen)) if returns_seen else float("nan")
    print(f"RESULT torch-ppo {n} {global_step} {seconds:.3f} {cpu:.3f} {mean_return:.1f} {len(returns_seen)}")


if __name__ == "__main__":
    main()
