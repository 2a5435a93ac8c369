import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the batch pool spawns workers; frozen bundles need this
    # Imported here, not above: a spawned worker or reader process imports this module as
    # `__mp_main__` and needs none of the CLI.
    from casecheck.cli import main

    sys.exit(main())
