# Sourced by scripts/demo.sh and scripts/test.sh: makes .venv with casecheck and what its
# tests and desktop app need. Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Libraries Qt needs on Debian/Ubuntu (measured in a minimal chroot, see TECH-NOTES §5),
# a CJK font so Chinese renders, the X libraries for a real window, strace (the test that
# no native code opens a network connection traces connect() calls) and LibreOffice Writer
# (the route for legacy Word files the built-in converter rejects; its tests trace it too).
APT_PACKAGES="libegl1 libgl1 libx11-6 libbrotli1 libdbus-1-3 libfontconfig1 libfreetype6
 libglib2.0-0 libxkbcommon0 fonts-wqy-microhei libxcb-cursor0 libxcb-icccm4 libxcb-image0
 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1
 libxkbcommon-x11-0 strace libreoffice-writer-nogui"

if command -v dpkg >/dev/null 2>&1; then
  missing=""
  for pkg in $APT_PACKAGES; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "安装系统依赖：$missing"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo apt-get update -qq
      sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "提示：缺少图形界面所需的系统库，界面测试将跳过。可执行：sudo apt-get install$missing" >&2
    fi
  fi
fi

PYTHON_BIN="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON_BIN" -m venv .venv
fi
stamp=".venv/.casecheck-$(cat pyproject.toml | cksum | cut -d' ' -f1)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -U pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev,gui,ocr]"
  rm -f .venv/.casecheck-*
  touch "$stamp"
fi
