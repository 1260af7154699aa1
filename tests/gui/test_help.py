"""Hjälp: the handbook inside the program, the shortcut list from the action registry, Om
with the folders; and the icons menus, toolbar and windows show."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import QDialog, QLabel, QTableWidget
from window_helpers import make_window

from tracker import __version__
from tracker.core.backups import backup_dir, make_backup
from tracker.gui import actions, icons
from tracker.gui.dialogs.about import about_dialog
from tracker.gui.dialogs.handbook import handbook_browser, open_handbook
from tracker.gui.dialogs.shortcuts import shortcut_rows, shortcuts_dialog
from tracker.resources import file

ROOT = Path(__file__).resolve().parents[2]


def _keys(text: str) -> set[str]:
    return {k.strip() for k in text.split(" eller ")}


def test_the_shortcut_list_is_every_shortcut_of_the_window(qtbot, store, settings):
    window = make_window(qtbot, store, settings)
    table = shortcuts_dialog(window).findChild(QTableWidget)
    listed = {(table.item(r, 0).text(), k) for r in range(table.rowCount()) for k in _keys(table.item(r, 1).text())}
    native = QKeySequence.SequenceFormat.NativeText
    in_window = {
        (f"{a.menu} → {a.text.rstrip('…')}", s.toString(native))
        for a in actions.ACTIONS
        if a.id in window.qactions
        for s in window.qactions[a.id].shortcuts()
    }
    assert listed == in_window
    assert ("Redigera → Gör om", "Ctrl+Shift+Z") in listed
    assert table.rowCount() == len(shortcut_rows()) == sum(1 for a in actions.ACTIONS if a.shortcuts)


def test_the_handbook_shows_the_guide_and_its_screenshots(qtbot):
    browser = handbook_browser()
    qtbot.addWidget(browser)
    text = browser.toPlainText()
    for heading in ("Kom i gång", "Excel in och ut", "Statuslistor", "Var registret och säkerhetskopiorna finns"):
        assert heading in text
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", file("handbok/handbok.md").read_text(encoding="utf-8"))
    assert images
    for name in images:
        image = browser.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name))
        assert image is not None and not image.isNull(), name


def test_f1_opens_one_handbook_window_however_often_it_is_asked_for(qtbot, store, settings):
    window = make_window(qtbot, store, settings)
    assert window.qactions["handbook"].shortcuts() == [QKeySequence("F1")]
    open_handbook(window)
    open_handbook(window)
    shown = [d for d in window.findChildren(QDialog) if d.isVisible()]
    assert [d.objectName() for d in shown] == ["handbook"]


def test_the_readme_links_the_handbook_instead_of_repeating_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(resources/handbok/handbok.md)" in readme
    assert "## Excel in och ut" not in readme and "## Statuslistor" not in readme


def test_about_names_the_version_the_register_and_links_its_folders(qtbot, demo_store, settings):
    make_backup(demo_store, "manuell")
    window = make_window(qtbot, demo_store, settings)
    html = about_dialog(window).findChild(QLabel).text()
    assert __version__ in html
    assert str(demo_store.path) in html
    assert QUrl.fromLocalFile(str(demo_store.path.parent)).toString() in html
    assert QUrl.fromLocalFile(str(backup_dir(demo_store.path))).toString() in html


def test_every_menu_entry_and_toolbar_button_has_an_icon_that_draws(qtbot, store, settings):
    window = make_window(qtbot, store, settings)
    assert set(icons.ACTION_ICONS) <= {a.id for a in actions.ACTIONS}, "an icon for an action that does not exist"
    for a in actions.ACTIONS:
        if a.submenu is None:  # a submenu (Senaste filer) shows its arrow instead
            image = window.qactions[a.id].icon().pixmap(16, 16).toImage()
            assert not image.isNull(), f"{a.id} has no icon"
            alphas = {image.pixelColor(x, y).alpha() for x in range(16) for y in range(16)}
            assert 0 in alphas and 255 in alphas, a.id  # drawn: a shape on a transparent ground
    app_icon = icons.app_icon()
    assert {s.width() for s in app_icon.availableSizes()} == set(icons.APP_ICON_SIZES)


def test_every_icon_file_has_its_licence_recorded():
    licences = file("LICENSES.md").read_text(encoding="utf-8")
    for svg in file("icons/app.svg").parent.glob("*.svg"):
        assert svg.stem in licences, svg.name
