"""Reports laid out the way other producers make them: tables, loose bullets, two columns,
text without line breaks, encrypted and partly scanned PDFs. Each must give exactly its
recommendations and bodies."""

import pytest
from report_files import write_placed_pdf, write_table_pdf

from tracker.core.bodies import Body, BodyIndex
from tracker.core.reports.proposal import propose, propose_file
from tracker.core.reports.text import clean_text

INDEX = BodyIndex([Body(1, "Kommunstyrelsen", "KS"), Body(2, "Socialnämnden", "SN"), Body(3, "Tekniska nämnden")])
FILLER = ("Granskningen har genomförts genom dokumentstudier och intervjuer med förvaltningens tjänstepersoner "
          "och med presidiet under hösten 2024.")  # fmt: skip
TABLE = [
    ["1", "Bryta ned kommunfullmäktiges mål till mätbara mål för varje verksamhet och följa upp dem varje tertial.",
     "Kommunstyrelsen"],
    ["2", "Säkerställa att den interna kontrollplanen bygger på en dokumenterad risk- och väsentlighetsanalys.",
     "Socialnämnden"],
    ["3", "Ta fram rutiner för hur avvikelser i hemtjänsten rapporteras och åtgärdas och hur resultatet "
          "återrapporteras till nämnden.", "Socialnämnden och kommunstyrelsen"],
]  # fmt: skip
TABLE_FOUND = [
    (TABLE[0][1], ["Kommunstyrelsen"]),
    (TABLE[1][1], ["Socialnämnden"]),
    (TABLE[2][1], ["Socialnämnden", "Kommunstyrelsen"]),
]


def found(proposal):
    return [(r.text, r.bodies) for r in proposal.recommendations]


@pytest.mark.parametrize("headings", [True, False])
def test_a_table_of_recommendations_gives_each_row_with_its_body_column(tmp_path, headings):
    header = [["Nr", "Rekommendation", "Ansvarig nämnd"]] if headings else []
    path = write_table_pdf(tmp_path / "tabell.pdf", ["Rekommendationer", "Utifrån granskningen lämnar vi följande "
                           "rekommendationer."], header + TABLE, headings, after=["Bilaga 1 Intervjuade"])  # fmt: skip
    proposal = propose_file(path, INDEX)
    assert found(proposal) == TABLE_FOUND
    assert not any(r.check_bodies for r in proposal.recommendations)


def test_a_table_continued_on_the_next_page_is_one_table(tmp_path):
    before = ["Sammanfattning", *[FILLER] * 14, "Rekommendationer"]  # rows 1-2 on page 1, row 3 on page 2
    path = write_table_pdf(tmp_path / "tabell.pdf", before, [["Nr", "Rekommendation", "Ansvarig nämnd"], *TABLE],
                           headings=True)  # fmt: skip
    proposal = propose_file(path, INDEX)
    assert found(proposal) == TABLE_FOUND
    assert "Sida" not in proposal.text and "Revisionsrapport | Ekby kommun" not in proposal.text


def test_a_table_without_a_number_column(tmp_path):
    rows = [["Rekommendation", "Ansvarig"], *[row[1:] for row in TABLE]]
    proposal = propose_file(write_table_pdf(tmp_path / "t.pdf", ["Rekommendationer"], rows, headings=True), INDEX)
    assert found(proposal) == TABLE_FOUND


