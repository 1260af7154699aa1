"""What Windows and its shares do differently, tested here by simulation: paths on a
mapped drive or a UNC share, files that cannot be removed while open, processes of
other users, output that is not UTF-8."""

from __future__ import annotations

import sqlite3
from pathlib import PurePosixPath, PureWindowsPath

from tracker.core.store import connect, read_only_uri


def test_a_mapped_drive_path_becomes_a_uri_without_authority():
    uri = read_only_uri(PureWindowsPath(r"Z:\Revision\Uppföljning 2026\register.sqlite"))
    assert uri == "file:///Z:/Revision/Uppf%C3%B6ljning%202026/register.sqlite?mode=ro"


def test_a_unc_path_gets_an_empty_authority_instead_of_the_server():
    uri = read_only_uri(PureWindowsPath(r"\\server\revision\register.sqlite"))
    assert uri == "file:////server/revision/register.sqlite?mode=ro"


def test_characters_that_mean_something_in_a_uri_are_escaped():
    uri = read_only_uri(PurePosixPath("/data/nr #3? 100%/register.sqlite"))
    assert uri == "file:///data/nr%20%233%3F%20100%25/register.sqlite?mode=ro"


def test_a_register_in_a_folder_named_with_such_characters_opens_read_only(tmp_path):
    folder = tmp_path / "nr #3? 100%"
    folder.mkdir()
    path = folder / "register.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    reader = connect(path, read_only=True)
    assert reader.execute("SELECT x FROM t").fetchall() == [(1,)]
    reader.close()
