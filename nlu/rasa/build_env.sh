#!/usr/bin/env bash
# Builds .venv-rasa (Python 3.10 + Rasa 3.6.21) at the repo root; does nothing if it is already complete.
set -euo pipefail

RASA_VERSION="3.6.21"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$REPO_ROOT/.venv-rasa"
CONSTRAINTS="$REPO_ROOT/nlu/rasa/constraints.txt"
# The stamp names the lock's hash, so that editing constraints.txt rebuilds the environment.
STAMP="$VENV/.pbchat-rasa-$RASA_VERSION-$(sha256sum "$CONSTRAINTS" | cut -c1-12)"

log() { printf '[rasa-env %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if [[ -f "$STAMP" && -x "$VENV/bin/rasa" ]]; then
    log "$VENV already has Rasa $RASA_VERSION"
    exit 0
fi

find_python310() {
    local prefix
    # pyenv first: it is how the dev and CI machines provide 3.10.
    if command -v pyenv >/dev/null 2>&1 && prefix="$(pyenv prefix 3.10 2>/dev/null)" \
        && [[ -x "$prefix/bin/python3.10" ]]; then
        echo "$prefix/bin/python3.10"
        return
    fi
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10.*/bin/python3.10; do
        if [[ -x "$candidate" ]]; then echo "$candidate"; return; fi
    done
    if command -v python3.10 >/dev/null 2>&1; then
        command -v python3.10
        return
    fi
    return 1
}

if ! PYTHON="$(find_python310)"; then
    echo "error: Rasa $RASA_VERSION needs Python 3.10, and none was found" >&2
    echo "       (tried 'pyenv prefix 3.10', \$PYENV_ROOT/versions/3.10.*, python3.10 on PATH)." >&2
    echo "       Install it, e.g. 'pyenv install 3.10' or 'apt-get install python3.10-venv'." >&2
    exit 1
fi

start=$SECONDS
if [[ ! -x "$VENV/bin/python" ]]; then
    log "creating $VENV with $PYTHON"
    "$PYTHON" -m venv "$VENV"
fi
log "upgrading pip"
"$VENV/bin/python" -m pip install --quiet --upgrade "pip==24.0" "wheel"
log "installing rasa==$RASA_VERSION (TensorFlow 2.12; a few minutes)"
# The machine-wide pip constraints only cap torch, which Rasa does not use; ours replace them
# so that they can never make this pinned install unsolvable.
PIP_CONSTRAINT="" "$VENV/bin/python" -m pip install --progress-bar off \
    --constraint "$CONSTRAINTS" "rasa==$RASA_VERSION"
"$VENV/bin/rasa" --version
rm -f "$VENV"/.pbchat-rasa-*
touch "$STAMP"
log "done in $((SECONDS - start)) s; $(du -sh "$VENV" | cut -f1) on disk"
