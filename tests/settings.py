"""The suite's settings: the portal's own, with a key of the suite's own, since the portal refuses to start without
one when DEBUG is off (as the suite runs, like production)."""

import os

os.environ.setdefault("SECRET_KEY", "the-test-suite-only-key-never-used-to-serve-anyone")

from incubator.settings import *  # noqa: E402, F403
