#!/usr/bin/env bash
# Build the offline bundle dist/casecheck/ on Linux, then prove it works with networking
# disabled: the self-test, a one-document check and the desktop window (offscreen).
# Prints the build time, the bundle size and the start-up times.
#
#   packaging/build.sh            # uses .venv/bin/python (needs `pip install -e .[gui,build]`)
#   PYTHON=/path/python packaging/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
DIST=dist/casecheck
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export QT_QPA_PLATFORM=offscreen

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# Offline runs: a new network namespace with no interfaces (root, or unprivileged user
# namespaces); without either, the runs still happen but are not proven offline.
if unshare -n true 2>/dev/null; then
    OFFLINE=(unshare -n)
    OFFLINE_HOW="unshare -n (no network interfaces)"
elif unshare -rn true 2>/dev/null; then
    OFFLINE=(unshare -rn)
    OFFLINE_HOW="unshare -rn (no network interfaces)"
else
    OFFLINE=()
    OFFLINE_HOW="NOT offline: unshare is not permitted here"
fi

started=$(now)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/casecheck.spec
build_s=$(since "$started")
size=$(du -sh "$DIST" | cut -f1)

echo "== self-test ($OFFLINE_HOW)"
started=$(now)
"${OFFLINE[@]}" "$DIST/casecheck" --self-test
selftest_s=$(since "$started")

# One document of a generated case, checked by a fresh process (nothing cached in memory).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$DIST/casecheck" demo-case "$work/case" >/dev/null
documents=("$work"/case/*[0-9]行政处罚决定书.docx)
document=${documents[0]}
started=$(now)
{
    read -r -n 1 _
    cli_s=$(since "$started")
    cat >/dev/null
} < <("${OFFLINE[@]}" "$DIST/casecheck" check "$document" --format json)

started=$(now)
probe=$("${OFFLINE[@]}" "$DIST/casecheck-gui" --startup-probe)
read -r _ visible_at windows <<<"$(grep WINDOW_VISIBLE <<<"$probe")"
read -r _ report_at <<<"$(grep REPORT_SHOWN <<<"$probe")"
gui_s=$(awk -v a="$started" -v b="$visible_at" 'BEGIN { printf "%.2f", b - a }')
report_s=$(awk -v a="$started" -v b="$report_at" 'BEGIN { printf "%.2f", b - a }')
[ "$windows" -ge 1 ] || { echo "the main window was not shown" >&2; exit 1; }

cat <<EOF
== bundle $DIST
build time                      ${build_s} s
bundle size                     ${size}
self-test (whole process)       ${selftest_s} s
CLI cold start, one document    ${cli_s} s (to first output)
GUI launch to visible window    ${gui_s} s (offscreen)
GUI launch to sample report     ${report_s} s
EOF
