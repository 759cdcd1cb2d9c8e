"""The Dashboard: the pipeline, ageing, time to decision and what is due, in charts with numbers."""
