"""Drafting applications: creating, editing, checking and reading them."""
