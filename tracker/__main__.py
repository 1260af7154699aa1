"""`python -m tracker` does what `tracker` does (the desktop launcher starts it so)."""

import sys

from .cli import main

sys.exit(main())
