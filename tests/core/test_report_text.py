import pytest
from report_files import write_docx, write_pdf

from tracker.core.errors import UserError
from tracker.core.reports.text import clean_text, read_report


def test_pdf_lines_are_rejoined_across_hyphenation_page_numbers_and_running_headers(tmp_path):
    header = "Granskning av bygglov - Storsjö kommun"
    pages = [
        ["Sammanfattning", "Vi har granskat hur byggnadsnämnden hanterar ansökningar om bygglov och hur kom-",
         "munen följer upp handläggningstiderna. Social- och", "arbetsmarknadsnämnden berörs inte."],
        ["Rekommendationer", "- Byggnadsnämnden bör säkerställa att handläggningstiderna följs upp och att",
         "resultatet redovisas till nämnden varje kvartal."],
        ["Bilaga", "Intervjuer med förvaltningen."],
    ]  # fmt: skip
    text = read_report(write_pdf(tmp_path / "r.pdf", pages, header)).text
    assert "hur kommunen följer upp handläggningstiderna." in text
    assert "Social- och arbetsmarknadsnämnden berörs inte." in text
    assert "följs upp och att resultatet redovisas till nämnden varje kvartal." in text
    assert "Storsjö kommun" not in text
    assert "\n2\n" not in text and not text.startswith("1")


def test_a_page_number_between_the_lines_of_a_sentence_is_dropped():
    text = clean_text("Nämnden bör utveckla sin uppföljning av\n\n12\n\nverksamhetens resultat.\n")
    assert text.strip() == "Nämnden bör utveckla sin uppföljning av verksamhetens resultat."


def test_hyphen_in_an_abbreviated_compound_is_kept():
    text = clean_text("Kommunen använder samordnade individuella planer (SIP-\nmöten) i arbetet.")
    assert "(SIP-möten)" in text


def test_docx_keeps_bullets_numbers_and_table_rows(tmp_path):
    path = write_docx(tmp_path / "r.docx", [
        ("h", "Rekommendationer"),
        ("bullets", ["Upprätta en plan för det förebyggande arbetet."]),
        ("numbers", ["Första numrerade punkten i listan.", "Andra numrerade punkten i listan."]),
        ("table", [["Nr", "Rekommendation"], ["1", "Se över delegationsordningen årligen."]]),
    ])  # fmt: skip
    text = read_report(path).text
    assert "• Upprätta en plan för det förebyggande arbetet." in text
    assert "1. Första numrerade punkten i listan." in text and "2. Andra numrerade punkten i listan." in text
    assert "1\tSe över delegationsordningen årligen." in text


def test_txt_in_windows_1252_is_read(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("Vi rekommenderar kommunstyrelsen att se över rutinerna för attest.".encode("cp1252"))
    assert "rekommenderar kommunstyrelsen att se över" in read_report(path).text


def test_a_file_without_text_or_of_another_kind_is_refused_in_swedish(tmp_path):
    empty = write_pdf(tmp_path / "tom.pdf", [[]])
    with pytest.raises(UserError, match="ingen text"):
        read_report(empty)
    other = tmp_path / "r.odt"
    other.write_text("x")
    with pytest.raises(UserError, match="PDF"):
        read_report(other)


def test_a_running_header_pasted_between_the_halves_of_a_sentence_is_dropped():
    text = clean_text(
        "Vi rekommenderar nämnden att revidera riktlinjerna och att kom-\n\n12\n"
        "Revisionsrapport | Ekonomiskt bistånd\n\nmunens rutiner följs upp.\n"
    )
    assert text.strip() == "Vi rekommenderar nämnden att revidera riktlinjerna och att kommunens rutiner följs upp."


def test_a_cover_title_broken_over_two_lines_is_not_taken_for_a_running_header():
    text = clean_text("Anna Lindqvist\nOrdförande\nGranskning av intern kontroll i\ninvesteringsprocessen\nKPMG AB\n")
    assert "Granskning av intern kontroll i investeringsprocessen" in text


def test_a_labelled_line_of_a_missive_stands_alone():
    text = clean_text(
        "Till: Kommunstyrelsen\nRevisionsrapport: Granskning av intern kontroll i investeringsprocessen\n"
        "KPMG har på uppdrag av de förtroendevalda revisorerna i Hultsfreds kommun och enligt revi-\n"
        "sionsplanen för 2023 granskat investeringsprocessen.\n"
    )
    assert text.split("\n\n")[:2] == ["Till: Kommunstyrelsen", "Revisionsrapport: Granskning av intern kontroll i investeringsprocessen"]  # fmt: skip


def test_a_running_header_of_three_lines_is_dropped_from_every_page(tmp_path):
    header = ["Ekby kommun", "Granskning av investeringar", "2023-06-05"]
    pages = [["2023-06-14", "Till: Kommunstyrelsen", "Revisionsrapport: Investeringar"],
             [*header, "Vi rekommenderar kommunstyrelsen att ta fram rutiner för efterkalkyl och resul-"],
             [*header, "tatet redovisas för kommunstyrelsen."], [*header, "Bilagor"]]  # fmt: skip
    text = read_report(write_pdf(tmp_path / "r.pdf", pages)).text
    assert "efterkalkyl och resultatet redovisas för kommunstyrelsen." in text and "2023-06-05" not in text
    assert text.startswith("2023-06-14")  # another date where the header's stands is the missive's own
