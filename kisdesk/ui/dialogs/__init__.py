"""Dialogs opened from the pages: forms of one record, and multi-step tasks."""
