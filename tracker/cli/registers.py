"""`import-register` and `export-register`: the office's own Excel registers in and out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import UserError
from ..core.queries import query
from ..core.rules import today
from ..core.store import Store
from . import command_store, print_json
from .register_cmds import add_filter_arguments, filter_from_args

if TYPE_CHECKING:
    from ..core.excel.register_plan import ImportPlan
    from ..core.layouts import Layout

# What a command needs is imported by that command: openpyxl takes a quarter of a second
# to import, which every other command (`tracker list`) would pay too.

_COUNT_LABELS = {
    "granskningar_nya": "nya granskningar",
    "granskningar_ändrade": "ändrade granskningar",
    "rekommendationer_nya": "nya rekommendationer",
    "rekommendationer_ändrade": "ändrade rekommendationer",
    "nämnder_nya": "nya nämnder",
    "svar_nya": "nya svar",
    "svar_ändrade": "ändrade svar",
    "uppföljningar_nya": "nya uppföljningar",
}


def add_commands(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser("import-register", help="läs in kontorets eget register från Excel")
    imp.add_argument("file", type=Path, metavar="FIL")
    imp.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, skriv inget")
    imp.add_argument("--json", action="store_true", help="skriv ut planen som JSON")
    imp.add_argument("--yes", action="store_true", help="fråga inte först")
    imp.add_argument("--layout", metavar="NAMN", help="spara (eller använd) layouten under detta namn")
    imp.set_defaults(func=run_import)

    exp = sub.add_parser("export-register", help="skriv registret till Excel, i en sparad layout eller enkelt")
    exp.add_argument("file", type=Path, metavar="FIL")
    exp.add_argument("--layout", metavar="NAMN", help="sparad layout, eller ”enkel” för alla fält")
    add_filter_arguments(exp)
    exp.set_defaults(func=run_export)


def _chosen_layout(store: Store, name: str | None) -> Layout | None:
    from ..core.layouts import get_layout, last_used_layout, list_layouts

    if name is None:
        return last_used_layout(store)
    if name.casefold() == "enkel":
        return None
    if layout := get_layout(store, name):
        return layout
    known = ", ".join(layout.name for layout in list_layouts(store)) or "inga ännu"
    raise UserError(f"Ingen layout heter ”{name}”. Sparade layouter: {known}.")


def _print_plan(plan: ImportPlan) -> None:
    from ..core.excel.headings import FIELD_LABELS

    for sheet in plan.sheets:
        print(f"Flik ”{sheet.name}”, rubriker på rad {sheet.header_row}:")
        for heading, field in sheet.mapping.items():
            print(f"  {heading:<30} → {FIELD_LABELS.get(field, '(används inte)')}")
    for key, label in _COUNT_LABELS.items():
        if plan.counts.get(key):
            print(f"{plan.counts[key]:>6} {label}")
    if plan.new_bodies:
        print("Nya nämnder: " + ", ".join(plan.new_bodies))
    for word, where in plan.unknown_statuses.items():
        print(f"Okänt statusord ”{word}” ({len(where)} rader, t.ex. {where[0]}); sparas utan status.")
    for warning in plan.warnings:
        print(f"Varning: {warning}")


def _confirm(yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UserError("Inläsningen ändrar registret. Lägg till --yes för att bekräfta.")
    return input("Läs in? Skriv ja för att fortsätta: ").strip().lower() in ("ja", "j")


def run_import(args: argparse.Namespace) -> int:
    # An office starting with the program brings its register into a new file.
    with command_store(args, create=True, writes=not args.dry_run) as store:
        return _import(store, args)


def _import(store: Store, args: argparse.Namespace) -> int:
    from ..core.excel.register_apply import apply_plan
    from ..core.excel.register_import import read_register
    from ..core.excel.register_plan import plan_json
    from ..core.layouts import get_layout

    status_map = {}
    if args.layout and (layout := get_layout(store, args.layout)):
        status_map = layout.status_map
    plan = read_register(store, args.file, status_map=status_map)
    if args.json:
        print_json(plan_json(plan))
    else:
        _print_plan(plan)
    if args.dry_run:
        return 0
    if not _confirm(args.yes):
        print("Inget har ändrats.")
        return 0
    counts = apply_plan(store, plan, layout_name=args.layout, today=today())
    if not args.json:
        print("Inläst: " + (", ".join(f"{n} {_COUNT_LABELS[k]}" for k, n in counts.items() if n) or "inga ändringar"))
    return 0


def run_export(args: argparse.Namespace) -> int:
    with command_store(args) as store:
        return _export(store, args)


def _export(store: Store, args: argparse.Namespace) -> int:
    from ..core.excel.register_export import export_register

    layout = _chosen_layout(store, args.layout)
    ids = [row.id for row in query(store, today(), filter_from_args(store, args))]
    count = export_register(store, args.file, layout=layout, ids=ids, today=today())
    print(
        f"{count} rekommendationer skrivna till {args.file} ({f'layout {layout.name}' if layout else 'enkel layout'})."
    )
    return 0
