#!/usr/bin/env bash
# Build the docs site into _docs/ without Quarto (the published site is built by Quarto in .github/workflows/deploy.yaml):
# nbdev's processed notebooks (_proc/, from nbdev-proc-nbs) rendered by smalldocs from nbs/_quarto.yml and nbs/sidebar.yml.
#   bash tools/docs.sh               # nbdev-proc-nbs, then tools/docs.py
#   bash tools/docs.sh --reuse-proc  # skip nbdev-proc-nbs when _proc/ is current (CI, right after tools/readme.sh)
# Then: python tools/browser_check.py (opens every page in headless Chromium), or look at it with
#   python -m http.server -d _docs -b 127.0.0.1 8000
# (nbdev-proc-nbs looks for Quarto and, not finding it, prints a harmless "sudo: not found"; its output is shown only on failure.)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--reuse-proc" ] || [ ! -f _proc/_quarto.yml ]; then
  log=$(mktemp)
  nbdev-proc-nbs >"$log" 2>&1 || { cat "$log"; exit 1; }
  rm -f "$log"
fi
python tools/docs.py
