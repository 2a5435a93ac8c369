"""`casecheck-gui [PATH]`: open PATH (a case folder, .zip or document), or the sample case."""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ui.main_window import APP_TITLE, MainWindow


def launch(path: str | None) -> MainWindow:
    """Show the main window first, then check `path` in a worker thread."""
    window = MainWindow()
    window.show()
    window.open_path(path)
    return window


def install_chinese(app: QApplication) -> list[QTranslator]:
    """Qt's own dialogs and context menus in Chinese: the translations PySide6 ships (kept on
    the application, which does not own them)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(
            QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", folder
        ):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="casecheck-gui", description="案卷自查（桌面版）")
    parser.add_argument("path", nargs="?", help="案卷文件夹、.zip 或文书文件；省略时打开示例案卷")
    options = parser.parse_args(args)

    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    app.setApplicationName(APP_TITLE)
    install_chinese(app)
    window = launch(options.path)
    code = app.exec()
    if window.has_running_checks():
        # An abandoned check may sit in OCR for a while; it writes nothing, so end now
        # rather than make the closed window wait for it.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
