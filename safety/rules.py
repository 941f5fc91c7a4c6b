"""Layer 2 of prompt moderation: keyword/phrase rules per category, with benign context.

Contract: `check_rules(canonical) -> dict[category, RuleHit]` over the `canonical` view from `safety.normalize`
(lower case, no accents, obfuscation undone). Pure regex, microseconds per prompt, no I/O. A category appears only
when a trigger matched outside every benign-context span, e.g. "shoot" inside "shoot a photo", "killer" inside
"killer whale", "breast" inside "chicken breast" never count. A hit is `soft` when all its triggers are soft ones
(a robbery, drugs, "a murder": as often a cartoon or a cop show); the moderator then asks the classifier instead of
refusing on the rule alone. Given the `original` prompt too, a capitalised public-figure name that is an ordinary
word in lower case ("Lula", "Tusk") is a real_people hit (soft at the start of a sentence), and so is a
person-shaped name on no list ("Karl Lauterbach"). `rule_lexicon()` is the normalisation lexicon plus the rules'
own (multilingual) keywords, so de-leeting and word segmentation recognise them.

Policy encoded here (the labelled prompt sets follow the same policy):
- sexual: nudity, sex acts, pornography. Swimwear, kissing, romance pass.
- minors: any sexual or suggestive term together with a child/teen term, or terms that are abusive on their own.
  Children doing ordinary things pass.
- violence: gore, mutilation, torture, killing or murdering people. Sports fights, battles, action scenes pass.
- weapons_illegal: making weapons/explosives, WMD agents, hard drugs, crimes (robbery, theft, trafficking,
  hacking) and any crime as a how-to. A soldier or cowboy holding a gun passes; a robbery, a burglary or drugs in
  a story (a cartoon heist, a cop show) and smuggling are soft hits that the classifier decides.
- real_people: named well-known people or office holders of a named country (deepfake risk), the word deepfake.
Terms are English, Spanish, French and German, plus Italian, Dutch, Polish and Portuguese
(`safety.rule_words_it_nl_pl_pt`); benign contexts in all eight (`safety.rule_benign_contexts`) include idioms
("matando el tiempo"), nudes in art ("statue of a nude athlete") and suicide-prevention helplines.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from safety.normalize import Lexicon, segment
from safety.rule_patterns import (  # noqa: F401  (re-exported for callers)
    BENIGN_CONTEXT, CATEGORY_RULES, EXTRA_WORDS, EXTREMISM, HATE, JOINED_MINOR_STEMS, JOINED_STEMS, MINOR_ONLY,
    MINOR_TERMS, NAMES, REAL_PEOPLE, SELF_HARM, SEXUAL, SOFT_TRIGGERS, SUGGESTIVE, TARGETED_CONTEXTS, VIOLENCE,
    WEAPONS_ILLEGAL, _rx,
)
from safety.rule_people import (ARTISTS, CASED_PEOPLE, FICTION_ROLES, FIRST_NAMES, HISTORICAL_SETTING, LONG_DEAD,
                                 NAMING_CUES, NOT_A_SURNAME, PERSON_SHAPE, PLACE_PREFIXES, PLACE_SUFFIXES,
                                 RELATION_NAME)

RULE_SCORE = 1.0


@dataclass(frozen=True)
class RuleHit:
    category: str
    term: str          # the matched text, for logs at debug level only
    score: float = RULE_SCORE
    soft: bool = False  # every trigger was a soft one (`rule_patterns.SOFT_TRIGGERS`): the classifier must agree


@functools.lru_cache(maxsize=1)
def rule_lexicon() -> Lexicon:
    name_words = [w for n in NAMES for w in n.split() if len(w) >= 3]
    return Lexicon.default().with_words(list(EXTRA_WORDS) + name_words)


def _phrase_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in BENIGN_CONTEXT.finditer(text)]


def _targeted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the trigger words that gap contexts excuse (only their `x` group, not the words in the gap)."""
    return [m.span("x") for pattern in TARGETED_CONTEXTS for m in pattern.finditer(text)]


def _unexcused(pattern: re.Pattern, text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text)
            if not any(bs <= m.start() and m.end() <= be for bs, be in spans)]


def _first_unexcused(pattern: re.Pattern, text: str, spans: list[tuple[int, int]]) -> str | None:
    terms = _unexcused(pattern, text, spans)
    return terms[0] if terms else None


def _text_hits(text: str) -> dict[str, RuleHit]:
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)  # "bare-breasted", "neo-nazi", "self-harm": hyphen as a space
    phrase_spans = _phrase_spans(text)
    spans = phrase_spans + _targeted_spans(text)
    hits: dict[str, RuleHit] = {}
    for category, pattern in CATEGORY_RULES.items():
        terms = _unexcused(pattern, text, spans)
        if terms:
            soft = category in SOFT_TRIGGERS and all(SOFT_TRIGGERS[category].fullmatch(t) for t in terms)
            hits[category] = RuleHit(category, terms[0], soft=soft)
    # Words about children are never excused by a gap context ("statue of a child naked"), only by phrases.
    minor_only = _first_unexcused(MINOR_ONLY, text, phrase_spans)
    minor = None if minor_only is not None else _first_unexcused(MINOR_TERMS, text, phrase_spans)
    if minor_only is not None:
        hits["minors"] = RuleHit("minors", minor_only)
    # A nude excused as art still makes a minor in the same prompt a minors hit ("a painting of a 12-year-old girl
    # posing naked"): the art contexts excuse nudity, never a child's.
    elif minor is not None and ("sexual" in hits or _first_unexcused(SEXUAL, text, phrase_spans) is not None
                                or _first_unexcused(SUGGESTIVE, text, spans) is not None):
        hits["minors"] = RuleHit("minors", minor)
    return hits


