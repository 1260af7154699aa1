"""`tracker print OUT.pdf` or `OUT.docx`: the status list as a PDF or a Word file, without a window."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.errors import UserError
from ..core.rules import today
from . import command_store
from .register_cmds import add_filter_arguments, filter_from_args


def add_commands(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("print", help="skriv statuslistan till en PDF- eller Word-fil (efter filändelsen)")
    cmd.add_argument("out", type=Path, metavar="UT.pdf|UT.docx")
    add_filter_arguments(cmd)
    cmd.add_argument("--landscape", action="store_true", help="liggande sidor")
    cmd.add_argument("--per-body-pages", action="store_true", help="varje nämnd börjar på en ny sida")
    cmd.set_defaults(func=run_print)


def run_print(args: argparse.Namespace) -> int:
    from ..core.statuslist import build_status_list

    with command_store(args) as store:
        status_list = build_status_list(store, today(), filter_from_args(store, args))
    count = len(status_list.recommendation_ids)
    suffix = args.out.suffix.lower()
    if suffix == ".docx":
        from ..gui.statuslist_docx import save_docx  # Qt (for the charts) only for this command, and only now

        save_docx(status_list, args.out, landscape=args.landscape)
        print(f"{args.out}: {count} rekommendationer ({status_list.selection}).")
        return 0
    if suffix != ".pdf":
        raise UserError(
            f"Filen ska sluta på .pdf eller .docx, inte ”{args.out.suffix or args.out.name}”.", file=args.out
        )
    from ..gui.statuslist_render import save_pdf  # Qt only for this command, and only now

    pages = save_pdf(status_list, args.out, landscape=args.landscape, one_body_per_page=args.per_body_pages)
    print(
        f"{args.out}: {pages} {'sida' if pages == 1 else 'sidor'}, {count} rekommendationer ({status_list.selection})."
    )
    return 0
