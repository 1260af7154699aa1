"""`tracker import-report FIL [--dry-run] [--json] [--yes]`: propose a report's
recommendations and metadata, and store them only when confirmed with --yes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.dates import iso
from ..core.store import Store
from . import command_store, print_json

if TYPE_CHECKING:
    from ..core.reports.proposal import Proposal

_FIELDS = (
    ("title", "Titel"), ("organisation", "Organisation"), ("report_date", "Rapportdatum"),
    ("audit_year", "Revisionsår"), ("author", "Författare"), ("reply_deadline", "Svar senast"),
)  # fmt: skip


def add_commands(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser(
        "import-report", help="läs in en granskningsrapport (PDF, Word, text) och föreslå rekommendationer"
    )
    imp.add_argument("file", type=Path, metavar="FIL")
    imp.add_argument("--dry-run", action="store_true", help="visa förslaget, spara inget")
    imp.add_argument("--json", action="store_true", help="skriv ut förslaget som JSON")
    imp.add_argument("--yes", action="store_true", help="spara förslaget som det är")
    imp.set_defaults(func=run_import_report)


def _print_proposal(proposal: Proposal, new_bodies: list[str]) -> None:
    for warning in proposal.warnings:
        print(f"Obs! {warning}")
    for name, label in _FIELDS:
        value = getattr(proposal, name) or (proposal.report_month if name == "report_date" else None)
        print(f"{label + ':':<14} {iso(value) if hasattr(value, 'isoformat') else value or '–'}")
    if not proposal.recommendations:
        print("Inga rekommendationer hittades i texten. Öppna rapporten i fönstret och markera dem där.")
        return
    print(f"Rekommendationer ({len(proposal.recommendations)}):")
    for number, rec in enumerate(proposal.recommendations, 1):
        print(f"{number:>3}. {rec.text}")
        check = " (ej angiven i texten – kontrollera)" if rec.check_bodies and rec.bodies else ""
        print(f"     Ansvarig: {', '.join(rec.bodies) or '–'}{check}")
    if new_bodies:
        print("Nya nämnder: " + ", ".join(new_bodies))


def run_import_report(args: argparse.Namespace) -> int:
    with command_store(args, create=True, writes=not args.dry_run) as store:
        return _import(store, args)


def _import(store: Store, args: argparse.Namespace) -> int:
    # The report reader (PDFium, python-docx) is loaded by this command alone.
    from ..core.register import body_index
    from ..core.reports.proposal import propose_file, save_proposal

    proposal = propose_file(args.file, body_index(store))
    if args.json:
        print_json(proposal.as_json())
    else:
        _print_proposal(proposal, proposal.new_bodies(body_index(store)))
    if args.dry_run:
        return 0
    if not args.yes:
        # The proposal is a guess the user should read first; saving needs an explicit --yes.
        print("Inget har sparats. Kontrollera förslaget och lägg till --yes för att spara det.", file=sys.stderr)
        return 1
    report_id, _ = save_proposal(store, proposal)
    if not args.json:
        print(f"Sparat: granskning ”{proposal.title}” med {len(proposal.recommendations)} rekommendationer.")
    return 0
