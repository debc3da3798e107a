#!/usr/bin/env python3
"""PyTorch and numpy peers of Arcadia's neural-core benchmark (bench/run-nets-bench.sh runs this).

Same cases and shapes as the JMH benchmarks in dev.arcadia.bench, one thread everywhere:
  (a) MLP 4-64-64-2 (ReLU hidden, linear output) forward at batch 1, under torch.no_grad();
  (b) the same MLP: zero_grad + forward + MSE + backward + Adam(lr 1e-3) step at batch 64, cycling through 64
      fixed batches of random inputs and targets;
  (c) 1024x1024x1024 float32 matrix product: numpy.matmul(out=) and torch.mm(out=) -- the machine ceiling;
  (d) LeNet-5's two convolutions at batch 64 (conv 1->6 5x5 on 28x28, conv 6->16 5x5 on 12x12, stride 1, no
      padding, with bias), each forward + backward with weight, bias and input gradients.
Every call is timed after a warm-up (about 4 s per case) and the median per call reported, with min and 90th
percentile, because the machine's cores are shared and noisy (the JMH side uses per-call medians too).

Usage: python3 nets_torch.py [--out results.json] [--quick] [--cases abcd]
Writes {"info": "...", "results": {"a": {"PyTorch (no_grad)": {"median_us", "min_us", "p90_us", "max_us",
"samples"}}, ...}}
(peer names match the rows of dev.arcadia.bench.NetsBench). Without torch, only the numpy row is measured.
"""
import argparse
import json
import os
import sys
import time

# One thread, set before numpy/torch load their BLAS and OpenMP runtimes.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import numpy as np  # noqa: E402

try:
    import torch  # noqa: E402
    import torch.nn.functional as F  # noqa: E402
except ImportError:
    torch = None


def measure(fn, quick, seconds=None):
    """Times every call (perf_counter_ns around each) after a warm-up: median, min and 90th percentile in us.

    Per-call medians, like the JMH side's SampleTime mode: on a shared machine a preempted call is an outlier
    that a median ignores, where a mean over a block of calls would absorb it."""
    warm_s = 0.3 if quick else 1.0
    run_s = seconds if seconds is not None else (1.0 if quick else 4.0)
    start = time.perf_counter()
    while time.perf_counter() - start < warm_s:
        fn()
    samples = []
    clock = time.perf_counter_ns
    end = clock() + int(run_s * 1e9)
    while True:
        t0 = clock()
        fn()
        t1 = clock()
        samples.append((t1 - t0) / 1e3)
        if t1 >= end and len(samples) >= 5:
            break
    samples.sort()
    n = len(samples)
    median = samples[n // 2] if n % 2 else (samples[n // 2 - 1] + samples[n // 2]) / 2
    return {"median_us": median, "min_us": samples[0], "p90_us": samples[min(n - 1, int(0.9 * n))],
            "max_us": samples[-1], "samples": n}


def numpy_gemm(quick):
    rng = np.random.default_rng(31)
    a = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    b = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    c = np.empty_like(a)
    return measure(lambda: np.matmul(a, b, out=c), quick)


def torch_cases(quick, cases):
    torch.manual_seed(7)
    torch.set_num_threads(1)
    out = {}

    def mlp():
        return torch.nn.Sequential(torch.nn.Linear(4, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                                   torch.nn.ReLU(), torch.nn.Linear(64, 2))

    if "a" in cases:
        net = mlp()
        x1 = torch.rand(1, 4) * 2 - 1
        with torch.no_grad():
            out["a"] = {"PyTorch (no_grad)": measure(lambda: net(x1), quick)}
    if "b" in cases:
        out["b"] = {"PyTorch step": train_step(mlp, quick)}
    if "c" in cases:
        a = torch.rand(1024, 1024) * 2 - 1
        b = torch.rand(1024, 1024) * 2 - 1
        c = torch.empty(1024, 1024)
        out["c"] = {"PyTorch mm": measure(lambda: torch.mm(a, b, out=c), quick)}
    if "d" in cases:
        out["d"] = {"PyTorch conv2d": conv_step(quick)}
    return out


def train_step(mlp, quick):
    net = mlp()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    # 64 batches of random inputs and targets, cycled, as in MlpTrainBench (one fixed batch gets memorised and
    # the benchmark would then time vanishing gradients).
    xs = [torch.rand(64, 4) * 2 - 1 for _ in range(64)]
    ts = [torch.rand(64, 2) * 2 - 1 for _ in range(64)]
    batch = [0]

    def step():
        k = batch[0]
        batch[0] = (k + 1) % 64
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(net(xs[k]), ts[k])
        loss.backward()
        opt.step()
        return loss

    return measure(step, quick)


def conv_step(quick):
    convs = [torch.nn.Conv2d(1, 6, 5), torch.nn.Conv2d(6, 16, 5)]
    xs = [(torch.rand(64, 1, 28, 28) * 2 - 1).requires_grad_(True),
          (torch.rand(64, 6, 12, 12) * 2 - 1).requires_grad_(True)]
    gs = [torch.rand(64, 6, 24, 24) * 2 - 1, torch.rand(64, 16, 8, 8) * 2 - 1]

    def step():
        for conv, xin, g in zip(convs, xs, gs):
            conv.zero_grad(set_to_none=True)
            xin.grad = None
            torch.autograd.backward(conv(xin), g)
        return xs[1].grad

    return measure(step, quick)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="-", help="JSON file (default: stdout)")
    parser.add_argument("--quick", action="store_true", help="shorter warm-up and measurement")
    parser.add_argument("--cases", default="abcd", help="which cases to run (default abcd)")
    args = parser.parse_args()

    blas = "?"
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        blas = "%s %s" % (blas.get("name"), blas.get("version"))
    except Exception:  # older numpy: no dict mode
        pass
    info = "numpy %s (%s, OPENBLAS_CORETYPE=%s)" % (np.__version__, blas, os.environ.get("OPENBLAS_CORETYPE"))
    results = {}
    if torch is not None:
        results = torch_cases(args.quick, args.cases)
        info = "torch %s (%d thread, %s); %s" % (torch.__version__, torch.get_num_threads(),
                                                   torch.backends.cpu.get_cpu_capability(), info)
    else:
        info = "torch not importable; " + info
    if "c" in args.cases:
        results.setdefault("c", {})["numpy matmul"] = numpy_gemm(args.quick)
    doc = json.dumps({"info": info, "results": results}, indent=2)
    if args.out == "-":
        print(doc)
    else:
        with open(args.out, "w") as f:
            f.write(doc + "\n")
    print("nets_torch.py: " + info, file=sys.stderr)


if __name__ == "__main__":
    main()
