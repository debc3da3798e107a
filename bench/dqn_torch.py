"""CleanRL-style DQN on gymnasium's CartPole-v1 with PyTorch, for Arcadia's DQN throughput benchmark.

Written in the style of CleanRL's single-file ``dqn.py`` (Huang et al., 2022): the same QNetwork (4-120-84-2, ReLU),
linear epsilon schedule, replay buffer, ``train_frequency``, hard target copy every ``target_network_frequency``
steps, MSE TD loss and Adam. Differences from CleanRL, to keep the peer lean rather than slow: one plain
``gym.make`` env instead of a one-env ``SyncVectorEnv`` with episode-statistics and video wrappers, a preallocated
NumPy replay buffer instead of Stable-Baselines3's, no TensorBoard writer, and epsilon annealed over the first
10,000 steps (so the timed window runs the network for 95 % of its actions, as Arcadia and RL4J do there).

It times ``--steps`` environment steps, learning included, after ``--warmup`` steps (learning starts at 10,000), on
one thread (torch.set_num_threads(1)), and prints one line ``RESULT torch SETTING STEPS SECONDS CPU_SECONDS
MEAN_RETURN EPISODES`` (CPU_SECONDS: the main thread's CPU time over the window) that
bench-rl4j/run-dqn-bench.sh collects into its table.

    python3 bench/dqn_torch.py --setting 1     # CleanRL's defaults: batch 128, train every 10 steps
    python3 bench/dqn_torch.py --setting 2     # train every step at batch 64
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
import torch.nn.functional as F  # noqa: E402
import torch.optim as optim  # noqa: E402

SETTINGS = {
    1: dict(batch_size=128, train_frequency=10),  # CleanRL's defaults
    2: dict(batch_size=64, train_frequency=1),
}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--setting", type=int, choices=sorted(SETTINGS), default=1)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--env-id", default="CartPole-v1")
    p.add_argument("--warmup", type=int, default=11_000, help="untimed steps first (learning starts at 10,000)")
    p.add_argument("--steps", type=int, default=20_000, help="timed environment steps")
    p.add_argument("--learning-rate", type=float, default=2.5e-4)
    p.add_argument("--buffer-size", type=int, default=10_000)
    p.add_argument("--gamma", type=float, default=0.99)
    p.add_argument("--target-network-frequency", type=int, default=500)
    p.add_argument("--start-e", type=float, default=1.0)
    p.add_argument("--end-e", type=float, default=0.05)
    p.add_argument("--exploration-steps", type=int, default=10_000)
    p.add_argument("--learning-starts", type=int, default=10_000)
    args = p.parse_args()
    for k, v in SETTINGS[args.setting].items():
        setattr(args, k, v)
    return args


class QNetwork(nn.Module):
    def __init__(self, obs_size, n_actions):
        super().__init__()
        self.network = nn.Sequential(
            nn.Linear(obs_size, 120),
            nn.ReLU(),
            nn.Linear(120, 84),
            nn.ReLU(),
            nn.Linear(84, n_actions),
        )

    def forward(self, x):
        return self.network(x)


def linear_schedule(start_e, end_e, duration, t):
    slope = (end_e - start_e) / duration
    return max(slope * t + start_e, end_e)


class ReplayBuffer:
    """Preallocated ring buffer of (obs, action, reward, next_obs, done) with uniform sampling."""

    def __init__(self, size, obs_size, rng):
        self.obs = np.zeros((size, obs_size), dtype=np.float32)
        self.next_obs = np.zeros((size, obs_size), dtype=np.float32)
        self.actions = np.zeros((size, 1), dtype=np.int64)
        self.rewards = np.zeros(size, dtype=np.float32)
        self.dones = np.zeros(size, dtype=np.float32)
        self.size, self.pos, self.full, self.rng = size, 0, False, rng

    def add(self, obs, next_obs, action, reward, done):
        self.obs[self.pos] = obs
        self.next_obs[self.pos] = next_obs
        self.actions[self.pos] = action
        self.rewards[self.pos] = reward
        self.dones[self.pos] = done
        self.pos = (self.pos + 1) % self.size
        self.full = self.full or self.pos == 0

    def sample(self, batch_size):
        idx = self.rng.integers(0, self.size if self.full else self.pos, size=batch_size)
        return (torch.from_numpy(self.obs[idx]), torch.from_numpy(self.actions[idx]),
                torch.from_numpy(self.rewards[idx]), torch.from_numpy(self.next_obs[idx]),
                torch.from_numpy(self.dones[idx]))


def main():
    args = parse_args()
    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.backends.cudnn.deterministic = True
    device = torch.device("cpu")

    env = gym.make(args.env_id)
    obs_size = env.observation_space.shape[0]
    n_actions = env.action_space.n
    env.action_space.seed(args.seed)

    q_network = QNetwork(obs_size, n_actions).to(device)
    optimizer = optim.Adam(q_network.parameters(), lr=args.learning_rate)
    target_network = QNetwork(obs_size, n_actions).to(device)
    target_network.load_state_dict(q_network.state_dict())
    rb = ReplayBuffer(args.buffer_size, obs_size, np.random.default_rng(args.seed))

    total = args.warmup + args.steps
    obs, _ = env.reset(seed=args.seed)
    episode_return, returns, episodes = 0.0, 0.0, 0
    start_time, start_cpu = time.perf_counter(), time.thread_time()
    for global_step in range(1, total + 1):
        epsilon = linear_schedule(args.start_e, args.end_e, args.exploration_steps, global_step)
        if random.random() < epsilon:
            action = env.action_space.sample()
        else:
            with torch.no_grad():
                q_values = q_network(torch.as_tensor(obs, dtype=torch.float32).unsqueeze(0))
            action = int(torch.argmax(q_values, dim=1).item())

        next_obs, reward, terminated, truncated, _ = env.step(action)
        episode_return += reward
        # bootstrap on truncation, never on termination
        rb.add(obs, next_obs, action, reward, float(terminated))
        if terminated or truncated:
            if global_step > args.warmup:
                returns += episode_return
                episodes += 1
            episode_return = 0.0
            obs, _ = env.reset()
        else:
            obs = next_obs

        if global_step > args.learning_starts:
            if global_step % args.train_frequency == 0:
                b_obs, b_actions, b_rewards, b_next_obs, b_dones = rb.sample(args.batch_size)
                with torch.no_grad():
                    target_max, _ = target_network(b_next_obs).max(dim=1)
                    td_target = b_rewards + args.gamma * target_max * (1 - b_dones)
                old_val = q_network(b_obs).gather(1, b_actions).squeeze()
                loss = F.mse_loss(td_target, old_val)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()

            if global_step % args.target_network_frequency == 0:
                target_network.load_state_dict(q_network.state_dict())

        if global_step == args.warmup:
            start_time, start_cpu = time.perf_counter(), time.thread_time()

    seconds = time.perf_counter() - start_time
    cpu_seconds = time.thread_time() - start_cpu
    mean_return = returns / episodes if episodes else float("nan")
    print(f"torch {torch.__version__}, gymnasium {gym.__version__}, {torch.get_num_threads()} thread(s)", flush=True)
    print(f"RESULT torch {args.setting} {args.steps} {seconds:.6f} {cpu_seconds:.6f} {mean_return:.3f} {episodes}",
          flush=True)
    env.close()


if __name__ == "__main__":
    main()
