#!/usr/bin/env bash
# Write README.md from nbs/index.ipynb without Quarto: nbdev's processed notebook (_proc/), converted to Markdown by nbconvert,
# with Quarto's front matter turned into a title and a description line.
# (nbdev-proc-nbs looks for Quarto and, not finding it, prints a harmless "sudo: not found"; its output is shown only on failure.)
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
nbdev-proc-nbs >"$log" 2>&1 || { cat "$log"; exit 1; }
rm -f "$log"
jupyter nbconvert --to markdown _proc/index.ipynb --output-dir _proc --output README --log-level WARN
python - <<'PY'
import re, yaml
from pathlib import Path
md = Path('_proc/README.md').read_text()
m = re.match(r'---\n(.*?)\n---\n', md, re.S)
meta = yaml.safe_load(m.group(1)) if m else {}
body = md[m.end():] if m else md
head = f"# {meta.get('title', '')}\n\n> {meta.get('description', '')}\n" if meta else ''
body = re.sub(r'\n{3,}', '\n\n', body).strip() + '\n'
Path('README.md').write_text(head + '\n' + body)
PY
