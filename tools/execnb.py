"""Execute notebooks in place, like `jupyter nbconvert --execute --inplace`, but skip cells flagged with any of `--skip`
(default: `cuda`, as nbdev-test does) and `#| eval: false` cells; skipped cells keep their saved outputs. Usage:
    SCISSORHANDS_NB_CACHE=/tmp/cache OMP_NUM_THREADS=1 python tools/execnb.py nbs/tutorials/svhn.ipynb [--skip cuda slow]"""
import argparse, time
from pathlib import Path
import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

class SkipFlagged(ExecutePreprocessor):
    "Execute every code cell except those with a `#| FLAG` directive for a FLAG in `skip`"
    skip = ('cuda',)
    def preprocess_cell(self, cell, resources, index):
        lines = cell.source.lstrip().split('\n') if cell.cell_type == 'code' else []
        flags = {w for l in lines if l.startswith('#|') for w in l[2:].split()}
        if flags & set(self.skip): return cell, resources
        # `#| eval: false`: never run (as nbdev-test), shown without output
        if any(l.startswith('#|') and l[2:].replace(' ', '') == 'eval:false' for l in lines): return cell, resources
        return super().preprocess_cell(cell, resources, index)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('notebooks', nargs='+')
    ap.add_argument('--skip', nargs='*', default=['cuda'])
    ap.add_argument('--timeout', type=int, default=1800, help='seconds one cell may run')
    args = ap.parse_args()
    for path in args.notebooks:
        start = time.time()
        nb = nbformat.read(path, as_version=4)
        ep = SkipFlagged(timeout=args.timeout, kernel_name='python3'); ep.skip = tuple(args.skip)
        ep.preprocess(nb, {'metadata': {'path': str(Path(path).parent)}})
        nbformat.write(nb, path)
        print(path, f'{time.time() - start:.0f} s', flush=True)
