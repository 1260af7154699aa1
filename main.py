"""Start Revisionsuppföljning: `python main.py` does what `tracker` does."""

import sys

from tracker.cli import main

if __name__ == "__main__":
    sys.exit(main())
