"""Report files that need care: encrypted and partly scanned PDFs, formats to save again,
files that are not what their name says, empty and truncated files."""

import pytest
from report_files import write_docx, write_pdf, write_scanned_pdf

from tracker.core.bodies import Body, BodyIndex
from tracker.core.errors import UserError
from tracker.core.reports.proposal import propose_file
from tracker.core.reports.text import read_report

INDEX = BodyIndex([Body(1, "Kommunstyrelsen", "KS")])
PAGE = ["Rekommendationer", "Vi rekommenderar kommunstyrelsen att se över rutinerna för attest av fakturor."]


def _encrypted(tmp_path, user: str, algorithm: str):
    from pypdf import PdfWriter

    plain = write_pdf(tmp_path / "plain.pdf", [PAGE])
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password=user, owner_password="revisorerna", algorithm=algorithm)
    path = tmp_path / f"skyddad-{algorithm}.pdf"
    with path.open("wb") as f:
        writer.write(f)
    return path


@pytest.mark.parametrize("algorithm", ["AES-256", "AES-128", "RC4-128"])
def test_a_pdf_encrypted_with_only_an_owner_password_is_read(tmp_path, algorithm):
    proposal = propose_file(_encrypted(tmp_path, "", algorithm), INDEX)
    assert [(r.text, r.bodies) for r in proposal.recommendations] == [
        ("Vi rekommenderar kommunstyrelsen att se över rutinerna för attest av fakturor.", ["Kommunstyrelsen"])
    ]


def test_a_pdf_that_needs_a_password_to_open_says_so(tmp_path, capfd):
    with pytest.raises(UserError) as caught:
        read_report(_encrypted(tmp_path, "hemligt", "AES-256"))
    assert str(caught.value) == (
        "fil skyddad-AES-256.pdf: PDF-filen är lösenordsskyddad. Spara en kopia utan lösenord och läs in den."
    )
    assert capfd.readouterr().err == ""


def _scanned_pdf(path, pages: list[bool]):
    """The report's page first, appendix pages with text (True) or scanned (False) after it."""
    appendix = ["Bilaga", "Förteckning över granskade dokument."]
    return write_scanned_pdf(path, [None if not text else PAGE if n == 0 else appendix for n, text in enumerate(pages)])


def test_pages_without_text_are_named_and_the_rest_is_read(tmp_path):
    path = _scanned_pdf(tmp_path / "delvis.pdf", [True, False, False, False, True, False])
    proposal = propose_file(path, INDEX)
    assert proposal.warnings == ["Sidorna 2–4, 6 saknar text (inskannade?)."]
    assert [r.text for r in proposal.recommendations] == [PAGE[1]]


def test_one_page_without_text_and_a_scan_without_any(tmp_path):
    assert read_report(_scanned_pdf(tmp_path / "en.pdf", [True, False])).warnings == [
        "Sidan 2 saknar text (inskannad?)."
    ]
    with pytest.raises(UserError, match="ingen text. Den är troligen inskannad"):
        read_report(_scanned_pdf(tmp_path / "skannad.pdf", [False, False]))


@pytest.mark.parametrize("suffix", [".doc", ".odt", ".rtf"])
def test_formats_to_save_again_as_docx_or_pdf(tmp_path, suffix):
    path = tmp_path / f"rapport{suffix}"
    path.write_bytes(b"{\\rtf1 Vi rekommenderar}")
    with pytest.raises(UserError) as caught:
        read_report(path)
    assert str(caught.value).endswith("Spara rapporten som .docx eller PDF och läs in den igen.")
    assert f"rapport{suffix}" in str(caught.value)


