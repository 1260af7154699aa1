"""Follow-up statistics at a fixed date on a register built here: counts and shares per
status, done within one and two years, median days to Åtgärdad from the follow-up
history, replies on time, late and missing, the oldest open recommendations."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.stats import compute

TODAY = dt.date(2026, 11, 25)
D = dt.date


@pytest.fixture
def register(store):
    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        sn = R.create_body(cs, "Socialnämnden", short_name="SN")
        old = R.create_report(cs, "Granskning av upphandling", audit_year=2022, report_date=D(2022, 3, 1),
                              reply_deadline=D(2022, 5, 31))  # fmt: skip
        slow = R.add_recommendation(cs, old, "Följ upp avtalen.", body_ids=[ks])
        R.set_reply(cs, slow, ks, text="Vi följer upp.", reply_date=D(2022, 5, 20))
        R.add_follow_up(cs, slow, D(2022, 10, 1), "Pågående")
        R.add_follow_up(cs, slow, D(2023, 4, 5), "Åtgärdad")  # 400 days after the report
        silent = R.add_recommendation(cs, old, "Inför en rutin för direktupphandling.", body_ids=[ks])
        both = R.add_recommendation(cs, old, "Samordna inköpen.", body_ids=[ks, sn])
        R.set_reply(cs, both, ks, text="KS samordnar.", reply_date=D(2022, 5, 1))
        R.set_reply(cs, both, sn, text="SN instämmer.", reply_date=D(2022, 6, 15))  # after the deadline
        R.add_follow_up(cs, both, D(2022, 12, 1), "Åtgärdad")  # 275 days
        new = R.create_report(cs, "Granskning av försörjningsstöd", audit_year=2024, report_date=D(2024, 2, 1),
                              reply_deadline=D(2024, 4, 30))  # fmt: skip
        back = R.add_recommendation(cs, new, "Dokumentera besluten.", body_ids=[sn])
        R.set_reply(cs, back, sn, text="Görs.", reply_date=D(2024, 4, 2))
        R.add_follow_up(cs, back, D(2024, 9, 1), "Åtgärdad")
        R.add_follow_up(cs, back, D(2025, 1, 10), "Pågående")  # set back: the first done does not count
        R.add_follow_up(cs, back, D(2026, 3, 1), "Åtgärdad")  # 759 days after the report
        ongoing = R.add_recommendation(cs, new, "Utbilda handläggarna.", body_ids=[sn])
        R.add_follow_up(cs, ongoing, D(2025, 3, 1), "Pågående")
        return silent, ongoing

    (silent, ongoing), _ = run_change(store, "setup", build)
    return store, silent, ongoing


def test_the_whole_register(register):
    store, silent, ongoing = register
    total = compute(store, TODAY).total
    assert total.total == 5
    assert total.counts == {"Ej påbörjad": 1, "Pågående": 1, "Delvis åtgärdad": 0, "Åtgärdad": 3, "Ej åtgärdad": 0,
                            "Inaktuell": 0}  # fmt: skip
    assert total.share("Åtgärdad") == pytest.approx(0.6)
    assert (total.done_within_1y, total.done_within_2y) == (1, 2)  # 275 days; 400; 759 is past two years
    assert total.median_days_to_done == 400
    # KS on time twice, SN late once, on time once; KS never answered one, SN one.
    assert (total.replies_on_time, total.replies_late, total.replies_missing) == (3, 1, 2)


def test_per_year_and_per_body(register):
    store, silent, ongoing = register
    stats = compute(store, TODAY)
    assert [(f.year, f.total) for f in stats.years] == [(2024, 2), (2022, 3)]
    y2022 = stats.years[1]
    assert y2022.median_days_to_done == pytest.approx((275 + 400) / 2)
    assert (y2022.done_within_1y, y2022.done_within_2y) == (1, 2)
    assert [(f.body, f.total) for f in stats.bodies] == [("Kommunstyrelsen", 3), ("Socialnämnden", 3)]
    ks, sn = stats.bodies
    assert (ks.replies_on_time, ks.replies_late, ks.replies_missing) == (2, 0, 1)
    assert (sn.replies_on_time, sn.replies_late, sn.replies_missing) == (1, 1, 1)
    groups = {(f.year, f.body): f for f in stats.groups}
    assert set(groups) == {(2024, "Socialnämnden"), (2022, "Kommunstyrelsen"), (2022, "Socialnämnden")}
    assert groups[(2024, "Socialnämnden")].median_days_to_done == 759
    assert groups[(2024, "Socialnämnden")].done_within_2y == 0
    assert groups[(2022, "Socialnämnden")].counts["Åtgärdad"] == 1


def test_the_oldest_open_recommendations_come_first(register):
    store, silent, ongoing = register
    oldest = compute(store, TODAY).oldest_open
    assert [o.id for o in oldest] == [silent, ongoing]
    assert oldest[0].age_days == (TODAY - D(2022, 3, 1)).days and oldest[0].status == "Ej påbörjad"


def test_a_body_or_a_year_narrows_every_figure(register):
    store, silent, ongoing = register
    sn = R.find_body(store, "SN").id
    only_sn = compute(store, TODAY, body_ids=(sn,))
    assert only_sn.total.total == 3 and [f.body for f in only_sn.bodies] == ["Socialnämnden"]
    assert (only_sn.total.replies_on_time, only_sn.total.replies_late, only_sn.total.replies_missing) == (1, 1, 1)
    y2024 = compute(store, TODAY, year=2024)
    assert y2024.total.total == 2 and [f.year for f in y2024.years] == [2024]


def test_the_statistics_as_an_excel_workbook(register, tmp_path):
    from openpyxl import load_workbook

    from tracker.core.excel.stats_sheet import export_stats

    store, silent, ongoing = register
    out = tmp_path / "statistik.xlsx"
    export_stats(compute(store, TODAY), out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Per år", "Per nämnd", "Per år och nämnd", "Äldsta öppna"]
    rows = list(wb["Per år"].values)
    head = rows[0]
    total = dict(zip(head, rows[-1]))
    assert total["År"] == "Totalt" and total["Antal"] == 5 and total["Åtgärdad"] == 3
    assert total["Andel åtgärdad"] == pytest.approx(0.6) and total["Median dagar till Åtgärdad"] == 400
    assert (total["Svar i tid"], total["Svar försenade"], total["Svar saknas"]) == (3, 1, 2)
    assert wb["Per år"].cell(row=2, column=head.index("Andel åtgärdad") + 1).number_format == "0%"
    assert [r[1] for r in list(wb["Per år och nämnd"].values)[1:]] == ["Socialnämnden", "Kommunstyrelsen",
                                                                       "Socialnämnden"]  # fmt: skip
    oldest = list(wb["Äldsta öppna"].values)[1]
    assert oldest[0] == "Granskning av upphandling" and oldest[6] == dt.datetime(2022, 3, 1)
