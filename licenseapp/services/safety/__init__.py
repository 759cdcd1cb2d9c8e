"""Backups, restore, recovery, integrity checks, record seals and the audit trail."""
