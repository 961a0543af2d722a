"""Use cases: fn(session, …) -> plain data; raise KisdeskError; no Qt.

The GUI (through its op runner), the command line and the reports call these functions.
"""

# The audit log's listeners (every ORM change is logged) must be in place before any work.
from kisdesk.services import audit as _audit  # noqa: E402,F401
