"""`backups`, `backup`, `restore`, `check`, `unlock`: the register's safety from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.backups import Backup, list_backups, make_backup
from ..core.errors import UserError
from ..core.integrity import check_register
from ..core.lock import break_lock, read_holder
from ..core.opening import open_store, restore
from ..core.store import default_path


def add_commands(sub: argparse._SubParsersAction) -> None:
    lst = sub.add_parser("backups", help="lista registrets säkerhetskopior, nyast först")
    lst.set_defaults(func=run_backups)

    backup = sub.add_parser("backup", help="gör en säkerhetskopia nu")
    backup.add_argument("--reason", default="manuell", metavar="ORSAK", help="ord i filnamnet (standard: manuell)")
    backup.set_defaults(func=run_backup)

    restore = sub.add_parser("restore", help="återställ registret från en säkerhetskopia")
    restore.add_argument("backup", metavar="KOPIA", help="numret i listan från `backups` (1 = nyast) eller en sökväg")
    restore.add_argument("--yes", action="store_true", help="fråga inte först")
    restore.set_defaults(func=run_restore)

    check = sub.add_parser("check", help="kontrollera att registerfilen är hel (integrity_check)")
    check.set_defaults(func=run_check)

    unlock = sub.add_parser("unlock", help="ta bort någon annans lås när du vet att den inte har registret öppet")
    unlock.add_argument("--yes", action="store_true", help="fråga inte först")
    unlock.set_defaults(func=run_unlock)


def _db(args: argparse.Namespace) -> Path:
    return Path(args.db or default_path())


def _size(n: int) -> str:
    return f"{n / 1024:.0f} kB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


def _describe(backup: Backup) -> str:
    if not backup.readable:
        return "kan inte läsas"
    return f"{backup.reports} granskningar, {backup.recommendations} rekommendationer"


def run_backups(args: argparse.Namespace) -> int:
    backups = list_backups(_db(args))
    if not backups:
        print("Det finns inga säkerhetskopior av registret ännu.")
        return 0
    for n, b in enumerate(backups, start=1):
        print(f"{n:>3}  {b.made:%Y-%m-%d %H:%M}  {b.reason:<22}  {_describe(b):<45}  {_size(b.size):>8}  {b.path.name}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    store = open_store(_db(args), create=False, read_only=True)
    try:
        path = make_backup(store, args.reason)
    finally:
        store.close()
    print(f"Säkerhetskopian är gjord: {path}")
    return 0


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UserError(f"{question} Lägg till --yes för att bekräfta.")
    return input(f"{question} Skriv ja för att fortsätta: ").strip().lower() in ("ja", "j")


def _chosen_backup(args: argparse.Namespace) -> Path:
    if args.backup.isdigit():
        backups = list_backups(_db(args), with_counts=False)
        n = int(args.backup)
        if not 1 <= n <= len(backups):
            raise UserError(f"Det finns ingen säkerhetskopia nummer {n}; `tracker backups` visar {len(backups)}.")
        return backups[n - 1].path
    return Path(args.backup)


def run_restore(args: argparse.Namespace) -> int:
    backup = _chosen_backup(args)
    if not _confirm(f"Registret ersätts med innehållet i {backup.name}; det nuvarande sparas först.", args.yes):
        print("Avbrutet; inget har ändrats.")
        return 1
    before = restore(_db(args), backup)
    open_store(_db(args), create=False).close()  # an older copy is migrated now, not at the next start
    print(f"Registret är återställt från {backup.name}. Det som fanns före sparades i {before.name}.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    store = open_store(_db(args), create=False, read_only=True)
    try:
        result = check_register(store)
    finally:
        store.close()
    print(result.summary())
    if not result.ok:
        print(
            "Återställ en säkerhetskopia: `tracker backups` visar dem, `tracker restore NUMMER` återställer "
            "(1 = den senaste); i fönstret Arkiv → Återställ säkerhetskopia…"
        )
        return 1
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    db = _db(args)
    holder = read_holder(db)
    if holder is None:
        print("Registret är inte låst.")
        return 0
    question = (
        f"Registret är låst av {holder.describe()}. Ta bara bort låset om du vet att programmet där är stängt; "
        "annars kan två personer ändra samtidigt."
    )
    if not _confirm(question, args.yes):
        print("Avbrutet; låset är kvar.")
        return 1
    break_lock(db)
    print(f"Låset från {holder.describe()} är borttaget.")
    return 0
