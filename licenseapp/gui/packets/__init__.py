"""Packets in the desktop app: preview before saving, print, save as, and batch saving."""
