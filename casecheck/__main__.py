import multiprocessing
import sys

from casecheck.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the batch pool spawns workers; frozen bundles need this
    sys.exit(main())
