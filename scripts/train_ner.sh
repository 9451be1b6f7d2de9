#!/usr/bin/env bash
# Retrain the shipped NER model (hadath/data/ner/) on ANERcorp train, then score it on test.
# Usage: scripts/train_ner.sh [ANERCORP_DIR]   (default: ../shared/data/anercorp)
# Takes about 7 minutes of CPU on one free core (the first pass, 5 jackknife first-pass fits for
# the document-level second pass, the second pass; 19 min wall on a busy one). The word-frequency
# table already in hadath/data/ner/ is reused; delete it first (and `pip install wordfreq`) to
# rebuild it from wordfreq. The test score is printed in 20-sentence documents (both passes);
# add `--sentences` to the eval line for the first pass alone, as the pipeline's per-sentence
# `hadath.ner.entities` runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/anercorp}"
if [[ ! -f "$data/train.conll" ]]; then
    echo "train_ner.sh: no $data/train.conll (give the ANERcorp folder as the first argument)" >&2
    exit 2
fi
.venv/bin/python -m hadath.ner.cli train "$data/train.conll" --out hadath/data/ner
.venv/bin/python -m hadath.ner.cli eval "$data/test.conll"
