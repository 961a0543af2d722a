"""Dialogs opened from the pages (participant form, activity, participation period)."""
