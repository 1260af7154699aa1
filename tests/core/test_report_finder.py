from report_files import write_docx, write_pdf

from tracker.core.bodies import Body, BodyIndex
from tracker.core.reports.bodies_in_text import main_body
from tracker.core.reports.finder import find_recommendations
from tracker.core.reports.text import clean_text, read_report

INDEX = BodyIndex(
    [
        Body(1, "Kommunstyrelsen", "KS"),
        Body(2, "Social- och arbetsmarknadsnämnden", "SAN", spellings=["Socialnämnden"]),
        Body(3, "Tekniska nämnden", "TN"),
    ]
)


def found(text: str, index: BodyIndex = INDEX) -> list[tuple[str, list[str]]]:
    cleaned = clean_text(text)
    return [(f.text, f.bodies) for f in find_recommendations(cleaned, index, main_body(cleaned, index))]


HEADED_LIST = """Granskning av kost och måltider
Vi har granskat om tekniska nämnden styr måltidsverksamheten ändamålsenligt.

Slutsats och rekommendationer
Utifrån granskningen lämnar vi följande rekommendationer:
• Ta fram en måltidspolicy som anger mål för näring och
  matsvinn.
• Följ upp matsvinnet i skolorna minst två gånger per år.
• Säkerställ att kostenheten har rutiner för specialkost.

Bilagor
Intervjuade personer.
"""


def test_bullets_under_a_recommendations_heading_go_to_the_audited_body():
    assert found(HEADED_LIST) == [
        ("Ta fram en måltidspolicy som anger mål för näring och matsvinn.", ["Tekniska nämnden"]),
        ("Följ upp matsvinnet i skolorna minst två gånger per år.", ["Tekniska nämnden"]),
        ("Säkerställ att kostenheten har rutiner för specialkost.", ["Tekniska nämnden"]),
    ]


def test_items_continuing_vi_rekommenderar_naming_a_body_get_that_body():
    text = """Sammanfattande bedömning
Vi bedömer att styrningen av IT-säkerheten är otillräcklig.
Vi rekommenderar kommunstyrelsen att:
— Upprätta ett ledningssystem för informationssäkerhet,
— utse en informationssäkerhetssamordnare med tydligt mandat, samt
— genomföra en riskanalys av verksamhetskritiska system.
Revisorerna i Norrbyns kommun
"""
    assert found(text) == [
        ("Upprätta ett ledningssystem för informationssäkerhet.", ["Kommunstyrelsen"]),
        ("Utse en informationssäkerhetssamordnare med tydligt mandat.", ["Kommunstyrelsen"]),
        ("Genomföra en riskanalys av verksamhetskritiska system.", ["Kommunstyrelsen"]),
    ]


def test_sentences_beginning_with_bodies_after_vi_rekommenderar_att():
    text = """Rekommendationer
Vi rekommenderar att:
Kommunstyrelsen säkerställer att det finns en aktuell plan för krisberedskap.
Social- och arbetsmarknadsnämnden utvecklar uppföljningen av placeringar.
Kommunstyrelsen och tekniska nämnden tydliggör ansvaret för fastigheternas underhåll.

Bakgrund
Granskningen ingår i revisionsplanen.
"""
    assert found(text) == [
        ("Kommunstyrelsen säkerställer att det finns en aktuell plan för krisberedskap.", ["Kommunstyrelsen"]),
        ("Social- och arbetsmarknadsnämnden utvecklar uppföljningen av placeringar.",
         ["Social- och arbetsmarknadsnämnden"]),
        ("Kommunstyrelsen och tekniska nämnden tydliggör ansvaret för fastigheternas underhåll.",
         ["Kommunstyrelsen", "Tekniska nämnden"]),
    ]  # fmt: skip


