"""Restricted-party screening: list snapshots, matching, stored hits and decisions."""
