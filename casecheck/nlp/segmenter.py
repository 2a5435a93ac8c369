"""jieba, configured once per process with the legal user dictionary and the segmentation
fixes of `checklists/lexicon/` (userdict.txt, segmentation.yaml).

jieba does one job in `check_case`: telling a person's name from other words where a record
names its officers (`casecheck.nlp.names`, part-of-speech tags nr/nrt/nrfg). Importing this
module does not import jieba; the first name lookup does (about 1.2–1.5 s, once per process).
"""

from __future__ import annotations

import logging
from functools import cache

from casecheck.resources import checklist_path, load_yaml


@cache
def configure_jieba() -> None:
    """Load the user dictionary and apply the segmentation fixes (jieba is process-global)."""
    import jieba

    jieba.setLogLevel(logging.CRITICAL + 10)  # silences "Building prefix dict …" on stderr
    jieba.load_userdict(str(checklist_path("lexicon", "userdict.txt")))
    segmentation = load_yaml("lexicon", "segmentation.yaml")
    for word in segmentation.get("delete", []):
        jieba.del_word(word)
    for pair in segmentation.get("split", []):
        jieba.suggest_freq(tuple(pair), tune=True)
