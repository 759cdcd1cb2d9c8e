"""The rules of the business as plain Python: no Qt, no SQLAlchemy."""
