"""Documents: PDF (reportlab) and spreadsheets (openpyxl), `render(data, path)` each."""
