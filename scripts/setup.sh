#!/usr/bin/env bash
# Creates .venv and installs the pinned requirements (plus requirements-dev.txt with --dev).
# Idempotent: re-running after the requirement files are unchanged does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
files=(requirements.txt)
[[ "${1:-}" == "--dev" ]] && files+=(requirements-dev.txt)
stamp=".venv/.installed-$(cat "${files[@]}" | sha256sum | cut -c1-16)"
if [[ -f "$stamp" ]]; then exit 0; fi
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
args=()
for f in "${files[@]}"; do args+=(-r "$f"); done
echo "Installing ${files[*]} into .venv (first run takes a few minutes)..."
.venv/bin/python -m pip install --disable-pip-version-check -q "${args[@]}"
touch "$stamp"
