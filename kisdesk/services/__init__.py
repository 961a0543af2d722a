"""Use cases: fn(session, …) -> plain data; raise KisdeskError; no Qt.

The GUI (through its op runner), the command line and the reports call these functions.
"""
