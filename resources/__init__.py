"""Shipped resources; installed as the package ``licenseapp.resources``."""
