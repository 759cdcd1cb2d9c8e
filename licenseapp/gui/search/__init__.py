"""Global search (Edit › Find anything…, Ctrl+K): a popup over the main window."""
