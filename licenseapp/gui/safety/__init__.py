"""File › Back up… and Restore…, Application › Checklist… and Supporting documents…: the
command line's backup, restore, check and attachments in the app, off the GUI thread."""