@functools.lru_cache(maxsize=1)
def _favoured_words() -> frozenset[str]:
    return frozenset(w for w in EXTRA_WORDS if len(w) >= 4 and w != "pedo") | {"sex", "gay", "gays", "die"}


def cased_name_hit(original: str) -> RuleHit | None:
    """A real_people hit read from the original prompt's capitals, or None: a public figure whose name is an ordinary
    word in lower case ("Lula", "Tusk"; `rule_people.CASED_PEOPLE`), hard mid-sentence and soft at the start of a
    sentence; else a hard hit for a person-shaped name on no list ("Karl Lauterbach") or a soft one for a named
    colleague, classmate or neighbour ("my colleague Jeroen")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", original))
                     if not unicodedata.combining(c))
    folded = folded.replace("\u0142", "l").replace("\u0141", "L")  # Polish ł does not decompose
    unleeted = folded.translate(str.maketrans("4310$@5", "aeiosas"))  # "B4d Bunny", keeping the case
    # In an all-capital or Title Case prompt the capitals say nothing, so what they find is only soft.
    words = re.findall(r"[^\W\d_]+", folded)
    capitals_say_nothing = sum(w[0].isupper() for w in words) > 0.6 * max(1, len(words))
    match = CASED_PEOPLE.search(folded) or CASED_PEOPLE.search(unleeted)
    if match:
        # Mid-sentence the capital can only be the name ("vídeo falso do Lula"); at the start of the prompt or of a
        # sentence it may be the ordinary word ("Lula grelhada"), so the classifier decides.
        starts_sentence = re.fullmatch(r"(?:.*[.!?:;\n])?[\s\"'(\[*#-]*", folded[:match.start()], re.S) is not None
        return RuleHit("real_people", match.group(0), soft=starts_sentence or capitals_say_nothing)
    for m in PERSON_SHAPE.finditer(folded):
        first, surname = m.group(1).lower(), m.group(3).lower().strip("-'")
        if (first not in FIRST_NAMES or surname in NOT_A_SURNAME or surname in ARTISTS
                or f"{first} {surname}" in LONG_DEAD):
            continue
        before = folded[max(0, m.start() - 80):m.start()].lower().split()[-4:]
        after = folded[m.end(3):m.end(3) + 30].lower().split()[:1]
        if (not (before and before[-1].strip(".") in PLACE_PREFIXES)
                and not (after and after[0].strip(",.;:") in PLACE_SUFFIXES)
                and not any(w.strip(",.;:'\"") in NAMING_CUES for w in before)
                and not any(w.strip(",.;:'\"") in FICTION_ROLES for w in before[-2:])):
            # A person on no list: the policy refuses named real people, and fiction mostly uses roles, not names.
            # A year before 1900 or a named century sets the scene in the past: the name is more likely a long-dead
            # figure (outside the policy), so only the classifier can refuse it.
            return RuleHit("real_people", f"{m.group(1)}{m.group(2)} {m.group(3)}",
                           soft=capitals_say_nothing or HISTORICAL_SETTING.search(folded.lower()) is not None)
    match = RELATION_NAME.search(folded)
    return RuleHit("real_people", match.group(0), soft=True) if match else None


def check_rules(canonical: str, joined: tuple[str, ...] = (), original: str = "") -> dict[str, RuleHit]:
    """Categories whose rules fire on the canonical prompt text and on the joined runs of separated letters
    (`NormalizedText.joined`), plus a real_people hit read from the capitals of the `original` text when given
    (`cased_name_hit`); an empty dict means no rule fired."""
    hits = _text_hits(canonical)
    if original and "real_people" not in hits:
        cased = cased_name_hit(original)
        if cased is not None:
            hits = {**hits, "real_people": cased}
    if not joined:
        return hits
    # Separated letters lose their word breaks. Re-read each run favouring rule keywords ('asexact' ->
    # 'a sex act') and run the same rules, benign context included, on that reading too.
    biased = " ".join(segment(run, rule_lexicon(), _favoured_words()) for run in joined)
    for category, hit in _text_hits(biased).items():
        if category not in hits or (hits[category].soft and not hit.soft):  # a hard reading wins
            hits[category] = hit
    for run in joined:
        for category, stems in JOINED_STEMS.items():
            # A stem that a reading recovered as a word was already judged, benign context included.
            stem = next((st for st in stems if st in run and not re.search(r"\b" + st, canonical + " " + biased)),
                        None)
            if stem is not None and (category not in hits or hits[category].soft):
                hits[category] = RuleHit(category, stem)
        if "sexual" in hits and any(st in run for st in JOINED_MINOR_STEMS):
            hits.setdefault("minors", RuleHit("minors", "joined"))
    return hits
