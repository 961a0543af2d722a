"""One module per main-window section; each page is a `Page` (kisdesk.ui.pages.base)."""