def test_bullets_and_numbers_on_lines_of_their_own(tmp_path):
    lines = [(20, 20, "Rekommendationer"), (20, 30, "Vi rekommenderar kommunstyrelsen att:"),
             (20, 40, "•"), (26, 47, "ta fram en plan för lokalförsörjningen med minst tio års horisont,"),
             (20, 57, "•"), (26, 64, "följa upp investeringarnas slutkostnader mot budget,"),
             (20, 74, "▪"), (26, 81, "redovisa avvikelserna för fullmäktige varje år."),
             (20, 100, "Vi rekommenderar socialnämnden att:"),
             (20, 110, "1."), (20, 117, "Se över rutinerna för handläggning av ekonomiskt bistånd."),
             (20, 127, "2."), (20, 134, "Säkerställa att beslut dokumenteras i verksamhetssystemet.")]  # fmt: skip
    proposal = propose_file(write_placed_pdf(tmp_path / "r.pdf", [lines]), INDEX)
    assert found(proposal) == [
        ("Ta fram en plan för lokalförsörjningen med minst tio års horisont.", ["Kommunstyrelsen"]),
        ("Följa upp investeringarnas slutkostnader mot budget.", ["Kommunstyrelsen"]),
        ("Redovisa avvikelserna för fullmäktige varje år.", ["Kommunstyrelsen"]),
        ("Se över rutinerna för handläggning av ekonomiskt bistånd.", ["Socialnämnden"]),
        ("Säkerställa att beslut dokumenteras i verksamhetssystemet.", ["Socialnämnden"]),
    ]
    assert "▪ redovisa avvikelserna" in proposal.text


def test_a_bullet_set_apart_from_its_text_on_the_same_line(tmp_path):
    lines = [(20, 20, "Rekommendationer"), (20, 30, "–"), (30, 30, "Tekniska nämnden bör upprätta en underhållsplan."),
             (20, 38, "–"), (30, 38, "Tekniska nämnden bör följa upp energiförbrukningen.")]  # fmt: skip
    proposal = propose_file(write_placed_pdf(tmp_path / "r.pdf", [lines]), INDEX)
    assert found(proposal) == [
        ("Tekniska nämnden bör upprätta en underhållsplan.", ["Tekniska nämnden"]),
        ("Tekniska nämnden bör följa upp energiförbrukningen.", ["Tekniska nämnden"]),
    ]


def test_two_columns_are_read_one_after_the_other(tmp_path):
    left = [
        "Granskningen visar att nämnden",
        "saknar en aktuell plan för",
        "lokalförsörjningen och att",
        "uppföljningen av investeringar",
        "är bristfällig i flera delar.",
        "",
        "Rekommendationer",
        "Vi rekommenderar att:",
        "- kommunstyrelsen tar fram en",
        "plan för lokalförsörjningen,",
    ]
    right = ["- tekniska nämnden följer upp", "investeringarnas slutkostnader", "mot budget varje år.", "",
             "Bedömningen i sin helhet finns", "i avsnitt fyra i rapporten."]  # fmt: skip
    page = [(20, 30 + 7 * n, t) for n, t in enumerate(left) if t] + [
        (110, 30 + 7 * n, t) for n, t in enumerate(right) if t
    ]
    page.insert(0, (20, 15, "Granskning av lokalförsörjning och investeringar i Ekby kommun"))
    proposal = propose_file(write_placed_pdf(tmp_path / "r.pdf", [page]), INDEX)
    assert found(proposal) == [
        ("Kommunstyrelsen tar fram en plan för lokalförsörjningen.", ["Kommunstyrelsen"]),
        ("Tekniska nämnden följer upp investeringarnas slutkostnader mot budget varje år.", ["Tekniska nämnden"]),
    ]


def test_running_header_and_sida_x_av_y_footers_are_not_text(tmp_path):
    pages = []
    texts = [["Vi rekommenderar kommunstyrelsen att se över styrdokumenten för", "upphandling och avtalstrohet."],
             ["Vi rekommenderar socialnämnden att följa upp kvaliteten i", "hemtjänsten varje år."]]  # fmt: skip
    for n, lines in enumerate(texts, 1):
        pages.append([(20, 10, "Ekby kommun | Granskning av upphandling | 2024-05-02"),
                      *[(20, 40 + 7 * i, t) for i, t in enumerate(lines)], (90, 285, f"Sida {n} av 2")])  # fmt: skip
    proposal = propose_file(write_placed_pdf(tmp_path / "r.pdf", pages), INDEX)
    assert found(proposal) == [
        (
            "Vi rekommenderar kommunstyrelsen att se över styrdokumenten för upphandling och avtalstrohet.",
            ["Kommunstyrelsen"],
        ),
        ("Vi rekommenderar socialnämnden att följa upp kvaliteten i hemtjänsten varje år.", ["Socialnämnden"]),
    ]
    assert "Sida" not in proposal.text and "| 2024-05-02" not in proposal.text


