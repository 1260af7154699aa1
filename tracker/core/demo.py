"""A made-up but realistic register for trying the program, dated relative to today
so that it always shows replied, awaiting and late replies and overdue actions."""

from __future__ import annotations

import datetime as dt

from . import register as R
from .changes import ChangeSet, run_change
from .errors import UserError
from .model import DONE, NOT_DONE, NOT_STARTED, OBSOLETE, ONGOING, PARTLY_DONE
from .store import Store

BODIES = [
    ("Kommunstyrelsen", "KS", "kommunstyrelsen@exempel.se", ["Kommunstyrelsen (KS)", "KS-förvaltningen"]),
    ("Socialnämnden", "SN", "socialnamnden@exempel.se", ["Soc"]),
    ("Barn- och utbildningsnämnden", "BUN", "bun@exempel.se", ["Barn och utbildning"]),
    ("Tekniska nämnden", "TN", "tekniska@exempel.se", []),
    ("Vård- och omsorgsnämnden", "VON", "von@exempel.se", ["Omsorgsnämnden"]),
    ("Kultur- och fritidsnämnden", "KFN", None, []),
    ("Styrelsen för Exempelbostäder AB", "EBAB", "styrelsen@exempelbostader.se", ["Exempelbostäder"]),
]

# (title, years ago, author, deadline offset in days from today, [(text, bodies)])
REPORTS = [
    (
        "Granskning av intern kontroll 2022",
        4,
        "Revisionskontoret",
        -900,
        [
            (
                "Kommunstyrelsen bör säkerställa att nämndernas internkontrollplaner bygger på dokumenterade risk- och väsentlighetsanalyser.",
                ["KS"],
            ),
            (
                "Nämnderna bör följa upp och rapportera genomförda kontroller till kommunstyrelsen två gånger per år.",
                ["SN", "BUN", "TN"],
            ),
            ("Kommunstyrelsen bör utveckla sin uppsikt över de kommunala bolagens interna kontroll.", ["KS"]),
            ("Avvikelser som upptäcks vid kontrollerna bör dokumenteras tillsammans med vidtagna åtgärder.", ["TN"]),
        ],
    ),
    (
        "Granskning av försörjningsstöd",
        3,
        "PwC",
        -600,
        [
            ("Socialnämnden bör ta fram tydliga riktlinjer för handläggning av ekonomiskt bistånd.", ["SN"]),
            (
                "Socialnämnden bör säkerställa att beslut om försörjningsstöd dokumenteras enligt gällande lagstiftning.",
                ["SN"],
            ),
            (
                "Kommunstyrelsen och socialnämnden bör gemensamt utveckla samverkan med arbetsmarknadsenheten.",
                ["KS", "SN"],
            ),
            ("Socialnämnden bör följa upp kostnadsutvecklingen månadsvis och analysera avvikelser mot budget.", ["SN"]),
        ],
    ),
    (
        "Granskning av skolans elevhälsa",
        2,
        "KPMG",
        -330,
        [
            (
                "Barn- och utbildningsnämnden bör säkerställa att elevhälsans medicinska insatser är tillgängliga på samtliga skolor.",
                ["BUN"],
            ),
            ("Nämnden bör upprätta en plan för det förebyggande och hälsofrämjande arbetet.", ["BUN"]),
            ("Nämnden bör följa upp att elevhälsomöten genomförs och dokumenteras.", ["BUN"]),
            (
                "Barn- och utbildningsnämnden bör tillse att journalföringen sker i ett system som uppfyller kraven i patientdatalagen.",
                ["BUN"],
            ),
            (
                "Nämnden bör säkerställa att rutiner för anmälan om kränkande behandling är kända av all personal.",
                ["BUN"],
            ),
        ],
    ),
    (
        "Granskning av underhåll av gator och vägar",
        1,
        "Revisionskontoret",
        -120,
        [
            ("Tekniska nämnden bör ta fram en långsiktig underhållsplan för gator, gång- och cykelvägar.", ["TN"]),
            ("Tekniska nämnden bör säkerställa att underhållsbehovet beaktas i budgetprocessen.", ["TN", "KS"]),
            ("Nämnden bör införa ett systematiskt sätt att prioritera mellan underhållsobjekt.", ["TN"]),
            ("Kommunstyrelsen bör tydliggöra ansvarsfördelningen för enskilda vägar i kommunen.", ["KS"]),
        ],
    ),
    (
        "Granskning av hemtjänstens kvalitet",
        1,
        "EY",
        -20,
        [
            (
                "Vård- och omsorgsnämnden bör säkerställa kontinuiteten i hemtjänsten genom att följa upp antalet personal per brukare.",
                ["VON"],
            ),
            ("Nämnden bör säkerställa att genomförandeplaner upprättas för samtliga brukare.", ["VON"]),
            ("Vård- och omsorgsnämnden bör utveckla rutinerna för avvikelsehantering.", ["VON"]),
            ("Nämnden bör följa upp att beviljade insatser motsvarar utförd tid.", ["VON"]),
        ],
    ),
    (
        "Granskning av föreningsbidrag",
        0,
        "Revisionskontoret",
        25,
        [
            ("Kultur- och fritidsnämnden bör revidera riktlinjerna för föreningsbidrag.", ["KFN"]),
            ("Nämnden bör säkerställa att redovisningar av beviljade bidrag följs upp.", ["KFN"]),
            ("Kultur- och fritidsnämnden bör dokumentera bedömningen av ansökningar.", ["KFN"]),
        ],
    ),
    (
        "Granskning av Exempelbostäder AB:s styrning",
        0,
        "PwC",
        45,
        [
            ("Styrelsen bör säkerställa att ägardirektivets krav på underhållsplan uppfylls.", ["EBAB"]),
            ("Styrelsen bör utveckla återrapporteringen till kommunstyrelsen.", ["EBAB"]),
            ("Kommunstyrelsen bör utöva en aktiv ägarstyrning genom regelbundna ägardialoger.", ["KS"]),
        ],
    ),
]

