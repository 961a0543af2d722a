"""PyInstaller runtime hook: programs kisdesk starts get the system's environment back.

On Linux the bootloader points LD_LIBRARY_PATH at the bundle's _internal folder so that
this process finds its own libraries. The dynamic loader reads the variable once, when the
process starts, so it can be put back now: otherwise a PDF opened in the system viewer
(QDesktopServices → xdg-open → /bin/sh, evince…) would load the bundle's copies of glib,
libstdc++ or sqlite instead of its own and may fail to start. PyInstaller documents this
("LD_LIBRARY_PATH / LIBPATH considerations") and keeps the original in *_ORIG.
"""

import os
import sys

if sys.platform.startswith(("linux", "aix")):
    for _name in ("LD_LIBRARY_PATH", "LIBPATH"):
        _original = os.environ.pop(_name + "_ORIG", None)
        if _original is not None:
            os.environ[_name] = _original
        else:
            os.environ.pop(_name, None)
