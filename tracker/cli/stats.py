"""`tracker stats`: follow-up statistics per audit year and body, as text or JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..core.model import STATUSES
from ..core.rules import today
from . import command_store, print_json

if TYPE_CHECKING:
    from ..core.stats import Figures


def add_commands(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("stats", help="uppföljningsstatistik per revisionsår och nämnd")
    cmd.add_argument("--body", action="append", default=[], metavar="NÄMND", help="endast denna nämnd (kan upprepas)")
    cmd.add_argument("--year", type=int, metavar="ÅR", help="endast detta revisionsår")
    cmd.add_argument("--json", action="store_true", help="skriv ut som JSON, ett objekt per (år, nämnd)")
    cmd.set_defaults(func=run_stats)


def _line(label: str, fig: Figures) -> str:
    from ..core.stats import percent

    counts = "  ".join(f"{fig.counts[s]:>4}" for s in STATUSES)
    median = f"{fig.median_days_to_done:.0f}" if fig.median_days_to_done is not None else "–"
    return (
        f"{label:<40} {fig.total:>5}  {counts}  {percent(fig.done_within_1y, fig.total):>6}"
        f" {percent(fig.done_within_2y, fig.total):>6} {median:>7}"
        f"  {fig.replies_on_time:>4} {fig.replies_late:>4} {fig.replies_missing:>4}"
    )


def run_stats(args: argparse.Namespace) -> int:
    from ..core.register import find_body
    from ..core.stats import compute

    with command_store(args) as store:
        body_ids = tuple(find_body(store, name).id for name in args.body)
        stats = compute(store, today(), body_ids=body_ids, year=args.year)
    if args.json:
        print_json([fig.as_json() for fig in stats.groups])
        return 0
    heads = "  ".join(f"{s[:4]:>4}" for s in STATUSES)
    print(f"Uppföljningsstatistik per {stats.today.isoformat()}")
    print(f"{'År / nämnd':<40} {'Antal':>5}  {heads}  {'≤1 år':>6} {'≤2 år':>6} {'Median':>7}  "
          f"{'I tid':>4} {'Sent':>4} {'Saknas':>4}")  # fmt: skip
    print(f"{'':<40} {'':>5}  {'':{len(heads)}}  {'åtgärdade':>13} {'dagar':>7}  {'svar':>4}")
    for year in stats.years:
        print(_line(f"{year.year or 'Utan år'}", year))
        for fig in (g for g in stats.groups if g.year == year.year):
            print(_line(f"  {fig.body}", fig))
    print(_line("Hela registret" if not body_ids and args.year is None else "Hela urvalet", stats.total))
    if stats.oldest_open:
        print("\nÄldsta öppna rekommendationer:")
        for item in stats.oldest_open:
            age = f"{item.age_days} dagar" if item.age_days is not None else "okänd ålder"
            print(
                f"  {item.report} ({item.year or '–'}) nr {item.number}, {', '.join(item.bodies)}: {item.status}, {age}"
            )
    return 0
