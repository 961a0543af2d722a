"""PDF documents (reportlab): one module per document, each with `render(data, path)`.

The data of a document is built by a service (kisdesk.services.documents*); the modules here
only draw it. Shared pieces: `fonts` (embedded TTFs with Polish letters), `styles`, `layout`
(page frame, "strona X z Y", atomic writing), `blocks` (letterhead, signature lines, tables).
"""
