"""File › Export current view…: what a screen's list shows, to CSV or XLSX."""
