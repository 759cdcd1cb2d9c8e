"""Filing packets, their attachments, and every file written for the user."""
