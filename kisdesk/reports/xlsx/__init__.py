"""Excel workbooks (.xlsx) of docs/domain.md#documents, one module per export.

Each module has `render(data, path)`; the data comes from kisdesk.services.exports*.
Workbooks are written with openpyxl in write-only mode (streamed rows, low memory) and
saved atomically, so an interrupted export never leaves half a file under the user's name.
"""
