"""`export-replies` and `import-replies`: reply sheets out to the committees and back."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.dates import parse_date
from ..core.errors import UserError
from ..core.rules import today
from ..core.store import Store
from . import command_store, print_json

if TYPE_CHECKING:
    from ..core.excel.reply_import import ReplyPlan
    from ..core.sendouts import SentSheet


def add_commands(sub: argparse._SubParsersAction) -> None:
    exp = sub.add_parser("export-replies", help="skriv en svarsmall per nämnd till en mapp")
    exp.add_argument("folder", type=Path, metavar="MAPP")
    exp.add_argument("--body", action="append", metavar="NÄMND", help="bara denna nämnd (kan upprepas)")
    exp.add_argument("--all-open", action="store_true", help="alla ej åtgärdade, även de som redan har svar")
    exp.add_argument("--mail", action="store_true", help="skriv också ett e-postutkast (.eml) per nämnd")
    add_send_arguments(exp)
    exp.set_defaults(func=run_export)

    imp = sub.add_parser("import-replies", help="läs in en ifylld svarsmall")
    imp.add_argument("file", type=Path, metavar="FIL")
    imp.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, skriv inget")
    imp.add_argument("--json", action="store_true", help="skriv ut resultatet som JSON")
    imp.add_argument("--yes", action="store_true", help="läs in utan att fråga; vid krock gäller mallens värde")
    imp.set_defaults(func=run_import)


def add_send_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deadline", metavar="DATUM", help="”Svar senast” på mallarna (standard: radernas senaste "
                        "svarsdatum, eller i dag + svarstiden i inställningarna)")  # fmt: skip


def send_options(store: Store, args: argparse.Namespace) -> tuple[list[int] | None, dt.date | None]:
    """The chosen bodies and the "Svar senast" asked for."""
    from ..core.register import find_body

    body_ids = [find_body(store, name).id for name in args.body] if args.body else None
    deadline = None
    if args.deadline:
        try:
            deadline = parse_date(args.deadline)
        except ValueError as exc:
            raise UserError(f"--deadline: {exc}.") from exc
        if deadline is None or deadline < today():
            raise UserError(f"--deadline: ”{args.deadline}” har redan passerat; välj ett datum från och med i dag.")
    return body_ids, deadline


def print_sent(sent: list[SentSheet], nothing: str) -> None:
    for sheet in sent:
        print("\n".join(sheet.receipt()))
    if not sent:
        print(nothing)


def run_export(args: argparse.Namespace) -> int:
    from ..core.sendouts import send_reply_sheets  # openpyxl: only when sending

    with command_store(args, writes=True) as store:
        body_ids, deadline = send_options(store, args)
        sent = send_reply_sheets(store, args.folder, today(), body_ids, args.all_open, deadline=deadline,
                                 drafts=args.mail)  # fmt: skip
    print_sent(sent, "Inga rekommendationer väntar på svar från de valda nämnderna; inga filer skrevs.")
    return 0


def _print_plan(plan: ReplyPlan) -> None:
    from ..core.excel.reply_import import FIELD_NAMES

    print(f"{plan.path.name}, blad ”{plan.sheet}”: svar från {plan.body}")
    print(f"{len(plan.rows):>6} rader kopplade, {len(plan.changed)} med ändringar, {len(plan.unchanged)} oförändrade")
    for r in plan.changed:
        print(f"  Rad {r.row}: {r.report}, nr {r.number} (kopplad via {r.method})")
        for f, (old, new) in r.changes.items():
            print(f"      {FIELD_NAMES[f]}: {old or '–'} → {new}")
        for f, (old, new) in r.conflicts.items():
            print(f"      KROCK {FIELD_NAMES[f]}: registret ”{old}”, mallen ”{new}”")
    for row, reason, text in plan.unmatched:
        print(f"  Rad {row} kopplades inte: {reason} {text[:60]}")
    for row, body, text in plan.other_body:
        print(f"  Rad {row} gäller {body}, inte {plan.body}; läses inte. {text[:60]}")
    for warning in plan.warnings:
        print(f"Varning: {warning}")


def run_import(args: argparse.Namespace) -> int:
    from ..core.excel.reply_import import apply_replies, plan_json, read_replies

    with command_store(args, writes=not args.dry_run) as store:
        plan = read_replies(store, args.file, today())
        if args.json:
            print_json(plan_json(plan))
        else:
            _print_plan(plan)
        if args.dry_run:
            return 0
        if plan.conflicts and not args.yes:
            print("Krockar med svar som registrerats efter utskicket: inget har ändrats. "
                  "Avgör dem i programmet (Arkiv → Läs in svar…) eller kör med --yes så gäller mallens värden.",
                  file=sys.stderr)  # fmt: skip
            return 1
        changed = apply_replies(store, plan, sheet_wins=args.yes)
    if not args.json:
        print(f"Inläst: {changed} svar ändrade." if changed else "Inget att ändra; registret har redan dessa svar.")
    return 0
