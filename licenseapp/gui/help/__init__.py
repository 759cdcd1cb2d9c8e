"""Help: the LicenseApp guide (``resources/help/guide.md``) in a window of its own, opened
with F1 at the section for the screen, wizard page or dialog on view."""
