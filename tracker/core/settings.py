"""The office's own details and choices, kept in the register file (they travel with it):
name, municipality, contact, default reply days, the reminder window and the e-mail
templates. Each setting is declared once, with its Swedish label, default and check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .changes import run_change
from .errors import UserError
from .store import Store


def _days(label: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value.isdigit() or not 0 <= int(value) <= 3650:
            raise UserError(f"{label}: ”{value}” är inget antal dagar; skriv ett heltal mellan 0 och 3650.")
        return str(int(value))

    return check


def _email(label: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        from .mail import check_addresses  # the email package only when a value is checked

        check_addresses(value, label)
        return value

    return check


def _template(label: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        from .mail import check_template

        check_template(value, label)
        return value

    return check


@dataclass(frozen=True)
class Setting:
    key: str
    label: str
    default: str
    check: Callable[[str], str] | None = None
    multiline: bool = False


# The signature of both letters; a line whose placeholder is empty is left out.
_SIGNATURE = """
Med vänlig hälsning
$kontaktperson
$kontor
$epost
$telefon
"""
DEFAULT_SHEET_SUBJECT = "Revisionens rekommendationer: nämndens svar senast $svar_senast"
DEFAULT_SHEET_BODY = (
    """Till $nämnd

Revisorerna önskar ta del av nämndens svar på $antal från revisionens granskningar:

$rekommendationer

Fyll i den bifogade svarsmallen och skicka tillbaka den till oss senast $svar_senast.
"""
    + _SIGNATURE
)
DEFAULT_REMINDER_SUBJECT = "Påminnelse: nämndens svar till revisionen senast $svar_senast"
DEFAULT_REMINDER_BODY = (
    """Till $nämnd

Enligt revisionens uppföljning saknas nämndens svar, eller har en planerad åtgärd passerat sitt datum, för följande $antal:

$rekommendationer

Fyll i den bifogade svarsmallen och skicka tillbaka den till oss senast $svar_senast.
"""
    + _SIGNATURE
)

SETTINGS = (
    Setting("office_name", "Revisionskontorets namn", "Revisionskontoret"),
    Setting("municipality", "Kommun", ""),
    Setting("contact_person", "Kontaktperson", ""),
    Setting("office_email", "E-post", "", _email("E-post")),
    Setting("office_phone", "Telefon", ""),
    Setting("reply_days", "Svarstid i dagar", "30", _days("Svarstid i dagar")),
    Setting("reminder_days", "Påminn om svar som förfaller inom (dagar)", "14", _days("Påminnelsefönster")),
    Setting("sheet_subject", "Svarsmall, ämnesrad", DEFAULT_SHEET_SUBJECT, _template("Svarsmall, ämnesrad")),
    Setting("sheet_body", "Svarsmall, brevtext", DEFAULT_SHEET_BODY, _template("Svarsmall, brevtext"), True),
    Setting(
        "reminder_subject", "Påminnelse, ämnesrad", DEFAULT_REMINDER_SUBJECT, _template("Påminnelse, ämnesrad")
    ),  # fmt: skip
    Setting("reminder_body", "Påminnelse, brevtext", DEFAULT_REMINDER_BODY, _template("Påminnelse, brevtext"), True),
)
BY_KEY = {s.key: s for s in SETTINGS}


@dataclass(frozen=True)
class Office:
    """Who the sheets, drafts and printouts come from."""

    name: str
    municipality: str
    contact_person: str
    email: str
    phone: str


def _setting(key: str) -> Setting:
    if key not in BY_KEY:
        known = ", ".join(BY_KEY)
        raise UserError(f"Det finns ingen inställning som heter ”{key}”. Inställningarna är: {known}.")
    return BY_KEY[key]


def get(store: Store, key: str) -> str:
    setting = _setting(key)
    return store.setting(key, setting.default)


def all_values(store: Store) -> dict[str, str]:
    return {s.key: get(store, s.key) for s in SETTINGS}


def office(store: Store) -> Office:
    return Office(
        get(store, "office_name"),
        get(store, "municipality"),
        get(store, "contact_person"),
        get(store, "office_email"),
        get(store, "office_phone"),
    )


def reply_days(store: Store) -> int:
    return int(get(store, "reply_days"))


def reminder_days(store: Store) -> int:
    return int(get(store, "reminder_days"))


def save(store: Store, values: dict[str, str]) -> list[str]:
    """Check every value, then write those that differ in one transaction with their
    history; return the keys changed. One bad value writes nothing. An empty value
    (or the default) goes back to the default."""
    checked: dict[str, str | None] = {}
    for key, value in values.items():
        setting = _setting(key)
        value = value.strip() if not setting.multiline else value.strip("\n") + ("\n" if value.strip() else "")
        if value and setting.check is not None:
            value = setting.check(value)
        if key == "office_name" and not value:
            raise UserError("Revisionskontorets namn får inte vara tomt; det står på svarsmallar och statuslistor.")
        stored = None if value == setting.default or not value else value
        if store.setting(key) != stored:
            checked[key] = stored

    def write(cs) -> None:
        for key, value in checked.items():
            cs.set_setting(key, value)

    if checked:
        run_change(store, "Ändra inställningar", write, source="Inställningar")
    return list(checked)
