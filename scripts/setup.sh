#!/usr/bin/env bash
# Create .venv and install hadath with its dependencies (lean: camel-tools without torch).
# Idempotent: does nothing when pyproject.toml hasn't changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
STAMP=.venv/.hadath-installed
wanted="$(sha256sum pyproject.toml | cut -c1-16)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ]; then
  exit 0
fi
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "setup.sh: Python 3.11+ is required ($("$PYTHON" --version 2>&1))" >&2; exit 1; }
started=$(date +%s)
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
# camel-tools 1.6 declares torch/transformers (a 5.9 GB install); its text utilities need none
# of them, so it is installed without its declared dependencies. Never `pip check` this venv.
.venv/bin/pip install -q --disable-pip-version-check --no-deps 'camel-tools==1.6.*'
echo "$wanted" > "$STAMP"
echo "setup.sh: installed in $(( $(date +%s) - started )) s; .venv is $(du -sh .venv | cut -f1)" >&2
