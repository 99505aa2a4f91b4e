"""Check that the built docs site (_docs/) shows the source of the code its prose explains (`#| exports` cells).

    python tools/check_rendered_source.py [--site _docs]

nbdev hides the source of `#| export` cells; the cells whose code a page's prose walks through are `#| exports`, and
their `def` lines must appear in the rendered page. Fails (exit 1) listing every page and definition that is missing.
"""
import argparse, html, re, sys
from pathlib import Path

# page of the site: definitions whose source the page must show
EXPECTED = {
    'sensitivity.html': ['def connection_sensitivity('],
    'trim.html': ['def trim_masks(', 'def reinit_values(', 'def reinit_masked_('],
    'repair.html': ['def naive_minmax_repair(', 'def _ascend(', 'def _return_to_theta(', 'def mgda_weight(',
                    'def _moo_direction(', 'def project_gradient(', 'def _project('],
    'salun.html': ['def salun_saliency(', 'def salun_mask('],
    'metrics.html': ['def mia_loss(', 'def information_score(', 'def efficacy_score('],
    'evaluate.html': ['def ci95(', 'def seed_gaps(', 'def paired_tie(', 'def summarise_runs('],
}

def page_text(path:Path) -> str:
    "The text of the code blocks of a rendered page, tags removed and entities decoded"
    src = path.read_text(encoding='utf-8')
    blocks = re.findall(r'<pre[^>]*>(.*?)</pre>', src, flags=re.S)
    return html.unescape(re.sub(r'<[^>]+>', '', '\n'.join(blocks)))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--site', default='_docs')
    site = Path(ap.parse_args().site)
    missing = {}
    for page, defs in EXPECTED.items():
        path = site/page
        if not path.exists(): missing[page] = ['(page not built)']; continue
        text = page_text(path)
        if lost := [d for d in defs if d not in text]: missing[page] = lost
    for page, lost in missing.items(): print(f'FAIL {page}: no source shown for {", ".join(lost)}')
    n = sum(map(len, EXPECTED.values()))
    print(f'{n - sum(map(len, missing.values()))}/{n} explained definitions shown in {len(EXPECTED)} pages')
    sys.exit(1 if missing else 0)

if __name__ == '__main__': main()
