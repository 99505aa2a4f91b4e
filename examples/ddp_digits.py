"""Unlearn two digit classes with Scissorhands, in one process or several (PyTorch DDP through fastai).

A flow as a fastai user writes it: their own model and Learner, `learn.distrib_ctx()`, `learn.scissorhands(...)`.

    python examples/ddp_digits.py --out one.json                              # one process
    torchrun --nproc_per_node 2 examples/ddp_digits.py --out two.json         # two processes (CPU: gloo)

`--bs` is the global batch: each of N processes takes bs/N samples of it, so the runs above see the same batches.
The Original is trained once (in as many processes as the run has) and saved to `--original`; a later run loads it.
"""
import argparse, json, os
import torch, torch.nn as nn
import torch.distributed as dist
from torch.utils.data import Subset
from fastai.basics import DataLoaders, Learner, CrossEntropyLossFlat, accuracy
from fastai.callback.all import *   # fit_one_cycle
from fastai.distributed import *    # Learner.distrib_ctx
from fastai.torch_core import set_seed, rank_distrib, num_distrib
from scissorhands_nb.data import digits_data
import scissorhands_nb.scissorhands   # adds Learner.scissorhands

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--forget', type=int, nargs='+', default=[3, 7], help='classes to forget')
p.add_argument('--seeds', type=int, nargs='+', default=[0], help='unlearning seeds (mean over them)')
p.add_argument('--bs', type=int, default=64, help='global batch size')
p.add_argument('--original', default='original_digits.pt', help='weights of the Original (trained if missing)')
p.add_argument("--stop", action="store_true", help="end the repair with the stopping rule (stop=True)")
p.add_argument("--k", default='0.99', help="keep fraction of the trim, or 'auto' (measured by the trim)")
p.add_argument("--out", default=None, help='JSON file of the results (written by rank 0)')
args = p.parse_args()
world = max(1, num_distrib())
if args.bs % world: p.error(f'--bs {args.bs} must be a multiple of the {world} processes')
bs = args.bs // world
# DDP on the CPU: gloo, and no SyncBatchNorm (CUDA only)
ctx = {} if torch.cuda.is_available() else dict(cpu=True, sync_bn=False)

class Net(nn.Module):
    "A small convnet with BatchNorm"
    def __init__(self, n_classes=10):
        super().__init__()
        block = lambda i, o: nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU())
        self.body = nn.Sequential(block(3, 32), nn.MaxPool2d(2), block(32, 64), nn.MaxPool2d(2), block(64, 64))
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, n_classes))
    def forward(self, x): return self.head(self.body(x))

data = digits_data()
split = data.split_class(tuple(args.forget))
test_retain = [i for i, y in enumerate(data.test.tensors[1].tolist()) if y not in args.forget]
def loaders(train_idx, shuffle=True):
    return DataLoaders.from_dsets(Subset(data.train, list(train_idx)), Subset(data.test, test_retain),
                                  bs=bs, shuffle=shuffle, num_workers=0)
def learner(train_idx):
    set_seed(0, reproducible=True)
    return Learner(loaders(train_idx), Net(), loss_func=CrossEntropyLossFlat(), metrics=accuracy)

learn = learner(range(len(data.train)))
if os.path.exists(args.original): learn.model.load_state_dict(torch.load(args.original))
else:
    with learn.distrib_ctx(**ctx), learn.no_bar(): learn.fit_one_cycle(8, 3e-3)
    if rank_distrib() == 0: torch.save(learn.model.state_dict(), args.original)

@torch.no_grad()
def acc(model, idx, ds):
    model.eval(); x, y = ds[list(idx)]
    return 100 * float((model(x).argmax(1) == y).float().mean())

rows = []
for seed in args.seeds:
    # the Learner of the retain data, with the Original's weights, and the forget samples
    unl = learner(split.retain)
    unl.model.load_state_dict(learn.model.state_dict())
    forget_dl = loaders(split.forget).train
    with unl.distrib_ctx(**ctx):
        k = args.k if args.k == 'auto' else float(args.k)
        scrubbed = unl.scissorhands(forget_dl, epochs=5, lr=0.05, eta=0.01, seed=seed, stop=args.stop,
                                    k=k, progress=False)
    flat = torch.cat([q.detach().reshape(-1) for q in scrubbed.model.parameters()])
    spread = 0.
    if dist.is_initialized() and world > 1:   # the largest difference between the processes' parameters
        lo, hi = flat.clone(), flat.clone()
        dist.all_reduce(lo, op=dist.ReduceOp.MIN); dist.all_reduce(hi, op=dist.ReduceOp.MAX)
        spread = float((hi - lo).abs().max())
    rows.append(dict(seed=seed, forget=acc(scrubbed.model, split.forget, data.train),
                     test_retain=acc(scrubbed.model, test_retain, data.test),
                     retain=acc(scrubbed.model, split.retain, data.train), param_spread=spread,
                     steps=scrubbed.repair_steps, k=scrubbed.trim_k))
if rank_distrib() == 0:
    res = dict(world_size=world, bs_per_process=bs, rows=rows,
               mean={k: sum(r[k] for r in rows) / len(rows) for k in ('forget', 'retain', 'test_retain')})
    print(json.dumps(res['mean']), 'max param spread', max(r['param_spread'] for r in rows))
    if args.out: json.dump(res, open(args.out, 'w'), indent=1)
