"""`demo` and `list`: fill an empty register, list recommendations."""

from __future__ import annotations

import argparse

from ..core.errors import UserError
from ..core.model import STATUSES, RecommendationRow, map_status
from ..core.queries import query
from ..core.rules import Filter, today
from ..core.store import Store
from . import command_store, print_json


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The filters of `list`, shared by every command that selects recommendations."""
    parser.add_argument(
        "--body",
        action="append",
        default=[],
        metavar="NÄMND",
        help="ansvarig nämnd: namn, förkortning eller annan stavning (kan upprepas)",
    )
    parser.add_argument("--year", type=int, metavar="ÅR", help="revisionsår")
    parser.add_argument(
        "--status", action="append", default=[], metavar="STATUS", help="status, t.ex. Pågående (kan upprepas)"
    )
    parser.add_argument("--overdue", action="store_true", help="endast försenade svar eller åtgärder")
    parser.add_argument("--reminded", action="store_true", help="endast påminda men inte besvarade")


def filter_from_args(store: Store, args: argparse.Namespace) -> Filter:
    body_ids: tuple[int, ...] = ()
    if args.body:
        from ..core.register import find_body  # with the register's writing half: only when asked

        body_ids = tuple(find_body(store, name).id for name in args.body)
    statuses = []
    for word in args.status:
        status = map_status(word)
        if status is None:
            raise UserError(f"Okänd status ”{word}”. Välj en av: {', '.join(STATUSES)}.")
        statuses.append(status)
    return Filter(
        body_ids=body_ids,
        year=args.year,
        statuses=tuple(statuses),
        overdue_only=args.overdue,
        reminded_unanswered=args.reminded,
    )


def add_commands(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="fyll ett tomt register med ett exempelregister")
    demo.set_defaults(func=run_demo)

    lst = sub.add_parser("list", help="lista rekommendationer")
    add_filter_arguments(lst)
    lst.add_argument("--json", action="store_true", help="skriv ut som JSON")
    lst.set_defaults(func=run_list)


def run_demo(args: argparse.Namespace) -> int:
    from ..core.demo import fill_demo

    with command_store(args, create=True, writes=True) as store:
        n = fill_demo(store, today())
    print(f"Exempelregistret är ifyllt: {n} rekommendationer i {store.path}.")
    return 0


def row_json(row: RecommendationRow) -> dict:
    def d(value):
        return value.isoformat() if value else None

    return {
        "id": row.id,
        "report": row.report,
        "year": row.year,
        "number": row.number,
        "label": row.number_label,
        "text": row.text,
        "bodies": row.bodies,
        "reply_deadline": d(row.reply_deadline),
        "reply_state": row.reply_state,
        "status": row.status,
        "due": d(row.due),
        "overdue_reply": row.reply_overdue,
        "overdue_action": row.action_overdue,
        "replies": [
            {"body": r.body, "text": r.text, "action": r.action, "due": d(r.due), "date": d(r.date)}
            for r in row.replies
        ],
        # Each body answers for its own part: one body's reply says nothing about another's.
        "body_states": [
            {
                "body": s.body,
                "body_id": s.body_id,
                "deadline": d(s.deadline),
                "received": s.received,
                "reply_date": d(s.reply_date),
                "state": s.state,
                "late": s.late,
            }
            for s in row.body_states
        ],
    }


def run_list(args: argparse.Namespace) -> int:
    with command_store(args) as store:
        rows = query(store, today(), filter_from_args(store, args))
    if args.json:
        print_json([row_json(r) for r in rows])
        return 0
    for r in rows:
        mark = "!" if r.overdue else " "
        print(
            f"{mark} {r.id:>5}  {r.year or '':<4}  {r.report[:40]:<40}  {r.number_label:>4}  "
            f"{', '.join(r.body_short):<12}  {r.reply_state:<14}  {r.status}"
        )
    print(f"{len(rows)} rekommendationer.")
    return 0