def test_a_file_that_is_not_what_its_name_says(tmp_path):
    docx = write_docx(tmp_path / "egentligen.docx", [("p", "Vi rekommenderar kommunstyrelsen att se över.")])
    cases = {
        "rapport.pdf": docx.read_bytes(),
        "rapport.docx": b"Vi rekommenderar kommunstyrelsen att se \xc3\xb6ver rutinerna.",
        "rapport.txt": write_pdf(tmp_path / "p.pdf", [PAGE]).read_bytes(),
        "gammal.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    }
    messages = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(UserError) as caught:
            read_report(tmp_path / name)
        messages[name] = str(caught.value)
    assert messages == {
        "rapport.pdf": "fil rapport.pdf: Filen är ingen PDF-fil fast namnet slutar på .pdf. Innehållet är ett "
        "Word-dokument (.docx) eller en annan zip-fil.",
        "rapport.docx": "fil rapport.docx: Filen är inget Word-dokument (.docx) fast namnet slutar på .docx. "
        "Innehållet är något annat.",
        "rapport.txt": "fil rapport.txt: Filen är ingen textfil fast namnet slutar på .txt. Innehållet är en PDF-fil.",
        "gammal.docx": "fil gammal.docx: Filen är inget Word-dokument (.docx) fast namnet slutar på .docx. Innehållet "
        "är ett äldre Word-dokument (.doc). Spara rapporten som .docx eller PDF och läs in den igen.",
    }


def test_empty_and_truncated_files_get_a_swedish_message_and_nothing_on_stderr(tmp_path, capfd):
    (tmp_path / "tom.docx").write_bytes(b"")
    with pytest.raises(UserError, match="^fil tom.docx: Filen är tom.$"):
        read_report(tmp_path / "tom.docx")
    blank = write_docx(tmp_path / "blank.docx", [("p", "")])
    with pytest.raises(UserError, match="^fil blank.docx: Filen innehåller ingen text.$"):
        read_report(blank)
    whole = write_pdf(tmp_path / "hel.pdf", [PAGE, ["Bilaga 1", "Intervjuade tjänstepersoner."]]).read_bytes()
    for cut in (len(whole) // 3, len(whole) - 40):
        (tmp_path / "avkortad.pdf").write_bytes(whole[:cut])
        try:
            report = read_report(tmp_path / "avkortad.pdf")
        except UserError as exc:
            assert str(exc).startswith("fil avkortad.pdf: ") and "Error" not in str(exc)
        else:
            assert report.warnings == [
                "PDF-filen verkar ofullständig (avkortad); det som fanns läses, men sidor kan saknas."
            ]
    assert capfd.readouterr().err == ""


def test_a_bullet_list_in_one_table_cell_gives_one_recommendation_per_item(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_heading("Rekommendationer", level=1)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Rekommendation", "Ansvarig"
    cell = table.cell(1, 0)
    cell.paragraphs[0].text = "Upprätta en plan för det förebyggande arbetet."
    cell.paragraphs[0].style = doc.styles["List Bullet"]
    for item in ("Följa upp planen varje år.", "Redovisa uppföljningen för fullmäktige."):
        cell.add_paragraph(item, style="List Bullet")
    table.cell(1, 1).text = "Kommunstyrelsen"
    path = tmp_path / "cell.docx"
    doc.save(str(path))
    proposal = propose_file(path, INDEX)
    assert [(r.text, r.bodies) for r in proposal.recommendations] == [
        ("Upprätta en plan för det förebyggande arbetet.", ["Kommunstyrelsen"]),
        ("Följa upp planen varje år.", ["Kommunstyrelsen"]),
        ("Redovisa uppföljningen för fullmäktige.", ["Kommunstyrelsen"]),
    ]


def test_reading_a_pdf_tells_every_page_and_stops_when_told(tmp_path):
    path = write_pdf(tmp_path / "r.pdf", [PAGE] + [[f"Bilaga {n}", "Intervjuade."] for n in range(2, 9)])
    told = []
    read_report(path, lambda done, total: told.append((done, total)) or True)
    assert told == [(n, 8) for n in range(1, 9)]
    told.clear()
    with pytest.raises(UserError, match="Avbrutet"):
        read_report(path, lambda done, total: told.append(done) or done < 3)
    assert told == [1, 2, 3]
