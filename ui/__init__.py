"""casecheck-gui: the PySide6 desktop app over the engine's public API (`casecheck.check_case`).

The engine never imports Qt; this package only imports the engine lazily, in a worker thread,
so the window shows before spaCy and jieba have loaded.
"""
