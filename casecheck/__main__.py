import sys

from casecheck.cli import main

sys.exit(main())
