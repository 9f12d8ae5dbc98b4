#!/usr/bin/env python3
"""The PyTorch yardstick for `dead-neurons bench`: the same deep ReLU MLP, Adam and softmax
cross-entropy, timed the same way (warm-up, then repeated windows of training steps, median).

Prints ONE JSON line on stdout:
  {"samples_per_second": ..., "ms_per_step": ..., "torch_version": ..., "threads": ...,
   "steps": ..., "windows_ms": [...]}
or, when it cannot run (no torch), {"error": "..."} with exit code 3. Random inputs; the
initialisation is PyTorch's default, which does not change the cost of a step.
"""
import argparse
import json
import statistics
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--input-dim', type=int, default=2)
    parser.add_argument('--depth', type=int, default=8)
    parser.add_argument('--width', type=int, default=256)
    parser.add_argument('--classes', type=int, default=2)
    parser.add_argument('--batch', type=int, default=256)
    parser.add_argument('--lr', type=float, default=1e-3)
    parser.add_argument('--warmup', type=int, default=5)
    parser.add_argument('--steps', type=int, default=0, help='timed steps per window; 0 = calibrate')
    parser.add_argument('--window-seconds', type=float, default=0.6)
    parser.add_argument('--repeats', type=int, default=5)
    parser.add_argument('--threads', type=int, default=1)
    return parser.parse_args()


def main():
    args = parse_args()
    try:
        import torch
        from torch import nn
    except Exception as error:  # ImportError, or a broken install raising OSError
        print(json.dumps({'error': f'torch not importable: {error}'}))
        return 3

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    sizes = [args.input_dim] + [args.width] * args.depth
    layers = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        layers += [nn.Linear(fan_in, fan_out), nn.ReLU()]
    model = nn.Sequential(*layers, nn.Linear(args.width, args.classes))
    # epsilon 1e-7 as in the TF.js optimizer (PyTorch's default is 1e-8); no effect on speed.
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.randn(args.batch, args.input_dim)
    y = torch.randint(0, args.classes, (args.batch,))

    def run(count):
        for _ in range(count):
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
        # CPU tensors compute eagerly; .item() mirrors the dataSync that ends a TF.js window.
        loss.item()

    run(max(1, args.warmup))
    steps = args.steps
    if steps <= 0:
        start = time.perf_counter()
        run(2)
        ms_per_step = (time.perf_counter() - start) * 1000 / 2
        steps = max(3, min(100_000, round(args.window_seconds * 1000 / max(ms_per_step, 1e-3))))
    windows_ms = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        run(steps)
        windows_ms.append((time.perf_counter() - start) * 1000)
    ms_per_step = statistics.median(windows_ms) / steps
    print(json.dumps({
        'samples_per_second': args.batch * 1000 / ms_per_step,
        'ms_per_step': ms_per_step,
        'torch_version': torch.__version__,
        'threads': torch.get_num_threads(),
        'steps': steps,
        'windows_ms': windows_ms,
    }))
    return 0


if __name__ == '__main__':
    sys.exit(main())
