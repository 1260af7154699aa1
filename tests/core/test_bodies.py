"""Bodies by name, short form and other spellings."""

from __future__ import annotations

from tracker.core.bodies import Body, BodyIndex, split_names


def test_several_bodies_in_one_cell_are_split_but_compounds_are_kept():
    assert split_names("KS, SN") == ["KS", "SN"]
    assert split_names("KS och SAN") == ["KS", "SAN"]
    assert split_names("KS/BUN; TN & VON") == ["KS", "BUN", "TN", "VON"]
    assert split_names("Kommunstyrelsen och social- och arbetsmarknadsnämnden") == [
        "Kommunstyrelsen",
        "social- och arbetsmarknadsnämnden",
    ]
    assert split_names("") == []


def test_a_body_is_found_by_name_short_form_spelling_or_lookup_sheet():
    index = BodyIndex(
        [
            Body(1, "Kommunstyrelsen", "KS", spellings=["Kommunstyrelsen (KS)"]),
            Body(2, "Social- och arbetsmarknadsnämnden", "SAN"),
        ],
        lookup={"Soc": "Social- och arbetsmarknadsnämnden"},
    )
    assert index.find("ks").id == 1
    assert index.find("KOMMUNSTYRELSEN").id == 1
    assert index.find("kommunstyrelsen (KS)").id == 1
    assert index.find("social- och arbetsmarknadsnämnd").id == 2
    assert index.find("Soc").id == 2
    assert index.find("Tekniska nämnden") is None
    assert index.resolve_name("Tekniska nämnden ") == "Tekniska nämnden"
