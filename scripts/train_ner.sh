#!/usr/bin/env bash
# Retrain the shipped NER model (hadath/data/ner/) on ANERcorp train, then score it on test.
# Usage: scripts/train_ner.sh [ANERCORP_DIR]   (default: ../shared/data/anercorp)
# Takes about 2 minutes on one core. The word-frequency table already in hadath/data/ner/ is
# reused; delete it first (and `pip install wordfreq`) to rebuild it from wordfreq.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/anercorp}"
if [[ ! -f "$data/train.conll" ]]; then
    echo "train_ner.sh: no $data/train.conll (give the ANERcorp folder as the first argument)" >&2
    exit 2
fi
.venv/bin/python -m hadath.ner.cli train "$data/train.conll" --out hadath/data/ner
.venv/bin/python -m hadath.ner.cli eval "$data/test.conll"
