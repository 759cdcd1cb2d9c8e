"""Access records in the desktop app: who holds access to an item, what a person holds, and
granting and revoking it (one panel, shown beside the Items and the People screens)."""