def test_single_sentences_in_running_text_and_an_evaluators_recommendation():
    text = """Iakttagelser
Avtalen följs inte upp systematiskt. Vi rekommenderar kommunstyrelsen att säkerställa att
avtalsuppföljning sker årligen. Därtill har vi sett brister i diariet.

Utvärderarens slutsatser
Räddningstjänsten har en god förmåga. Utvärderaren rekommenderar förbundsledningen att ta fram en
kompetensförsörjningsplan för deltidsbrandmän.
"""
    assert found(text) == [
        ("Vi rekommenderar kommunstyrelsen att säkerställa att avtalsuppföljning sker årligen.", ["Kommunstyrelsen"]),
        ("Utvärderaren rekommenderar förbundsledningen att ta fram en kompetensförsörjningsplan för deltidsbrandmän.",
         ["Förbundsledningen"]),
    ]  # fmt: skip


def test_a_list_given_twice_with_small_differences_is_kept_once_with_extras_in_order():
    summary = """Sammanfattning
Vi har granskat om socialnämnden har en tillräcklig intern kontroll.
Rekommendationer
1. Nämnden bör dokumentera sin riskanalys.
2. Nämnden bör följa upp den interna kontrollplanen under året.
"""
    conclusion = """Rekommendationer
Vi rekommenderar socialnämnden att:
1. dokumentera sin riskanalys,
2. följa upp den interna kontrollplanen under året, och
3. rapportera avvikelser till kommunstyrelsen.
"""
    result = found(summary + "\nMetod\nIntervjuer har genomförts.\n\n" + conclusion)
    assert [text for text, _ in result] == [
        "Nämnden bör dokumentera sin riskanalys.",
        "Nämnden bör följa upp den interna kontrollplanen under året.",
        "Rapportera avvikelser till kommunstyrelsen.",
    ]
    assert all(bodies == ["Social- och arbetsmarknadsnämnden"] for _, bodies in result)


def test_a_body_not_in_the_register_is_proposed_under_its_definite_name():
    text = "Vi rekommenderar därför kultur- och fritidsnämnden att se över bidragsreglerna till föreningar."
    assert found(text) == [
        ("Vi rekommenderar därför kultur- och fritidsnämnden att se över bidragsreglerna till föreningar.",
         ["Kultur- och fritidsnämnden"]),
    ]  # fmt: skip


def test_a_report_without_recommendations_finds_none_and_the_revision_questions_are_not_taken():
    text = """Granskning av löneutbetalningar
Revisionsfrågor:
• Finns det rutiner för att hantera löneändringar?
• Sker det en uppföljning av felaktiga utbetalningar?
Vi bedömer att kommunstyrelsen har en tillräcklig intern kontroll. De rekommendationer som
lämnades i fjol är åtgärdade.
"""
    assert found(text) == []


def test_pdf_with_hyphenation_and_a_page_number_mid_sentence(tmp_path):
    pages = [
        ["Rekommendationer", "Vi rekommenderar att:",
         "- Social- och arbetsmarknadsnämnden säkerställer att handläggningen av",
         "ekonomiskt bistånd dokumenteras enligt gällande rutiner och att kom-"],
        ["munens riktlinjer revideras årligen.",
         "- Kommunstyrelsen och tekniska nämnden tar fram en gemensam plan för lokalförsörjning."],
    ]  # fmt: skip
    text = read_report(write_pdf(tmp_path / "r.pdf", pages, header="Revisionsrapport 2025")).text
    assert [(f.text, f.bodies) for f in find_recommendations(text, INDEX, main_body(text, INDEX))] == [
        ("Social- och arbetsmarknadsnämnden säkerställer att handläggningen av ekonomiskt bistånd dokumenteras "
         "enligt gällande rutiner och att kommunens riktlinjer revideras årligen.",
         ["Social- och arbetsmarknadsnämnden"]),
        ("Kommunstyrelsen och tekniska nämnden tar fram en gemensam plan för lokalförsörjning.",
         ["Kommunstyrelsen", "Tekniska nämnden"]),
    ]  # fmt: skip


