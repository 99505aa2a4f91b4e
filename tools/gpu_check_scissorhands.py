"""GPU check of Scissorhands on digits (issue 3): the defaults and the digits demo settings on CUDA, RTE against Retrain on
the same device, and same seed -> same model on the GPU. Usage: python tools/gpu_check_scissorhands.py OUT_DIR"""
import json, sys, time, torch
from scissorhands_nb.data import digits_data
from scissorhands_nb.loaders import part_dl
from scissorhands_nb.train import train_original, train_retrain, create_learner, split_accuracies
import scissorhands_nb.scissorhands  # Learner.scissorhands

out, device = sys.argv[1], torch.device('cuda')
print(torch.cuda.get_device_name(0), torch.__version__, flush=True)
data, rows = digits_data(), []
def scrub(split, original, r, seed=0, **kw):
    part = split.partial(r=r)
    learn = create_learner(data, part, 'retain_subset', seed=seed, device=device)
    learn.model.load_state_dict(original.model.state_dict())
    forget_dl = part_dl(data, part, 'forget_subset', train=True, device=device)
    return learn.scissorhands(forget_dl, progress=False, seed=seed, **kw)
for scenario in ('class', 'sample'):
    split = data.split_class((0, 9)) if scenario == 'class' else data.split_sample(0.2)
    original = train_original(data, split, seed=0, progress=False, device=device)
    retrain = train_retrain(data, split, seed=0, progress=False, device=device)
    for name, l in (('original', original), ('retrain', retrain)):
        rows.append(dict(scenario=scenario, method=name, seconds=l.fit_seconds, **split_accuracies(l.model, data, split)))
    for label, kw in (('defaults', {}), ('digits demo (lr=0.05)', dict(lr=0.05))):
        for r in (1.0, 0.25):
            l = scrub(split, original, r, **kw)
            rows.append(dict(scenario=scenario, method=f'scissorhands {label}', r=r, seconds=l.unlearn_seconds['total'],
                             trim_seconds=l.unlearn_seconds['trim'], rte=l.unlearn_seconds['total'] / retrain.fit_seconds,
                             **split_accuracies(l.model, data, split)))
            print(rows[-1], flush=True)
    a, b = scrub(split, original, 1.0), scrub(split, original, 1.0)
    same = all(torch.equal(x, y) for x, y in zip(a.model.state_dict().values(), b.model.state_dict().values()))
    rows.append(dict(scenario=scenario, method='same seed -> same model on CUDA', identical=same))
    print(rows[-1], flush=True)
json.dump(rows, open(f'{out}/gpu_scissorhands.json', 'w'), indent=1)
