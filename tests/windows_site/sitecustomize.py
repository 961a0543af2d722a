"""Windows behaviours in every Python process the tests start (the Windows lane of .ci/run).

tests/conftest.py puts this folder first on PYTHONPATH when KISDESK_SIMULATE_WINDOWS=1, so
the command-line programs the tests run as subprocesses start the way they would on a
Polish Windows: fsync needs write access, and output redirected to a file or a pipe is
strict cp1250 (what Python chooses there), before kisdesk decides otherwise."""

from __future__ import annotations

import os
import sys

if os.environ.get("KISDESK_SIMULATE_WINDOWS", "") == "1":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import windows_sim

    windows_sim.install()
    windows_sim.redirected_streams_as_on_windows()
    del sys.path[0]
