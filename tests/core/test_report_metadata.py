import datetime as dt

from tracker.core.reports.metadata import read_metadata
from tracker.core.reports.text import clean_text

MISSIVE = """Revisorerna
2021-04-12
Till: Barn- och utbildningsnämnden
Revisionsrapport: Elevhälsans arbete – Norrbyns kommun
KPMG har på uppdrag av Norrbyns kommuns revisorer och enligt revisionsplanen för 2020
granskat elevhälsan. Revisorerna önskar ta del av nämndens synpunkter på rapporten
senast den 15 juni 2021. Kommunstyrelsen ska redovisa sin plan senast den 1 mars 2022.
"""

COVER = """Granskning av fastighets- underhållet
Region Västerbotten
Mars 2023
Revisionskontoret har granskat fastighetsunderhållet. Granskningen avser revisionsår 2022.
"""


def test_missive_gives_title_organisation_date_year_author_and_reply_deadline():
    meta = read_metadata(clean_text(MISSIVE))
    assert meta.title == "Elevhälsans arbete"
    assert meta.organisation == "Norrbyns kommun"
    assert meta.report_date == dt.date(2021, 4, 12)
    assert meta.audit_year == 2020
    assert meta.author == "KPMG"
    assert meta.reply_deadline == dt.date(2021, 6, 15)  # not the plan the body is asked to present


def test_cover_page_title_broken_over_lines_is_rejoined_and_a_month_dates_the_report():
    meta = read_metadata(clean_text(COVER))
    assert meta.title == "Granskning av fastighetsunderhållet"
    assert meta.organisation == "Region Västerbotten"
    assert meta.report_date is None and meta.report_month == "2023-03"  # the month it names, not its last day
    assert meta.audit_year == 2022
    assert meta.author == "Revisionskontoret"
    assert meta.reply_deadline is None


def test_pasted_mail_without_a_title_line_proposes_no_greeting_as_title():
    text = "Hej!\n\nVi rekommenderar kommunstyrelsen att se över attesterna.\n\nMed vänlig hälsning\nRevisionskontoret, Ekby kommun\n"
    meta = read_metadata(clean_text(text))
    assert meta.title is None and meta.organisation == "Ekby kommun" and meta.author == "Revisionskontoret"


def test_an_author_commissioned_under_a_heading_is_read_without_the_heading():
    text = "Sammanfattning\n\nStadsrevisionen har på uppdrag av revisorerna i Västerås stad granskat energiarbetet.\n"
    assert read_metadata(clean_text(text)).author == "Stadsrevisionen"


def test_an_organisation_on_its_own_cover_line_is_read_without_the_next_line():
    text = "Vårdförbundet Sjuhärad\nGranskning av förbundets ekonomistyrning\n2019-09-10\n"
    assert read_metadata(clean_text(text)).organisation == "Vårdförbundet Sjuhärad"


def test_a_bullet_item_before_the_title_is_no_title():
    meta = read_metadata(clean_text("• Uppföljning av tidigare rekommendationer\n\nGranskning av upphandling\n"))
    assert meta.title == "Granskning av upphandling"
