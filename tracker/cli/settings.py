"""`settings [KEY [VALUE]]`: the office's own details and choices, kept in the register."""

from __future__ import annotations

import argparse

from ..core import settings
from . import command_store, print_json


def add_commands(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser(
        "settings",
        help="visa eller ändra kontorets uppgifter (namn, kontaktperson, svarstid, e-postmallar)",
        description="Utan argument visas alla inställningar; med NYCKEL visas den; med NYCKEL VÄRDE ändras den "
        '(ett tomt VÄRDE, "", återställer standardvärdet). Nycklar: ' + ", ".join(settings.BY_KEY) + ".",
    )
    cmd.add_argument("key", nargs="?", metavar="NYCKEL")
    cmd.add_argument("value", nargs="?", metavar="VÄRDE")
    cmd.add_argument("--json", action="store_true", help="skriv ut som JSON")
    cmd.set_defaults(func=run_settings)


def run_settings(args: argparse.Namespace) -> int:
    with command_store(args, writes=args.value is not None) as store:
        if args.key is not None and args.value is not None:
            changed = settings.save(store, {args.key: args.value})
            print(f"{settings.BY_KEY[args.key].label}: " + ("ändrad." if changed else "oförändrad."))
            return 0
        if args.key is not None:
            value = settings.get(store, args.key)
            print_json({args.key: value}) if args.json else print(value)
            return 0
        values = settings.all_values(store)
    if args.json:
        print_json(values)
        return 0
    for s in settings.SETTINGS:
        value = values[s.key]
        shown = value.split("\n", 1)[0] + (" …" if "\n" in value.rstrip("\n") else "")
        print(f"{s.key:<18} {s.label}: {shown or '–'}")
    return 0