def test_docx_numbered_list_and_a_table_of_recommendations(tmp_path):
    path = write_docx(tmp_path / "r.docx", [
        ("p", "Vi har granskat om kommunstyrelsen styr upphandlingen."),
        ("h", "Rekommendationer"),
        ("numbers", ["Inför en central avtalsdatabas.", "Utbilda beställare i upphandlingsreglerna."]),
        ("h", "Sammanställning av rekommendationer"),
        ("table", [["Nr", "Rekommendation", "Ansvarig"],
                   ["1", "Inför en central avtalsdatabas.", "KS"],
                   ["2", "Följ upp avtalstroheten i tekniska förvaltningen.", "Tekniska nämnden"]]),
    ])  # fmt: skip
    text = read_report(path).text
    result = [(f.text, f.bodies) for f in find_recommendations(text, INDEX, main_body(text, INDEX))]
    assert result == [
        ("Inför en central avtalsdatabas.", ["Kommunstyrelsen"]),
        ("Utbilda beställare i upphandlingsreglerna.", ["Kommunstyrelsen"]),
        ("Följ upp avtalstroheten i tekniska förvaltningen.", ["Tekniska nämnden"]),
    ]


def test_a_summary_led_by_bodies_and_a_table_in_imperative_are_one_list():
    text = """Vi rekommenderar att:
Kommunstyrelsen och tekniska nämnden säkerställer att fastigheterna underhålls enligt plan.
Direktionen beslutar om en investeringsplan för fordon.

Sammanställning av rekommendationer
Nr\tRekommendation\tAnsvarig
1\tSäkerställ att fastigheterna underhålls enligt plan.\tKommunstyrelsen, Tekniska nämnden
2\tBesluta om en investeringsplan för fordon.\tDirektionen
"""
    assert found(text) == [
        ("Kommunstyrelsen och tekniska nämnden säkerställer att fastigheterna underhålls enligt plan.",
         ["Kommunstyrelsen", "Tekniska nämnden"]),
        ("Direktionen beslutar om en investeringsplan för fordon.", ["Direktionen"]),
    ]  # fmt: skip


def test_a_page_header_between_list_items_in_pasted_text_does_not_end_the_list():
    text = """Våra rekommendationer
Vi rekommenderar socialnämnden att:
a) revidera riktlinjerna för ekonomiskt bistånd,
b) följa upp handläggningstiderna,

7
Revisionsrapport | Ekonomiskt bistånd

c) redovisa uppföljningen för nämnden.
"""
    assert [t for t, _ in found(text)] == [
        "Revidera riktlinjerna för ekonomiskt bistånd.",
        "Följa upp handläggningstiderna.",
        "Redovisa uppföljningen för nämnden.",
    ]


def test_the_fuller_wording_of_a_repeated_list_item_is_kept():
    text = """Rekommendationer
• Socialnämnden följer upp kontinuiteten i hemtjänsten.

Slutsatser
Vi rekommenderar att:
• Socialnämnden följer upp kontinuiteten i hemtjänsten och vidtar åtgärder vid behov.
"""
    assert found(text) == [
        ("Socialnämnden följer upp kontinuiteten i hemtjänsten och vidtar åtgärder vid behov.",
         ["Social- och arbetsmarknadsnämnden"]),
    ]  # fmt: skip


def test_an_authority_quoted_or_a_recommendation_declined_is_not_taken():
    text = """Bakgrund
Skolverket rekommenderar att planen tas fram tillsammans med eleverna. Deltagarna
rekommenderar att insatsen görs permanent.

Bedömning
Mot bakgrund av omorganisationen rekommenderar vi inte att nämnden reviderar
delegationsordningen nu. Vi rekommenderar att rutinen för attest ses över.
Revisorerna rekommenderar att tekniska nämnden inventerar sina avtal.
"""
    assert found(text) == [
        ("Vi rekommenderar att rutinen för attest ses över.", ["Tekniska nämnden"]),
        ("Revisorerna rekommenderar att tekniska nämnden inventerar sina avtal.", ["Tekniska nämnden"]),
    ]


def test_a_body_that_is_recommended_something_in_the_passive():
    text = (
        "Slutsatser\nInsatsen fungerar väl. Förbundsstyrelsen rekommenderas även att se över målgruppen för insatsen.\n"
    )
    assert found(text) == [
        ("Förbundsstyrelsen rekommenderas även att se över målgruppen för insatsen.", ["Förbundsstyrelsen"]),
    ]


