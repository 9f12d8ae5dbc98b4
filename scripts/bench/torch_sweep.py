#!/usr/bin/env python3
"""The plain PyTorch loop a researcher would write for a dead-neurons sweep: the yardstick of
`dead-neurons bench --config`. It trains the same runs one after another (same layers, activation,
batch size, optimizer and epochs) and takes the same measurements per epoch: the gradient norm of
every hidden kernel at every step (and over the probe set at epoch 0), a probe pass counting
positive pre-activations per unit, and loss and accuracy over the training and test splits.

The data are random tensors of the sweep's shapes (the cost of a step does not depend on the
values), so this times the loop, not a data generator.

Usage: torch_sweep.py SPEC.json --threads N
SPEC.json: {"runs": [{"depth", "width", "activation", "alpha", "optimizer", "learning_rate",
"momentum", "batch_size", "epochs", "train", "test", "input_dim", "output_dim", "probe", "task"}]}

Prints ONE JSON line: {"seconds": loop wall time, "runs": n, "steps": n, "torch_version", "threads"},
or {"error": "..."} with exit code 3 when torch cannot be imported.
"""
import argparse
import json
import sys
import time


def activation(torch, name, alpha, width):
    nn = torch.nn
    if name == 'relu':
        return nn.ReLU()
    if name == 'leaky_relu':
        return nn.LeakyReLU(alpha)
    if name == 'prelu':
        return nn.PReLU(width, init=alpha)
    if name == 'elu':
        return nn.ELU(alpha)
    return {'selu': nn.SELU, 'gelu': nn.GELU, 'silu': nn.SiLU, 'tanh': nn.Tanh}[name]()


def train_run(torch, spec, generator):
    nn = torch.nn
    depth, width = spec['depth'], spec['width']
    sizes = [spec['input_dim']] + [width] * depth
    linears = [nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])]
    acts = [activation(torch, spec['activation'], spec['alpha'], width) for _ in linears]
    head = nn.Linear(width, spec['output_dim'])
    params = [p for module in [*linears, *acts, head] for p in module.parameters()]
    lr = spec['learning_rate']
    if spec['optimizer'] == 'adam':
        optimizer = torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-7)
    elif spec['optimizer'] == 'momentum':
        optimizer = torch.optim.SGD(params, lr=lr, momentum=spec['momentum'])
    else:
        optimizer = torch.optim.SGD(params, lr=lr)

    classification = spec['task'] == 'classification'
    n, n_test, batch = spec['train'], spec['test'], spec['batch_size']
    x = torch.randn(n, spec['input_dim'], generator=generator)
    x_test = torch.randn(n_test, spec['input_dim'], generator=generator)
    if classification:
        y = torch.randint(0, spec['output_dim'], (n,), generator=generator)
        y_test = torch.randint(0, spec['output_dim'], (n_test,), generator=generator)
        loss_fn = nn.CrossEntropyLoss(reduction='sum')
    else:
        y = torch.randn(n, spec['output_dim'], generator=generator)
        y_test = torch.randn(n_test, spec['output_dim'], generator=generator)
        loss_fn = nn.MSELoss(reduction='sum')
    probe = x[torch.randperm(n, generator=generator)[: spec['probe']]]

    def forward(inputs, keep=None):
        a = inputs
        for linear, act in zip(linears, acts):
            z = linear(a)
            if keep is not None:
                keep.append((z > 0).sum(0))
            a = act(z)
        return head(a)

    def step(xb, yb, update):
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(forward(xb), yb) / len(xb)
        loss.backward()
        norms = torch.stack([linear.weight.grad.norm() for linear in linears])
        if update:
            optimizer.step()
        return norms

    def measure(grad_norms):
        with torch.no_grad():
            out = forward(x)
            loss = loss_fn(out, y).item() / n
            acc = (out.argmax(1) == y).float().mean().item() if classification else None
            if n_test:
                out_test = forward(x_test)
                loss_fn(out_test, y_test).item()
                if classification:
                    (out_test.argmax(1) == y_test).float().mean().item()
            counts = []
            forward(probe, counts)
            counts = torch.stack(counts).tolist()
        return loss, acc, counts, grad_norms.tolist()

    steps = 0
    norms = sum(step(probe[i:i + batch], y[:len(probe[i:i + batch])], False) for i in range(0, len(probe), batch))
    measure(norms)
    for _ in range(spec['epochs']):
        order = torch.randperm(n, generator=generator)
        norms = torch.zeros(depth)
        for i in range(0, n, batch):
            rows = order[i:i + batch]
            norms += step(x[rows], y[rows], True)
            steps += 1
        loss, *_ = measure(norms / max(1, -(-n // batch)))
        if loss != loss or loss in (float('inf'), float('-inf')):
            break
    return steps


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('spec')
    parser.add_argument('--threads', type=int, default=1)
    args = parser.parse_args()
    try:
        import torch
    except Exception as error:  # ImportError, or a broken install raising OSError
        print(json.dumps({'error': f'torch not importable: {error}'}))
        return 3
    torch.set_num_threads(args.threads)
    with open(args.spec, encoding='utf8') as file:
        runs = json.load(file)['runs']
    generator = torch.Generator().manual_seed(1)
    torch.manual_seed(1)
    start = time.perf_counter()
    steps = sum(train_run(torch, spec, generator) for spec in runs)
    seconds = time.perf_counter() - start
    print(json.dumps({'seconds': seconds, 'runs': len(runs), 'steps': steps,
                      'torch_version': torch.__version__, 'threads': torch.get_num_threads()}))
    return 0


if __name__ == '__main__':
    sys.exit(main())
