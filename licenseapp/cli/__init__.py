"""The ``licenseapp`` command line (contract in DESIGN.md)."""
