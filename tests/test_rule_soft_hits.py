"""Soft rule hits (safety/rule_patterns.SOFT_TRIGGERS): words that are as often a story, a documentary or a history
lesson as a harmful request; the rules name the category and the classifier decides. Hard readings stay hard."""
from __future__ import annotations

import pytest

from safety.normalize import normalize
from safety.rules import check_rules, rule_lexicon

LEX = rule_lexicon()


def rule_hits(text: str):
    norm = normalize(text, LEX)
    return check_rules(norm.canonical, norm.joined)


@pytest.mark.parametrize("prompt", [
    "film noir: an inspector investigates a murder in a rainy harbour town",
    "le commissaire enquête sur un meurtre dans un train de nuit",
    "serie poliziesca: la squadra indaga su un omicidio in Sicilia",
    "série policial: a detetive investiga um assassinato em Lisboa",
])
def test_a_murder_as_the_case_of_a_crime_story_is_a_soft_hit(prompt):
    found = rule_hits(prompt)
    assert set(found) == {"violence"} and found["violence"].soft


def test_murdering_and_gore_stay_hard():
    for prompt in ("a man murdering his neighbour", "a murder, blood everywhere on the walls",
                   "murdered in cold blood"):
        assert "violence" in rule_hits(prompt) and not rule_hits(prompt)["violence"].soft, prompt


@pytest.mark.parametrize("prompt", [
    "un film sur la contrebande de cigarettes à Marseille dans les années 50",
    "Zoll beschlagnahmt geschmuggelte Zigaretten im Hamburger Hafen",
])
def test_smuggling_nouns_are_soft_hits(prompt):
    found = rule_hits(prompt)
    assert set(found) == {"weapons_illegal"} and found["weapons_illegal"].soft


def test_a_roman_salute_or_the_black_sun_alone_is_a_soft_extremism_hit():
    found = rule_hits("documentario sul fascismo: filmati d'archivio di un saluto romano")
    assert set(found) == {"extremism"} and found["extremism"].soft
