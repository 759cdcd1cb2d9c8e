"""Export current view… proposes its file in a folder that exists: without a Documents
folder the name it proposed was refused after Save ("the folder … does not exist")."""

from __future__ import annotations

from pathlib import Path

from licenseapp.gui.exporting.menu_actions import ExportViewActions


def test_without_a_documents_folder_the_export_opens_in_the_home_folder(
        window, runner, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # no Documents in it
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    actions = ExportViewActions(runner, window, window.pages, window.nav)
    assert Path(actions.folder).is_dir()
    assert Path(actions.folder) == tmp_path
    (tmp_path / "Documents").mkdir()
    again = ExportViewActions(runner, window, window.pages, window.nav)
    assert Path(again.folder) == tmp_path / "Documents"
