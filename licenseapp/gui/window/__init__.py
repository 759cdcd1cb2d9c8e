"""The main window's parts, each built onto the window by a function: its menus and
toolbar, the status bar, the screens' registry (navigation, View menu, Ctrl+ numbers),
opening a database, and the groups of screens and actions (tracking, records, screening,
drafting and packets, the first run). ``gui/main_window.py`` composes them."""