REPLY_TEXTS = [
    (
        "Nämnden delar revisorernas bedömning och har gett förvaltningen i uppdrag att ta fram en åtgärdsplan.",
        "Åtgärdsplan tas fram och redovisas för nämnden.",
    ),
    ("Arbetet har påbörjats. En ny rutin beslutas under året.", "Ny rutin beslutas och införs."),
    ("Förvaltningen ser över nuvarande arbetssätt och återkommer med förslag.", "Översyn av arbetssätt."),
    ("Nämnden instämmer och har redan infört ett nytt uppföljningssystem.", "Uppföljning två gånger per år."),
]
FOLLOW_UP_STATUSES = [DONE, PARTLY_DONE, ONGOING, NOT_DONE, DONE, ONGOING, OBSOLETE, NOT_STARTED]


def fill_demo(store: Store, today: dt.date) -> int:
    """Fill an empty register; return the number of recommendations created."""
    count = store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    if count:
        raise UserError(
            f"Registret innehåller redan {count} granskningar. Exempelregistret fylls bara i ett tomt register."
        )
    _, _ = run_change(store, "Fyll i exempelregister", lambda cs: _build(cs, today), source="Exempelregister")
    return store.conn.execute("SELECT count(*) FROM recommendations").fetchone()[0]


def _build(cs: ChangeSet, today: dt.date) -> None:
    short_to_id = {}
    for name, short, email, spellings in BODIES:
        short_to_id[short] = R.create_body(cs, name, short, email, spellings)
    n = 0
    for title, years_ago, author, deadline_offset, recs in REPORTS:
        report_date = today + dt.timedelta(days=deadline_offset - 75)
        report_id = R.create_report(
            cs,
            title,
            audit_year=today.year - years_ago,
            report_date=report_date,
            author=author,
            organisation="Exempelby kommun",
            diary_number=f"REV {report_date.year}/{10 + n}",
            reply_deadline=today + dt.timedelta(days=deadline_offset),
        )
        for text, shorts in recs:
            n += 1
            rec_id = R.add_recommendation(cs, report_id, text, [short_to_id[s] for s in shorts])
            if deadline_offset > 0 and n % 2:
                continue  # awaiting a reply, deadline not passed
            if deadline_offset < 0 and n % 5 == 0:
                continue  # late reply
            for k, short in enumerate(shorts):
                reply, action = REPLY_TEXTS[(n + k) % len(REPLY_TEXTS)]
                due = today + dt.timedelta(days=(-40 if n % 3 == 0 else 150) + 10 * k)
                R.set_reply(
                    cs,
                    rec_id,
                    short_to_id[short],
                    text=reply,
                    action=action,
                    due=due,
                    reply_date=report_date + dt.timedelta(days=40),
                    minute_ref=f"§ {20 + n}, {report_date + dt.timedelta(days=40)}",
                )
            if years_ago >= 1:
                for y in range(years_ago):
                    status = FOLLOW_UP_STATUSES[(n + y) % len(FOLLOW_UP_STATUSES)]
                    if y < years_ago - 1 and status in (DONE, OBSOLETE):
                        status = ONGOING
                    R.add_follow_up(
                        cs,
                        rec_id,
                        dt.date(today.year - years_ago + y + 1, 3, 15)
                        if today.year - years_ago + y + 1 < today.year
                        else today - dt.timedelta(days=30),
                        status,
                        f"Uppföljning {today.year - years_ago + y + 1}: "
                        + ("arbetet är slutfört." if status == DONE else "arbete återstår enligt nämndens plan."),
                    )
