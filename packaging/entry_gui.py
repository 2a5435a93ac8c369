"""The bundle's `casecheck-gui` executable: the desktop app.

`--startup-probe` (used by packaging/build.sh) opens the app on the sample case and prints the
wall-clock times at which the main window is shown (`WINDOW_VISIBLE`) and the sample's report
is on screen (`REPORT_SHOWN`), then quits; launch-to-visible is measured outside.
"""

import multiprocessing
import sys
import time


def _probe() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import main as gui_main

    app = QApplication([sys.argv[0]])

    def shown() -> None:
        visible = [w for w in app.topLevelWidgets() if w.isVisible()]
        print(f"WINDOW_VISIBLE {time.time():.3f} {len(visible)}", flush=True)
        checking = [w for w in visible if hasattr(w, "is_checking")]
        poll = QTimer(app)

        def checked() -> None:
            if not any(w.is_checking() for w in checking):
                poll.stop()
                print(f"REPORT_SHOWN {time.time():.3f}", flush=True)
                app.quit()

        poll.timeout.connect(checked)
        poll.start(20)

    QTimer.singleShot(0, shown)
    return gui_main([])


def main() -> int:
    multiprocessing.freeze_support()
    if sys.argv[1:] == ["--startup-probe"]:
        return _probe()
    from ui.app import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
