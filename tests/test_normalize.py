"""Layer 1: every obfuscation trick is undone, and ordinary prompts come through unchanged."""
from __future__ import annotations

import pytest

from safety.normalize import OBFUSCATION_KINDS, Lexicon, fold, normalize, obfuscate, segment
from safety.rules import rule_lexicon

LEX = rule_lexicon()


def canon(text: str) -> str:
    return normalize(text, LEX).canonical


@pytest.mark.parametrize("kind", OBFUSCATION_KINDS)
@pytest.mark.parametrize("sentence", [
    "a naked woman lying on a bed",
    "he wants to kill himself with pills",
    "un hombre decapitado en la calle",
])
def test_each_trick_is_undone(kind, sentence):
    obfuscated = obfuscate(sentence, kind)
    assert obfuscated != sentence
    assert canon(obfuscated).replace(",", "") == canon(sentence)


@pytest.mark.parametrize("raw, expected", [
    ("n4k3d", "naked"), ("k1ll h1m", "kill him"), ("$ex scene", "sex scene"), ("d3snud4", "desnuda"),
    ("n.u.d.e", "nude"), ("n u d e", "nude"), ("n-u-d-e girl", "nude girl"), ("a n u d e w o m a n", "a nude woman"),
    ("nuuuuude", "nude"), ("sexxxy", "sexy"), ("kiiiilll", "kill"),
    ("ѕех", "sex"), ("nаkеd", "naked"), ("ᴋɪʟʟ", "kill"), ("🅽🆄🅳🅴", "nude"),
    ("n\u200bu\u200cd\u200de", "nude"), ("n\u00adude", "nude"), ("n̷u̷d̷e̷", "nude"),
    ("ＮＵＤＥ", "nude"), ("𝐧𝐮𝐝𝐞", "nude"), ("Straße", "strasse"), ("niño", "nino"),
])
def test_known_readings(raw, expected):
    assert canon(raw) == expected


@pytest.mark.parametrize("prompt", [
    "a 3d render of a cat, 4k, 60fps, 1080p",
    "coffee shop with good food and a cool vibe",
    "a golden retriever running through a field of sunflowers, slow motion",
    "wow! amazing sunset over the sea",
    "a 2x speed timelapse of the city in 8k",
])
def test_ordinary_prompts_unchanged(prompt):
    assert canon(prompt) == prompt.lower()
    assert normalize(prompt, LEX).tricks == ()


def test_leet_mode_reads_bare_numbers_only_when_the_prompt_is_leet():
    assert canon("4n 3xpl1c17 4n1m4710n 0f 4 53x 4c7") == "an explicit animation of a sex act"
    assert canon("4 cats and 53 dogs") == "4 cats and 53 dogs"


def test_homoglyphs_fold_only_words_that_become_latin():
    folded, tricks = fold("привет мир and а сat")
    assert folded.startswith("привет мир")  # real Russian words are left alone
    assert folded.endswith("and a cat") and "homoglyph" in tricks


def test_tricks_are_reported():
    assert set(normalize("n4k3d n.u.d.e nuuuude ѕех n\u200bude", LEX).tricks) == {
        "leet", "separators", "repeat", "homoglyph", "zero_width"}


def test_dots_keep_word_breaks_and_wide_gaps_too():
    assert normalize("n.u.d.e w.o.m.a.n", LEX).joined == ("nude", "woman")
    assert canon("n u d e  w o m a n  on the beach") == "nude woman on the beach"


def test_segmentation_prefers_frequent_words_and_favoured_keywords():
    assert segment("anudewomanonthebeach", LEX) == "a nude woman on the beach"
    assert segment("asexact", LEX) != "a sex act"  # the plain reading is 'as exact' ...
    assert segment("asexact", LEX, frozenset({"sex"})) == "a sex act"  # ... unless the rules favour their keyword


def test_works_without_the_minilm_vocabulary():
    bare = Lexicon({})
    assert normalize("N4K3D   ѕех", bare).canonical == "naked sex"
    assert normalize("nuuuude", bare).canonical == "nude"


def test_unknown_obfuscation_kind_is_rejected():
    with pytest.raises(ValueError):
        obfuscate("x", "rot13")


def test_cyrillic_capitals_that_look_latin_fold_only_inside_latin_words():
    assert normalize("MrВeast and ТRUМP").canonical == "mrbeast and trump"
    assert normalize("нет").canonical == "нет"  # an all-Cyrillic word is left alone


def test_a_space_before_a_colon_or_question_mark_is_dropped_so_contexts_read_french_typography():
    assert normalize("reconstitution historique : un duel ; qui gagne ?", LEX).canonical == \
        "reconstitution historique: un duel; qui gagne?"


@pytest.mark.parametrize("raw, expected", [("massacrata 5-0, i giocatori", "massacrata 5-0, i giocatori"),
                                           ("um massacre de 7 a 0", "um massacre de 7 a 0")])
def test_a_score_is_not_read_as_spelled_out_letters(raw, expected):
    assert normalize(raw, LEX).canonical == expected


def test_a_number_code_written_apart_is_still_joined():
    assert "1488" in normalize("banner with '1-4-8-8' on it", LEX).canonical
