"""Shared widgets: Polish date field, search field, sort proxy and table set-up, status
colours, the hours chart. Pages of every area use them."""
