"""Global search over every application, license, person, organization and item."""
