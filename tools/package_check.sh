#!/usr/bin/env bash
# Packaging check: build the sdist and the wheel, check them with twine, install the wheel in a fresh venv (with its declared
# dependencies, as a user would) and import the public API from there, outside the source tree.
#   bash tools/package_check.sh      # leaves dist/*.tar.gz and dist/*.whl
# (The fresh venv gets torch and the rest again, several GB: a few minutes. pip's output is shown only on failure.)
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t0=$SECONDS
rm -rf dist
python -m build --outdir dist . >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
ls -l dist
twine check --strict dist/*
echo "built and checked in $((SECONDS - t0)) s"
t0=$SECONDS
python -m venv "$tmp/venv"
env -u PYTHONPATH "$tmp/venv/bin/pip" install --no-compile dist/*.whl >"$tmp/pip.log" 2>&1 || { tail -50 "$tmp/pip.log"; exit 1; }
echo "installed the wheel and its dependencies in a fresh venv in $((SECONDS - t0)) s"
cd "$tmp"
"$tmp/venv/bin/python" -I - "$tmp" <<'PY'   # -I: no PYTHONPATH, no user site, not the source tree
import sys, importlib.metadata as md
import scissorhands_nb
assert scissorhands_nb.__file__.startswith(sys.argv[1]), f"imported from {scissorhands_nb.__file__}, not the fresh venv"
from scissorhands_nb.all import *
scripts = [ep for ep in md.distribution('scissorhands_nb').entry_points if ep.group == 'console_scripts']
for ep in scripts: ep.load()  # each command of [project.scripts] resolves to a function of the wheel
print(f"ok: scissorhands_nb {md.version('scissorhands_nb')} from the wheel, in a fresh venv:", UnlearningSplit, create_model,
      TrimCallback, RepairCallback, '; commands:', ', '.join(ep.name for ep in scripts) or 'none')
PY
