"""python -m allegraph.cli"""

import sys

from . import main

sys.exit(main())
