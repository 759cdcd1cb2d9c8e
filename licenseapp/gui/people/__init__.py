"""The People screen and the person editor (reused by the application wizard)."""
