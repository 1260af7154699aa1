"""The office's details live in the register file, with defaults, checks and history."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.core import settings
from tracker.core.errors import UserError
from tracker.core.opening import open_store
from tracker.core.statuslist import build_status_list


def test_defaults_until_set_and_the_value_travels_with_the_file(store, db_path):
    assert settings.office(store).name == "Revisionskontoret" and settings.reply_days(store) == 30
    assert settings.save(store, {"office_name": "Revisionskontoret i Exempelby", "reply_days": "21"}) == [
        "office_name", "reply_days",
    ]  # fmt: skip
    store.close()
    again = open_store(db_path)
    try:
        assert settings.office(again).name == "Revisionskontoret i Exempelby" and settings.reply_days(again) == 21
        assert build_status_list(again, dt.date(2026, 11, 25)).office == "Revisionskontoret i Exempelby"
    finally:
        again.close()


def test_a_change_writes_history_and_an_empty_value_goes_back_to_the_default(store):
    settings.save(store, {"office_phone": "010-123 45 67"})
    settings.save(store, {"office_phone": ""})
    assert settings.get(store, "office_phone") == ""
    logged = store.conn.execute(
        "SELECT table_name, field, old_value, new_value FROM history WHERE table_name = 'settings' ORDER BY id"
    ).fetchall()
    assert logged == [
        ("settings", "office_phone", None, "010-123 45 67"),
        ("settings", "office_phone", "010-123 45 67", None),
    ]
    assert settings.save(store, {"office_phone": ""}) == []  # nothing to change, nothing logged


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("office_email", "revision(at)exempelby.se", "E-post.*ingen giltig e-postadress"),
        ("reply_days", "trettio", "Svarstid i dagar.*inget antal dagar"),
        ("reminder_subject", "Påminnelse: $diarienummer", "Påminnelse, ämnesrad, rad 1: okänd platshållare"),
        ("sheet_body", "Kostar 5 $ styck", "Svarsmall, brevtext, rad 1: ett ensamt \\$-tecken"),
        ("office_name", "  ", "får inte vara tomt"),
        ("färg", "blå", "ingen inställning som heter ”färg”"),
    ],
)
def test_a_bad_value_names_the_setting_and_writes_nothing(store, key, value, message):
    with pytest.raises(UserError, match=message):
        settings.save(store, {"office_phone": "010-1", key: value})
    assert settings.get(store, "office_phone") == ""
