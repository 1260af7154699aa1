"""`reminders` and `send-reminders`: who to chase, and an e-mail draft with its reply
sheet per body to chase them with."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.rules import today
from . import command_store, print_json
from .replies import add_send_arguments, print_sent, send_options


def add_commands(sub: argparse._SubParsersAction) -> None:
    lst = sub.add_parser("reminders", help="försenade svar och åtgärder per nämnd, och svar som snart förfaller")
    lst.add_argument(
        "--days", type=int, metavar="N", help="även svar som förfaller inom N dagar (standard: inställningen, 14)"
    )
    lst.add_argument("--json", action="store_true", help="skriv ut som JSON")
    lst.set_defaults(func=run_reminders)

    send = sub.add_parser("send-reminders", help="skriv ett e-postutkast med svarsmall per nämnd att påminna")
    send.add_argument("folder", type=Path, metavar="MAPP")
    send.add_argument("--body", action="append", metavar="NÄMND", help="bara denna nämnd (kan upprepas)")
    send.add_argument("--days", type=int, metavar="N", help="även svar som förfaller inom N dagar")
    add_send_arguments(send)
    send.set_defaults(func=run_send)


def run_reminders(args: argparse.Namespace) -> int:
    from ..core.reminders import ANSWER, by_body, reminders

    with command_store(args) as store:
        found = reminders(store, today(), args.days)
    if args.json:
        print_json([r.as_json() for r in found])
        return 0
    if not found:
        print("Inga försenade svar eller åtgärder, och inga svar som snart förfaller.")
    for group in by_body(found).values():
        print(group[0].body)
        for r in group:
            what = "svar senast" if r.kind == ANSWER else "åtgärd klar senast"
            sent = f", senast påmind {r.last_sent}" if r.last_sent else ""
            print(f"  {r.report}, nr {r.number}: {what} {r.deadline} ({r.late_text}{sent})")
    return 0


def run_send(args: argparse.Namespace) -> int:
    from ..core.sendouts import send_reminders  # openpyxl: only when sending

    with command_store(args, writes=True) as store:
        body_ids, deadline = send_options(store, args)
        sent = send_reminders(store, args.folder, today(), body_ids, args.days, deadline=deadline)
    print_sent(sent, "Inga nämnder att påminna; inga filer skrevs.")
    return 0
