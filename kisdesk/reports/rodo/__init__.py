"""RODO documents: the art. 13 information clause, the art. 15 data pack, and the card with
the database recovery key. Drawn with the shared PDF toolkit (kisdesk.reports.pdf: embedded
Liberation fonts with Polish letters, styles, atomic writing, page numbers)."""
