"""LicenseApp: drafts, files and tracks export-license applications for foreign nationals."""

__version__ = "0.1.0"
