"""`tracker [--db PATH] [COMMAND]`: with no command the window opens; every command
calls the same core as the window and never imports Qt."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import APP_NAME, __version__
from ..core.errors import UserError
from ..core.opening import open_store
from ..core.store import Store, default_path

# Each command and the module that adds it (add_commands(subparsers)), in the order of the
# help. A start builds the parser of its own command only, and each module imports the core
# its commands use inside those commands: `tracker list` pays only for listing. The help,
# the window and a mistyped command build them all.
COMMANDS = {
    "demo": "register_cmds", "list": "register_cmds",
    "backups": "safety", "backup": "safety", "restore": "safety", "check": "safety", "unlock": "safety",
    "import-register": "registers", "export-register": "registers",
    "export-replies": "replies", "import-replies": "replies",
    "reminders": "reminders", "send-reminders": "reminders",
    "settings": "settings",
    "print": "printing",
    "import-report": "reports",
    "stats": "stats",
    "install-launcher": "launcher", "uninstall-launcher": "launcher",
}  # fmt: skip

_ARGPARSE_SV = {
    "the following arguments are required: %s": "dessa argument krävs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "expected one argument": "ett värde krävs",
    "usage: ": "användning: ",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "positional arguments": "argument",
    "options": "flaggor",
}


def _swedish_argparse() -> None:
    """argparse speaks English through gettext; give it the few Swedish phrases users meet."""
    argparse._ = lambda text: _ARGPARSE_SV.get(text, text)  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors: exit 2, Swedish
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {message}\n")


def _command_word(argv: list[str]) -> str | None:
    """The command argv names, read before the parser that knows its arguments is built."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(command: str | None = None) -> Parser:
    """The parser with every command, or with only `command`'s module when it is one."""
    _swedish_argparse()
    parser = Parser(
        prog="tracker",
        description="Revisionsuppföljning: håll ordning på revisionens rekommendationer.",
    )
    parser.add_argument(
        "--db",
        type=Path,
        help="registerfil (standard: TRACKER_DB eller register.sqlite i din datamapp)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}", help="visa versionen")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=Parser)
    modules = [COMMANDS[command]] if command in COMMANDS else dict.fromkeys(COMMANDS.values())
    for name in modules:
        importlib.import_module(f"{__name__}.{name}").add_commands(sub)
    return parser


@contextmanager
def command_store(args: argparse.Namespace, *, create: bool = False, writes: bool = False) -> Iterator[Store]:
    """The register a command works on, closed (and its lock released) when the command is done.
    A command that `writes` is refused at once on a register it cannot write, before it reads
    a plan or makes a backup (which would thin a shared backup folder it may not change).
    One that does not opens as a reader, without the lock: a script listing the register
    never keeps the office from changing it."""
    store = open_store(args.db or default_path(), create=create, reading=not writes)
    if store.damaged:
        store.close()
        # What a damaged file still shows may be partial: no command works on it.
        raise UserError(f"Registret kan inte användas: {store.read_only_reason}.", file=store.path)
    if writes and store.read_only:
        store.close()
        raise UserError(f"Registret kan inte ändras: {store.read_only_reason}. Inget har ändrats.", file=store.path)
    if store.notice:
        print(f"Obs: {store.notice}", file=sys.stderr)
    try:
        yield store
    finally:
        store.close()


def print_json(value: object) -> None:
    """--json output: readable, with åäö as they are."""
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _utf8_output() -> None:
    """Redirected output on Windows is in the ANSI code page (cp1252), where a name outside
    it cannot be written: lists and JSON are UTF-8 wherever they go."""
    for stream in (sys.stdout, sys.stderr):
        if (stream.encoding or "").replace("-", "").lower() != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(_command_word(argv)).parse_args(argv)
    if args.command is None:
        from ..gui.app import run_gui

        return run_gui(args.db)
    try:
        result = args.func(args) or 0
        sys.stdout.flush()  # a reader gone away is met here, not at exit
        return result
    except BrokenPipeError:
        # `tracker list | head`: the reader has what it wanted. Output to nowhere from
        # here on, so the interpreter's last flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except UserError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        # A file gone bad under a command that had opened it whole.
        print(
            f"Fel: registerfilen gick inte att läsa eller skriva ({exc}); inget har ändrats. Kontrollera den med "
            "`tracker check`, och återställ vid behov en säkerhetskopia (`tracker backups`, `tracker restore NUMMER`).",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("Avbrutet; inget har ändrats.", file=sys.stderr)
        return 1
