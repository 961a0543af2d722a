"""Use cases: fn(session, …) -> plain data; raise KisdeskError; no Qt.

The GUI (through its op runner), the command line and the reports call these functions.
"""

# The audit log's listeners (every ORM change is logged) and the guard that keeps restricted
# records read-only (RODO art. 18) must be in place before any work.
from kisdesk.services import audit as _audit  # noqa: E402,F401
from kisdesk.services import rodo as _rodo  # noqa: E402,F401
