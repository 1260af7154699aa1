"""What Windows and its shares do differently, tested here by simulation: paths on a
mapped drive or a UNC share, files that cannot be removed while open, processes of
other users, output that is not UTF-8."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from tracker.core import lock, opening
from tracker.core.backups import make_backup
from tracker.core.demo import fill_demo
from tracker.core.errors import UserError
from tracker.core.lock import LockInfo
from tracker.core.opening import open_store
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


class _Kernel32:
    """OpenProcess and friends as Windows answers them, for one process."""

    def __init__(self, handle: int, exit_code: int = 259) -> None:
        self.handle, self.exit_code, self.closed = handle, exit_code, []

    def OpenProcess(self, access, inherit, pid):  # noqa: N802 - the Windows name
        return self.handle

    def GetExitCodeProcess(self, handle, code_ref):  # noqa: N802
        code_ref._obj.value = self.exit_code
        return 1

    def CloseHandle(self, handle):  # noqa: N802
        self.closed.append(handle)
        return 1


ACCESS_DENIED, INVALID_PARAMETER = 5, 87


def test_another_users_process_that_cannot_be_opened_counts_as_alive():
    assert lock._windows_pid_alive(4242, _Kernel32(handle=0), lambda: ACCESS_DENIED)


def test_a_process_id_that_does_not_exist_counts_as_ended():
    assert not lock._windows_pid_alive(4242, _Kernel32(handle=0), lambda: INVALID_PARAMETER)


def test_an_opened_process_is_alive_until_it_has_an_exit_code_and_its_handle_is_closed():
    running, ended = _Kernel32(handle=77), _Kernel32(handle=78, exit_code=0)
    assert lock._windows_pid_alive(4242, running, lambda: 0)
    assert not lock._windows_pid_alive(4242, ended, lambda: 0)
    assert running.closed == [77] and ended.closed == [78]


def test_another_users_lock_on_this_host_is_not_taken_over_even_if_its_process_is_gone():
    host = lock._host()
    gone = 2**22 + 4321
    assert lock.is_stale(LockInfo(lock.current_user(), host, gone, ""))
    assert not lock.is_stale(LockInfo("kollega", host, gone, ""))  # a terminal server: one host, many users


def test_without_a_user_name_the_user_is_unknown_not_an_error(monkeypatch):
    def no_pwd():
        raise ImportError("No module named 'pwd'")  # getpass on Windows without USERNAME

    monkeypatch.setattr(lock.getpass, "getuser", no_pwd)
    assert lock.current_user() == "okänd"


class _HeldOpen:
    """unlink refused `times` times with PermissionError, as Windows refuses a file another
    program has open (a colleague's program reading the lock, antivirus, the indexer)."""

    def __init__(self, monkeypatch, times: int) -> None:
        self.left, self.calls = times, 0
        unlink = Path.unlink

        def refusing(path, missing_ok=False):
            if path.name.endswith(".lock"):
                self.calls += 1
                if self.left:
                    self.left -= 1
                    raise PermissionError(13, "The process cannot access the file")
            return unlink(path, missing_ok=missing_ok)

        monkeypatch.setattr(Path, "unlink", refusing)
        monkeypatch.setattr(lock, "_REMOVE_PAUSE_S", 0.001)


def test_releasing_retries_while_another_program_has_the_lock_open(db_path, monkeypatch):
    store = open_store(db_path)
    held = _HeldOpen(monkeypatch, times=3)
    store.close()
    assert held.calls == 4
    assert not lock.lock_path(db_path).exists()


def test_a_lock_that_stays_open_elsewhere_is_left_and_taken_over_next_time(db_path, monkeypatch):
    store = open_store(db_path)
    held = _HeldOpen(monkeypatch, times=1000)
    store.close()  # no traceback: the lock stays
    assert lock.lock_path(db_path).exists()
    held.left = 0
    monkeypatch.setattr(lock, "pid_alive", lambda pid: False)  # our program has ended by then
    again = open_store(db_path)
    assert not again.read_only and "kvarlämnat lås" in again.notice
    again.close()


def test_breaking_a_lock_held_open_elsewhere_says_so_in_swedish(db_path, monkeypatch):
    lock.lock_path(db_path).write_text(
        json.dumps({"user": "anna", "host": "DATOR-12", "pid": 1, "started": "2026-11-25T09:14:00"}), encoding="utf-8"
    )
    _HeldOpen(monkeypatch, times=1000)
    with pytest.raises(UserError, match="öppen i ett annat program"):
        lock.break_lock(db_path)
    assert lock.lock_path(db_path).exists()


def test_a_stale_lock_held_open_elsewhere_makes_the_register_read_only_with_the_reason(db_path, monkeypatch):
    open_store(db_path).close()
    lock.lock_path(db_path).write_text(
        json.dumps({"user": lock.current_user(), "host": lock._host(), "pid": 2**22 + 4321, "started": "x"}),
        encoding="utf-8",
    )
    _HeldOpen(monkeypatch, times=1000)
    store = open_store(db_path)
    assert store.read_only and "öppet i ett annat program" in store.read_only_reason
    store.close()


def _register_path_of_length(base: Path, length: int) -> Path:
    name = "register.sqlite"
    folder = base / ("m" * (length - len(str(base)) - len(name) - 2))
    path = folder / name
    assert len(str(path)) == length
    return path


def test_a_register_whose_backups_would_pass_windows_path_limit_is_refused_before_anything_is_made(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(opening, "_PATH_LIMIT", 259)
    path = _register_path_of_length(tmp_path, 200)
    with pytest.raises(UserError, match="för lång för Windows") as info:
        open_store(path)
    assert "259" in info.value.message
    assert not path.parent.exists()


def test_at_the_longest_allowed_path_every_backup_stays_within_the_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(opening, "_PATH_LIMIT", 259)
    path = _register_path_of_length(tmp_path / "a", 200)
    with pytest.raises(UserError, match="högst") as info:
        open_store(path)
    allowed = int(info.value.message.split("högst ")[1].split(" ")[0])
    with pytest.raises(UserError):
        open_store(_register_path_of_length(tmp_path / "b", allowed + 1))
    path = _register_path_of_length(tmp_path, allowed)
    store = open_store(path)
    fill_demo(store, dt.date(2026, 11, 25))
    copy = make_backup(store, "före sammanslagning av nämnder och mycket annat")
    store.close()
    assert len(str(copy)) <= 259
    assert all(len(str(p)) <= 259 for p in tmp_path.rglob("*"))
