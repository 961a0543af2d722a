"""Everything PySide6: the main window, pages, dialogs, table models, the op runner."""
