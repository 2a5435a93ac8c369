#!/usr/bin/env bash
# The main job: set up, then open the desktop app on the bundled sample case; where there is
# no screen, print the CLI report of that case instead.
source "$(dirname "$0")/setup.sh"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && .venv/bin/python -c "import PySide6.QtWidgets" 2>/dev/null; then
  exec .venv/bin/casecheck-gui "$@"
fi
echo "（未检测到图形显示环境，改为输出命令行报告）"
exec .venv/bin/casecheck demo "$@"
