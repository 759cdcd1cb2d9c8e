"""Desktop-app tests (pytest-qt, offscreen)."""
