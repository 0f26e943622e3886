#!/usr/bin/env bash
# What a person gets from `pipx install .` / `uv tool install .` / `pip install .`: build the wheel, install it with
# no extras into a clean venv (no dev tools, so nothing they happen to pull in can hide a missing dependency), then
# run the installed `supportdesk`: its help, the demo desk and a search, each in one throw-away data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
work=$(mktemp -d /tmp/supportdesk-wheel.XXXXXX)
trap 'rm -rf "$work"' EXIT

pip_quietly() {  # pip's own chatter goes to a log, shown only when it fails
  "$work/venv/bin/python" -m pip "$@" >>"$work/pip.log" 2>&1 || { cat "$work/pip.log" >&2; return 1; }
}
"$PYTHON" -m venv "$work/venv"
pip_quietly install --quiet --upgrade pip
pip_quietly wheel --quiet --no-deps --wheel-dir "$work/dist" .
pip_quietly install --quiet "$work"/dist/supportdesk-*.whl
if "$work/venv/bin/python" -c 'import click' 2>/dev/null; then
  echo "note: a dependency installed click; supportdesk does not use it" >&2
fi

export SUPPORTDESK_DATA_DIR="$work/data" SUPPORTDESK_CONFIG_DIR="$work/config"
unset SUPPORTDESK_DB SUPPORTDESK_USER SUPPORTDESK_LANG SUPPORTDESK_PASSWORD
cd "$work"  # away from the source tree, so only the installed package can be imported
sd="$work/venv/bin/supportdesk"
"$sd" --help >"$work/help.txt"
grep -q "ticket" "$work/help.txt" || { echo "supportdesk --help lists no commands" >&2; exit 1; }
"$sd" demo --no-launch >/dev/null 2>"$work/demo.err" || { cat "$work/demo.err" >&2; exit 1; }
"$sd" --demo --password-stdin search '返品' --json <<<"sato-demo" >"$work/search.json"
"$work/venv/bin/python" - "$work/search.json" <<'PY'
import json, sys
result = json.load(open(sys.argv[1], encoding="utf-8"))
assert result["total"] > 0 and result["hits"], f"a search of the installed demo desk found nothing: {result}"
print(f"installed wheel: --help, demo --no-launch and a search ({result['total']} cases for 返品) work")
PY
