"""Global search: the text every record is found by, and the in-memory index over it."""
