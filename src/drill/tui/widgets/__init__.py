"""Widgets of the practice screens."""
