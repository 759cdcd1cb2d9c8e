"""The audit trail in the desktop app: an application's audit history, and Verify database."""
