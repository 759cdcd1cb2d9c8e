"""ReportLab renderers: packets, summaries, letters, reports (imported when needed)."""