def test_a_report_without_line_breaks_is_split_into_its_items():
    text = clean_text(
        "Granskning av bygglov. Vi har granskat om tekniska nämnden har en ändamålsenlig handläggning av bygglov. "
        "Utifrån granskningen lämnar vi följande rekommendationer. Tekniska nämnden bör säkerställa att "
        "handläggningstiderna följs upp. Tekniska nämnden bör ta fram en rutin för tillsyn av olovligt byggande. "
        "Kommunstyrelsen bör se över taxan för bygglov. Vi rekommenderar socialnämnden att: a) upprätta rutiner för "
        "samordnad individuell plan, b) följa upp att planerna upprättas inom skälig tid. Ytterligare iakttagelser "
        "redovisas i bilagan."
    )
    assert found(propose(text, INDEX)) == [
        ("Tekniska nämnden bör säkerställa att handläggningstiderna följs upp.", ["Tekniska nämnden"]),
        ("Tekniska nämnden bör ta fram en rutin för tillsyn av olovligt byggande.", ["Tekniska nämnden"]),
        ("Kommunstyrelsen bör se över taxan för bygglov.", ["Kommunstyrelsen"]),
        ("Upprätta rutiner för samordnad individuell plan.", ["Socialnämnden"]),
        ("Följa upp att planerna upprättas inom skälig tid.", ["Socialnämnden"]),
    ]


@pytest.mark.parametrize("glyph", ["\uf0b7", "\uf0a7", "\uf076"])
def test_symbol_font_bullets_are_shown_as_bullets_and_open_their_list(glyph):
    text = clean_text(f"Rekommendationer\n{glyph}\tUpprätta en plan för intern kontroll.\n"
                      f"{glyph}\tFölja upp planen varje år.\n")  # fmt: skip
    proposal = propose(text, INDEX)
    assert glyph not in proposal.text and "• Upprätta en plan" in proposal.text
    assert [r.text for r in proposal.recommendations] == ["Upprätta en plan för intern kontroll.",
                                                          "Följa upp planen varje år."]  # fmt: skip


def test_a_pasted_paragraph_of_bor_sentences_under_the_heading_gives_each():
    text = clean_text(
        "Granskning av styrning\n\nRekommendationer\n\nKommunstyrelsen bör säkerställa att målen följs upp varje "
        "tertial. Kommunstyrelsen har i sitt yttrande beskrivit arbetet. Socialnämnden bör se över "
        "delegationsordningen.\n\nBilagor\n"
    )
    assert found(propose(text, INDEX)) == [
        ("Kommunstyrelsen bör säkerställa att målen följs upp varje tertial.", ["Kommunstyrelsen"]),
        ("Socialnämnden bör se över delegationsordningen.", ["Socialnämnden"]),
    ]


def test_a_table_row_cut_by_the_page_break_is_one_row(tmp_path):
    def row(y, cells):
        return [(x, y, text) for x, text in zip((22, 32, 150), cells) if text]

    first = [
        (20, 20, "Rekommendationer"),
        (20, 30, None),
        *row(32, ["Nr", "Rekommendation", "Ansvarig"]),
        (20, 40, None),
        *row(42, ["1", TABLE[0][1][:59], TABLE[0][2]]),
        *row(49, ["", TABLE[0][1][60:], ""]),
        (20, 57, None),
        *row(270, ["2", "Säkerställa att den interna kontrollplanen bygger på", "Socialnämnden"]),
    ]
    second = [*row(20, ["", "en dokumenterad risk- och väsentlighetsanalys.", ""]), (20, 28, None),
              (20, 40, "Bilaga 1 Intervjuade")]  # fmt: skip
    first.insert(-3, (20, 268, None))
    proposal = propose_file(write_placed_pdf(tmp_path / "r.pdf", [first, second], font_size=10), INDEX)
    assert found(proposal) == TABLE_FOUND[:2]
