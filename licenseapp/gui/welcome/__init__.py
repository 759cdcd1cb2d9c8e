"""The first run: the welcome page (company profile, demo data, where the data lives) and
the next steps shown on the dashboard of a database still being set up."""
