#!/usr/bin/env bash
# What the widget's browser tests need, installed only where missing (safe to run again):
#   Debian's chromium (apt-get), Playwright for Python (into .venv) and axe-core (npm, into
#   .cache/axe). Playwright never downloads a browser here: the tests launch /usr/bin/chromium.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
AXE_DIR="$ROOT/.cache/axe"
AXE_VERSION="${AXE_VERSION:-4.14.1}"
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.2}"
export DEBIAN_FRONTEND=noninteractive

if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium (apt-get)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium >/dev/null
fi

if ! "$PYTHON" -c "import playwright.sync_api" >/dev/null 2>&1; then
    echo "installing playwright $PLAYWRIGHT_VERSION (pip; no browser download)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$PYTHON" -m pip install --quiet \
        "playwright==$PLAYWRIGHT_VERSION"
fi

if [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then
    echo "installing axe-core $AXE_VERSION (npm) into $AXE_DIR"
    mkdir -p "$AXE_DIR"
    [ -f "$AXE_DIR/package.json" ] || echo '{"name": "pbchat-axe", "private": true}' \
        >"$AXE_DIR/package.json"
    npm install --prefix "$AXE_DIR" --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
fi
