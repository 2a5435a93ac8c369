"""The bundle's `casecheck` executable: the CLI, plus `--self-test` (see casecheck/selftest.py)."""

import multiprocessing
import sys


def main() -> int:
    multiprocessing.freeze_support()  # worker processes of a batch re-enter this executable
    if sys.argv[1:] == ["--self-test"]:
        from casecheck.selftest import run

        return run()
    from casecheck.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
