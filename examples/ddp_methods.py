"""Every method of `unlearn` under DDP on digits: the largest difference between the processes' parameters and
buffers after unlearning, and the accuracies.

    torchrun --standalone --nproc_per_node 2 examples/ddp_methods.py
"""
import json, sys, torch, torch.distributed as dist
from fastai.distributed import *
from fastai.torch_core import rank_distrib
from scissorhands_nb.data import digits_data
from scissorhands_nb.train import train_original, split_accuracies
from scissorhands_nb.loaders import part_dl
import scissorhands_nb.all
from scissorhands_nb.unlearn import unlearn, METHODS, CANONICAL_METHODS
data = digits_data(); split = data.split_class((3, 7))
orig = train_original(data, split, seed=0, progress=False, cache_dir='ddp_cache', bs=32)
forget = part_dl(data, split, 'forget', train=True, bs=32)
out = {}
for m in [m for m in CANONICAL_METHODS if m not in ('retrain',)]:
    try:
        with orig.distrib_ctx(cpu=True, sync_bn=False):
            s = unlearn(orig, m, forget, preset='digits', seed=1)
        flat = torch.cat([p.detach().reshape(-1).float() for p in s.model.parameters()] + [b.detach().reshape(-1).float() for b in s.model.buffers()])
        lo, hi = flat.clone(), flat.clone()
        if dist.is_initialized(): dist.all_reduce(lo, op=dist.ReduceOp.MIN); dist.all_reduce(hi, op=dist.ReduceOp.MAX)
        a = split_accuracies(s.model, data, split)
        out[m] = dict(spread=float((hi - lo).abs().max()), forget=a['forget'], test_retain=a['test_retain'])
    except Exception as e: out[m] = dict(error=f'{type(e).__name__}: {str(e)[:200]}')
    if rank_distrib() == 0: print(m, out[m], flush=True)
