"""Write nbs/sidebar.yml from the notebooks that exist, grouped by their number into the sections of the site.

    python tools/sidebar.py           # write nbs/sidebar.yml
    python tools/sidebar.py --check   # exit 1 if nbs/sidebar.yml is not what this script would write (CI)

Sections, in order: Home (index.ipynb), Tutorials (nbs/tutorials/), Method (1x_), Baselines (2x_), Metrics (3x_),
Benchmark results (4x_), API: data, models, training (0x_). A notebook with another number, or in another folder, goes
into a section of its own at the end, so that no page is ever left out of the sidebar.

Each entry is the notebook's title (its `# ` heading), followed by the parts of the paper it implements, read from its
description line (`> ...`): "Repair (Eq. 3–4)", "CKA (Figs. 3, 8)". Write "Eq. N", "Alg. N", "Table N" or "Fig. N" in a
notebook's description and the sidebar shows where that part of the paper lives.
"""
import json, re, sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NBS = ROOT/'nbs'
OUT = NBS/'sidebar.yml'

# (section title, first two digits from, to): a notebook `NN_name.ipynb` in nbs/ goes to the section whose range holds NN
SECTIONS = [('Method', 10, 19), ('Baselines', 20, 29), ('Metrics', 30, 39), ('Benchmark results', 40, 49),
            ('API: data, models, training', 0, 9)]
# The tutorials in the paper's order of data sets; any other tutorial follows, by name
TUTORIAL_ORDER = ['fastai_project', 'svhn', 'cifar10', 'cifar100', 'tinyimagenet', 'facet']

HEADER = ("# Written by tools/sidebar.py from the notebooks in nbs/ (do not edit by hand; CI checks it is current).\n"
          "# Run `python tools/sidebar.py` after adding, renaming or retitling a notebook.\n")

_REF = re.compile(r'\b(Eqs?|Equations?|Alg|Algorithms?|Tables?|Figs?|Figures?)\.?\s*'
                  r'(\d+(?:\s*(?:,|and|&|–|-|to)\s*\d+)*)')
_KINDS = {'eq': ('Eq.', 'Eqs.'), 'alg': ('Alg.', 'Algs.'), 'tab': ('Table', 'Tables'), 'fig': ('Fig.', 'Figs.')}


def title_desc(nb_path):
    "The notebook's `# ` title and its `> ` description, from its first markdown cell."
    nb = json.loads(nb_path.read_text(encoding='utf-8'))
    for cell in nb['cells']:
        if cell['cell_type'] != 'markdown': continue
        src = ''.join(cell['source'])
        t = re.search(r'^#\s+(.+)$', src, re.M)
        if not t: continue
        d = re.search(r'^>\s*(.+)$', src, re.M)
        return t.group(1).strip(), (d.group(1).strip() if d else '')
    return nb_path.stem, ''


def paper_refs(desc):
    "The parts of the paper a description names, merged by kind: 'paper Eq. 1 and 2 ... Alg. 1' -> 'Eqs. 1, 2; Alg. 1'."
    found = {}
    for kind, nums in _REF.findall(desc):
        key = kind[:3].lower()
        nums = re.sub(r'\s*(?:,|and|&)\s*', ', ', nums)
        nums = re.sub(r'\s*(?:–|-|to)\s*', '–', nums)
        found.setdefault(key, [])
        for n in nums.split(', '):
            if n not in found[key]: found[key].append(n)
    parts = []
    for key, nums in found.items():
        one, many = _KINDS[key]
        single = len(nums) == 1 and '–' not in nums[0]
        parts.append(f"{one if single else many} {', '.join(nums)}")
    return '; '.join(parts)


def entry(nb_path):
    title, desc = title_desc(nb_path)
    refs = paper_refs(desc)
    return {'text': f"{title} ({refs})" if refs else title, 'href': nb_path.relative_to(NBS).as_posix()}


def _visible(p):
    rel = p.relative_to(NBS)
    return not any(part.startswith(('_', '.')) for part in rel.parts) and '.ipynb_checkpoints' not in rel.parts


def sidebar():
    "The sidebar, as the dict that sidebar.yml holds."
    nbs = sorted(p for p in NBS.rglob('*.ipynb') if _visible(p))
    contents, groups, other = [], {name: [] for name, *_ in SECTIONS}, {}
    tutorials = []
    for p in nbs:
        rel = p.relative_to(NBS)
        if rel.as_posix() == 'index.ipynb': continue
        if len(rel.parts) > 1:
            if rel.parts[0] == 'tutorials': tutorials.append(p)
            else: other.setdefault(rel.parts[0].replace('_', ' ').capitalize(), []).append(p)
            continue
        m = re.match(r'(\d+)_', p.name)
        sec = next((name for name, lo, hi in SECTIONS if m and lo <= int(m.group(1)) <= hi), None)
        if sec: groups[sec].append(p)
        else: other.setdefault('More', []).append(p)
    if (NBS/'index.ipynb').exists(): contents.append({'text': 'Home', 'href': 'index.ipynb'})
    def _tut_key(p):
        stem = re.sub(r'^\d+_', '', p.stem)
        return (TUTORIAL_ORDER.index(stem) if stem in TUTORIAL_ORDER else len(TUTORIAL_ORDER), p.name)
    if tutorials: contents.append({'section': 'Tutorials', 'contents': [entry(p) for p in sorted(tutorials, key=_tut_key)]})
    for name, *_ in SECTIONS:
        if groups[name]: contents.append({'section': name, 'contents': [entry(p) for p in groups[name]]})
    for name, ps in other.items(): contents.append({'section': name, 'contents': [entry(p) for p in ps]})
    return {'website': {'sidebar': {'contents': contents}}}


def render():
    return HEADER + yaml.safe_dump(sidebar(), sort_keys=False, allow_unicode=True, width=1000)


if __name__ == '__main__':
    text = render()
    if '--check' in sys.argv[1:]:
        if not OUT.exists() or OUT.read_text(encoding='utf-8') != text:
            print(f"FAIL: {OUT.relative_to(ROOT)} is not current: run 'python tools/sidebar.py' and commit it.")
            if OUT.exists():
                import difflib
                sys.stdout.writelines(difflib.unified_diff(OUT.read_text(encoding='utf-8').splitlines(True), text.splitlines(True),
                                                           'nbs/sidebar.yml (committed)', 'nbs/sidebar.yml (from the notebooks)'))
            sys.exit(1)
        print(f"{OUT.relative_to(ROOT)} is current.")
    else:
        OUT.write_text(text, encoding='utf-8')
        print(f"wrote {OUT.relative_to(ROOT)}")
