"""Every method of `unlearn` under DDP on digits, and every repair variant of Scissorhands: the largest difference
between the processes' parameters and buffers after unlearning, and the accuracies.

    torchrun --standalone --nproc_per_node 2 examples/ddp_methods.py --out methods.json
"""
import argparse, json, torch, torch.distributed as dist
from fastai.distributed import *
from fastai.torch_core import rank_distrib, num_distrib
from scissorhands_nb.data import digits_data
from scissorhands_nb.train import train_original, split_accuracies
from scissorhands_nb.loaders import part_dl
import scissorhands_nb.all
from scissorhands_nb.repair import REPAIR_VARIANTS
from scissorhands_nb.unlearn import unlearn, CANONICAL_METHODS

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument('--forget', type=int, nargs='+', default=[3, 7], help='classes to forget')
p.add_argument('--seed', type=int, default=1, help='seed of every unlearning call')
p.add_argument('--bs', type=int, default=32, help='batch size of each process')
p.add_argument('--cache', default='ddp_cache', help='folder of the Original (trained if missing)')
p.add_argument('--out', default=None, help='JSON file of the results (written by rank 0)')
args = p.parse_args()

data = digits_data(); split = data.split_class(tuple(args.forget))
orig = train_original(data, split, seed=0, progress=False, cache_dir=args.cache, bs=args.bs)
forget = part_dl(data, split, 'forget', train=True, bs=args.bs)
# every method at its digits preset, then Scissorhands with each repair variant (and minmax with its stopping rule)
runs = [(m, m, {}) for m in CANONICAL_METHODS if m != 'retrain']
runs += [(f'scissorhands, repair={v}', 'scissorhands', dict(repair=v)) for v in REPAIR_VARIANTS]
runs += [('scissorhands, stop=True', 'scissorhands', dict(stop=True))]
rows = []
for name, method, hp in runs:
    row = dict(run=name)
    try:
        with orig.distrib_ctx(cpu=True, sync_bn=False):
            s = unlearn(orig, method, forget, preset='digits', seed=args.seed, **hp)
        flat = torch.cat([t.detach().reshape(-1).float()
                          for t in [*s.model.parameters(), *s.model.buffers()]])
        lo, hi = flat.clone(), flat.clone()
        if dist.is_initialized(): dist.all_reduce(lo, op=dist.ReduceOp.MIN); dist.all_reduce(hi, op=dist.ReduceOp.MAX)
        a = split_accuracies(s.model, data, split)
        row.update(spread=float((hi - lo).abs().max()), forget=a['forget'], test_retain=a['test_retain'])
    except Exception as e: row['error'] = f'{type(e).__name__}: {str(e)[:200]}'
    rows.append(row)
    if rank_distrib() == 0: print(row, flush=True)
if args.out and rank_distrib() == 0:
    with open(args.out, 'w') as f: json.dump(dict(world_size=max(1, num_distrib()), bs_per_process=args.bs,
                                                  seed=args.seed, forget=args.forget, rows=rows), f, indent=1)