def test_last_years_recommendations_followed_up_are_not_this_reports():
    text = """Uppföljning av föregående års rekommendationer
I föregående års granskning rekommenderade vi tekniska nämnden att:
* dokumentera den riskanalys som ligger till grund för internkontrollplanen,
* säkerställa att delegationsbeslut anmäls till nämnden.
Båda rekommendationerna har åtgärdats.

Rekommendationer
* Besluta om åtgärder för att nå en ekonomi i balans.
"""
    assert found(text) == [("Besluta om åtgärder för att nå en ekonomi i balans.", ["Tekniska nämnden"])]


def test_table_of_contents_entries_are_neither_a_heading_nor_items():
    text = """Innehållsförteckning
1. Sammanfattning och rekommendationer ............................ 3
2. Inledning .......................................................... 5
2.1 Bakgrund .......................................................... 5
3. Rekommendationer ................................................... 12
4. Källförteckning .................................................... 13

1. Sammanfattning och rekommendationer
Vi har granskat om tekniska nämnden bedriver en ändamålsenlig tillsyn.
Vi rekommenderar tekniska nämnden att:
1. ta fram en aktuell behovsutredning som grund för tillsynsplanen,
2. följa upp tillsynsplanen under året.
"""
    assert [t for t, _ in found(text)] == [
        "Ta fram en aktuell behovsutredning som grund för tillsynsplanen.",
        "Följa upp tillsynsplanen under året.",
    ]


def test_a_repeated_recommendation_with_its_words_in_another_order_is_kept_once():
    text = """Vi rekommenderar att:
Kommunstyrelsen tar fram en gemensam lokalförsörjningsplan med minst tio års planeringshorisont.

Rekommendationer
• Kommunstyrelsen bör ta fram en gemensam lokalförsörjningsplan med en planeringshorisont på minst tio år.
• Kommunstyrelsen bör fastställa en tydlig ansvarsfördelning mellan beställare och utförare.
"""
    assert len(found(text)) == 2


def test_pasted_running_footers_between_sentences_led_by_bodies_do_not_end_the_list():
    text = """Vi rekommenderar att:
Kommunstyrelsen säkerställer att stadens energimål bryts ned i nämndernas
verksamhetsplaner.
Tekniska nämnden följer upp energianvändningen per fastighet.
Västerås stad | Stadsrevisionen
Sida 2 av 3
Tekniska nämnden säkerställer att gatubelysningen byts till LED.
Kommunstyrelsen utreder hur bolagen kan samordna sina energiinköp.
Västerås stad | Stadsrevisionen
Sida 3 av 3
"""
    assert [b for _, b in found(text)] == [["Kommunstyrelsen"], ["Tekniska nämnden"], ["Tekniska nämnden"],
                                           ["Kommunstyrelsen"]]  # fmt: skip


def test_a_company_board_is_named_with_its_company():
    text = "Vi rekommenderar även styrelsen i Ekby Energi AB att ta fram en rutin för rapportering till ägaren."
    assert found(text)[0][1] == ["Styrelsen i Ekby Energi AB"]


def test_the_auditors_or_their_firm_recommend_a_few_words_before_the_verb():
    text = """Bedömning
Revisorerna i Ekby kommun rekommenderar att rutinen för attest ses över. KPMG rekommenderar
att avtalen registreras i ett system.
"""
    assert [t for t, _ in found(text)] == [
        "Revisorerna i Ekby kommun rekommenderar att rutinen för attest ses över.",
        "KPMG rekommenderar att avtalen registreras i ett system.",
    ]


def test_a_national_authority_the_report_quotes_is_no_body():
    text = """Bakgrund
Socialstyrelsen har i sina föreskrifter rekommenderat en plan. Enligt Länsstyrelsen och
Socialstyrelsen finns brister i tillsynen.

Bedömning
Vi rekommenderar att planen följs upp årligen.
"""
    assert found(text, BodyIndex([])) == [("Vi rekommenderar att planen följs upp årligen.", [])]
