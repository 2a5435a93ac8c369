#!/usr/bin/env bash
# Set up, then run the whole test suite (GUI tests run headless). Extra arguments go to pytest.
source "$(dirname "$0")/setup.sh"
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
