"""The command line's parser: each command built alone (so a start imports only its own
module) parses as it does among all the others."""

from __future__ import annotations

import argparse

import pytest

from tracker.cli import COMMANDS, _command_word, build_parser, main


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def test_every_command_is_listed_with_the_module_that_adds_it_in_the_helps_order():
    assert _commands(build_parser()) == list(COMMANDS)
    for command, module in COMMANDS.items():
        alone = _commands(build_parser(command))
        assert command in alone
        assert set(alone) == {c for c, m in COMMANDS.items() if m == module}


def test_a_command_alone_parses_its_arguments_as_among_all():
    argv = ["--db", "r.sqlite", "list", "--body", "KS", "--overdue", "--json"]
    assert vars(build_parser("list").parse_args(argv)) == vars(build_parser().parse_args(argv))


def test_the_command_word_is_found_past_the_register_option():
    assert _command_word(["--db", "list", "stats", "--json"]) == "stats"  # a register named "list"
    assert _command_word(["--db=list", "print", "ut.pdf"]) == "print"
    assert _command_word(["--version"]) is None
    assert _command_word([]) is None


def test_a_mistyped_command_is_told_every_choice_in_swedish(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["lista"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "ogiltigt val" in err and "'list'" in err and "'stats'" in err
