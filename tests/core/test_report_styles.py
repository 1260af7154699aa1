"""Sample reports written for these tests in other firms' styles (tests/core/reports/):
the lists they use, the bodies as they name them, and the cover's metadata."""

from pathlib import Path

import pytest

from tracker.core.bodies import Body, BodyIndex
from tracker.core.reports.proposal import propose_file

SAMPLES = Path(__file__).parent / "reports"
INDEX = BodyIndex([Body(1, "Kommunstyrelsen", "KS"), Body(2, "Socialnämnden", "SN"), Body(3, "Tekniska nämnden"),
                   Body(4, "Barn- och utbildningsnämnden", "BUN")])  # fmt: skip
NAMNDER = ["Socialnämnden", "Tekniska nämnden", "Barn- och utbildningsnämnden"]

EXPECTED = {
    "ramboll-alv-kust-2024.txt": (
        {"title": "Granskning av förbundets styrning och uppföljning av insatser",
         "organisation": "Samordningsförbundet Älv & Kust", "author": "Ramböll", "report_date": "2024-01",
         "audited_body": "Förbundsstyrelsen"},
        [("Förbundsstyrelsen bör fastställa mätbara mål för varje insats som förbundet finansierar.",
          ["Förbundsstyrelsen"], False),
         ("Förbundsstyrelsen bör säkerställa att insatsernas resultat redovisas för styrelsen minst två gånger per år.",
          ["Förbundsstyrelsen"], False),
         ("Förbundschefen bör ta fram en rutin för hur avslutade insatser utvärderas.", ["Förbundschefen"], False)],
    ),
    "payoff-informationssakerhet-2023.txt": (
        {"title": "Granskning av informationssäkerhet", "organisation": "Ekby kommun", "author": "Payoff AB",
         "report_date": "2023-10-16", "audited_body": "Kommunstyrelsen"},
        [("Payoff AB rekommenderar att kommunstyrelsen tar fram en plan för klassning av kommunens "
          "informationstillgångar.", ["Kommunstyrelsen"], False),
         ("Granskningen rekommenderar vidare att kommunstyrelsen utser en informationssäkerhetssamordnare med "
          "tydligt mandat.", ["Kommunstyrelsen"], False),
         ("Kommunstyrelse och nämnderna bör säkerställa att det finns kontinuitetsplaner för verksamhetskritiska "
          "system.", ["Kommunstyrelsen", *NAMNDER], False)],
    ),
    "kpmg-intern-kontroll-2024.txt": (
        {"title": "Granskning av intern kontroll", "organisation": "Hagby kommun", "author": "KPMG",
         "report_date": "2024-05-20", "audited_body": "Socialnämnden"},
        [("Socialnämnden bör ta fram en risk- och väsentlighetsanalys som grund för internkontrollplanen.",
          ["Socialnämnden"], False),
         ("Tekniska nämnden bör följa upp internkontrollplanen och rapportera resultatet till nämnden två gånger "
          "per år.", ["Tekniska nämnden"], False),
         ("Samtliga nämnder bör dokumentera de kontroller som utförs enligt internkontrollplanen.", NAMNDER, False)],
    ),
    "revisionskontoret-gata-2022.txt": (
        {"title": "Granskning av gatuunderhållet", "organisation": "Storsjö kommun", "author": "Revisionskontoret",
         "report_date": "2022-03", "audited_body": "Tekniska nämnden"},
        [("Förtydliga hur underhållsbehovet inventeras och prioriteras.", ["Tekniska nämnden"], True),
         ("Ta fram en flerårig underhållsplan som kopplas till budgeten.", ["Tekniska nämnden"], True)],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_report_gives_exactly_its_recommendations_bodies_and_metadata(name):
    meta, recs = EXPECTED[name]
    proposal = propose_file(SAMPLES / name, INDEX)
    as_json = proposal.as_json()
    assert {key: as_json[key] for key in meta} == meta
    assert [(r.text, r.bodies, r.check_bodies) for r in proposal.recommendations] == recs
