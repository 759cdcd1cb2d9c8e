"""Importing records from a spreadsheet, looked over before anything is written.

:class:`~licenseapp.gui.importing.launcher.ImportLauncher` asks for the file and opens the
:class:`~licenseapp.gui.importing.dialog.ImportDialog`: how the file was read, its columns
mapped to ours (remembered per source by :mod:`.remembered`), each row's outcome from a dry
run (:mod:`.outcomes_model`), then the import of the good rows. What is imported (people,
items, access) is an :class:`~licenseapp.gui.importing.kinds.ImportKind`.
"""
