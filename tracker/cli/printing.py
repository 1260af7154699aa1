"""`tracker print OUT.pdf`: the status list as a PDF, without a window."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.rules import today
from ..core.statuslist import build_status_list
from . import command_store
from .register_cmds import add_filter_arguments, filter_from_args


def add_commands(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("print", help="skriv statuslistan till en PDF-fil")
    cmd.add_argument("out", type=Path, metavar="UT.pdf")
    add_filter_arguments(cmd)
    cmd.add_argument("--landscape", action="store_true", help="liggande sidor")
    cmd.add_argument("--per-body-pages", action="store_true", help="varje nämnd börjar på en ny sida")
    cmd.set_defaults(func=run_print)


def run_print(args: argparse.Namespace) -> int:
    with command_store(args) as store:
        status_list = build_status_list(store, today(), filter_from_args(store, args))
    from ..gui.statuslist_render import save_pdf  # Qt only for this command, and only now

    pages = save_pdf(status_list, args.out, landscape=args.landscape, one_body_per_page=args.per_body_pages)
    count = len(status_list.recommendation_ids)
    print(
        f"{args.out}: {pages} {'sida' if pages == 1 else 'sidor'}, {count} rekommendationer ({status_list.selection})."
    )
    return 0
