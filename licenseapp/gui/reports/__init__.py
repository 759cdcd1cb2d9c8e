"""The Reports screen (Ctrl+7): pending, expiring and case-record reports, previewed, printed
and saved; built off the GUI thread."""
