"""Files in and out: imports of people, items and access, and exports."""
