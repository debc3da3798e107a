#!/usr/bin/env python3
"""PyTorch and numpy peers of Arcadia's neural-core benchmark (bench/run-nets-bench.sh runs this).

Same cases and shapes as the JMH benchmarks in dev.arcadia.bench, one thread everywhere:
  (a) MLP 4-64-64-2 (ReLU hidden, linear output) forward at batch 1, under torch.no_grad();
  (b) the same MLP: zero_grad + forward + MSE + backward + Adam(lr 1e-3) step at batch 64;
  (c) 1024x1024x1024 float32 matrix product: numpy.matmul(out=) and torch.mm(out=) -- the machine ceiling;
  (d) LeNet-5's two convolutions at batch 64 (conv 1->6 5x5 on 28x28, conv 6->16 5x5 on 12x12, stride 1, no
      padding, with bias), each forward + backward with weight, bias and input gradients.
Each case is timed in blocks of calls sized to about 0.1 s after a warm-up; the per-call time of every block is
recorded and the median (with min and max) reported, because the machine's cores are shared and noisy.

Usage: python3 nets_torch.py [--out results.json] [--quick]
Writes {"info": "...", "results": {"a": {"PyTorch (no_grad)": {"median_us", "min_us", "max_us", "samples"}}, ...}}
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


def measure(fn, quick, target_block_s=0.1):
    """Per-call times (microseconds) of blocks of calls: median, min, max over the blocks."""
    warm_s = 0.3 if quick else 1.0
    blocks = 7 if quick else 25
    start = time.perf_counter()
    calls = 0
    while time.perf_counter() - start < warm_s or calls < 3:
        fn()
        calls += 1
    per_call = (time.perf_counter() - start) / calls
    n = max(1, int(target_block_s / per_call))
    samples = []
    for _ in range(blocks):
        t0 = time.perf_counter_ns()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter_ns() - t0) / 1e3 / n)
    samples.sort()
    mid = len(samples) // 2
    median = samples[mid] if len(samples) % 2 else (samples[mid - 1] + samples[mid]) / 2
    return {"median_us": median, "min_us": samples[0], "max_us": samples[-1], "samples": len(samples),
            "calls_per_sample": n}


def numpy_gemm(quick):
    rng = np.random.default_rng(31)
    a = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    b = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    c = np.empty_like(a)
    return measure(lambda: np.matmul(a, b, out=c), quick)


def torch_cases(quick):
    torch.manual_seed(7)
    torch.set_num_threads(1)
    out = {}

    def mlp():
        return torch.nn.Sequential(torch.nn.Linear(4, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                                   torch.nn.ReLU(), torch.nn.Linear(64, 2))

    net = mlp()
    x1 = torch.rand(1, 4) * 2 - 1
    with torch.no_grad():
        out["a"] = {"PyTorch (no_grad)": measure(lambda: net(x1), quick)}

    net = mlp()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.rand(64, 4) * 2 - 1
    t = torch.rand(64, 2) * 2 - 1

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.mse_loss(net(x), t)
        loss.backward()
        opt.step()
        return loss

    out["b"] = {"PyTorch step": measure(step, quick)}

    a = torch.rand(1024, 1024) * 2 - 1
    b = torch.rand(1024, 1024) * 2 - 1
    c = torch.empty(1024, 1024)
    out["c"] = {"PyTorch mm": measure(lambda: torch.mm(a, b, out=c), quick)}

    convs = [torch.nn.Conv2d(1, 6, 5), torch.nn.Conv2d(6, 16, 5)]
    xs = [(torch.rand(64, 1, 28, 28) * 2 - 1).requires_grad_(True),
          (torch.rand(64, 6, 12, 12) * 2 - 1).requires_grad_(True)]
    gs = [torch.rand(64, 6, 24, 24) * 2 - 1, torch.rand(64, 16, 8, 8) * 2 - 1]

    def conv_step():
        for conv, xin, g in zip(convs, xs, gs):
            conv.zero_grad(set_to_none=True)
            xin.grad = None
            torch.autograd.backward(conv(xin), g)
        return xs[1].grad

    out["d"] = {"PyTorch conv2d": measure(conv_step, quick)}
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="-", help="JSON file (default: stdout)")
    parser.add_argument("--quick", action="store_true", help="shorter warm-up and fewer blocks")
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
        results = torch_cases(args.quick)
        info = "torch %s (%d thread, %s); %s" % (torch.__version__, torch.get_num_threads(),
                                                   torch.backends.cpu.get_cpu_capability(), info)
    else:
        info = "torch not importable; " + info
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
