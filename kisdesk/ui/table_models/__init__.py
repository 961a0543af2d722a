"""Table models (QAbstractTableModel) for the pages' lists; `base.RowTableModel` is shared."""
