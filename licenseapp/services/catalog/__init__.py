"""The records a company keeps: organizations, people, controlled items and who has access."""
