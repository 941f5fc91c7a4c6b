#!/usr/bin/env bash
# Sets up .venv and launches the app (embedded CPU model unless a GPU and the Hub weights are available).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python app.py "$@"
