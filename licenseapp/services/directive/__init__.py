"""Rule sets, the authorization matrix and a directive's impact."""
