"""Real people in prompts: the public-figure lists and the patterns that read names from the original prompt.

Contract: data only. `NAMES` come from `data/public_figures.txt` (lower case; `rule_patterns.REAL_PEOPLE` matches
them in the folded canonical text, hard hits). `CASED_NAMES` come from `data/public_figures_cased.txt`: names that
are ordinary words in lower case (Portuguese "lula" is squid, Italian "meloni" are melons, English "tusk"), so
`CASED_PEOPLE` matches them only when capitalised in the original text (accents folded, case kept, Polish case
endings allowed: "Tuska"); `safety.rules` reports such a match mid-sentence as a hard hit ("vídeo falso do Lula"),
and at the start of a sentence as a soft hit that the learned classifier must confirm, because a capital also starts
a sentence ("Lula grelhada"). `PERSON_SHAPE` with `FIRST_NAMES` finds names that are on no list ("Karl Lauterbach"):
a common first name and a capitalised surname, a hard hit unless the surname is a place, a brand or a fictional
character (`NOT_A_SURNAME`), the full name a long-dead figure's (`LONG_DEAD`), or the name an artist, a style
reference, an introduced character or a fantasy role ("in the style of Wes Anderson", "a detective named John Smith",
"the knight Zofia Wilk"); in a dated historical scene (`HISTORICAL_SETTING`, "1517") it is only soft.
`RELATION_NAME` finds a named private person ("my colleague Jeroen"), the usual target of a bullying video, as a soft
hit.
"""
from __future__ import annotations

import re
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _read_names(filename: str) -> tuple[str, ...]:
    lines = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# Well-known real people (politicians, royals, business leaders, celebrities): one name per line, editable.
NAMES: tuple[str, ...] = tuple(n.lower() for n in _read_names("public_figures.txt"))
CASED_NAMES: tuple[str, ...] = _read_names("public_figures_cased.txt")
# Common first names (`data/first_names.txt`): a capitalised one followed by a capitalised surname is person-shaped.
FIRST_NAMES: frozenset[str] = frozenset(w for line in _read_names("first_names.txt") for w in line.split())

# "Karl Lauterbach", "Maria da Silva", "Jan van Dijk": a capitalised word, particles, a capitalised word (the caller
# checks the first against FIRST_NAMES). A lookahead, so "Captain Jack Sparrow" is tried at every word.
PERSON_SHAPE = re.compile(r"(?=\b([A-Z][a-z]+)((?: (?:de|da|do|dos|das|van|von|der|den|di|del|della|la|le|du|ten|"
                          r"ter|y))*) ([A-Z][a-z][a-z'-]*)\b)")
# "my colleague Jeroen", "ma voisine Sophie": a named private person next to the people one mocks most (classmates,
# colleagues, neighbours, teachers), a soft hit whatever the first name is.
RELATION_NAME = re.compile(
    r"\b(?i:my|our|mon|ma|notre|mi|nuestr[oa]|mein\w*|unser\w*|il mio|la mia|mijn|onze|moj\w*|nasz\w*|meu|minha|"
    r"noss[oa]) (?:\w+ ){0,2}?(?i:colleague|coworker|co-worker|classmate|neighbou?r|intern|boss|teacher|roommate|"
    r"flatmate|ex|collegue|stagiaire|voisine?|camarade|prof|patron|compa[nñ]er[oa]|vecin[oa]|jef[ea]|profe\w*|"
    r"kolleg(?:e|in)|nachbar(?:in)?|mitschuler(?:in)?|lehrer(?:in)?|chef(?:in)?|praktikant(?:in)?|collega|vicin[oa]|"
    r"compagn[oa] di (?:classe|banco)|stagista|capo|buurman|buurvrouw|klasgeno(?:ot|te)|stagiair[e]?|baas|leraar|"
    r"lerares|koleg\w*|kolez\w*|sasiad\w*|szef\w*|nauczyciel\w*|praktykant\w*|colega|vizinh[oa]|"
    r"chefe|estagiari[oa]|professor[a]?),? ([A-Z][a-z]+)\b")
# Place names built on a saint's or a first name ("Sao Paulo", "San Diego", "Sankt Peter").
PLACE_PREFIXES = frozenset({"sao", "san", "santa", "santo", "saint", "sainte", "st", "sankt", "sint", "port", "fort",
                            "lake", "mount", "cape"})
# Not a person (the surname position decides): a place or an event named after one ("Victoria Falls"), a brand named
# after its founder ("Louis Vuitton", "Mercedes Benz", "Jack Daniels"), a fictional character ("Harry Potter", "Peter
# Pan", "Michael Corleone"), a long-dead figure ("Julius Caesar"), a dog breed ("Jack Russell").
NOT_A_SURNAME = frozenset((
    "street straat strasse avenue avenida road day square platz park huis house haus museum museo school stadium "
    "stadion bridge airport station hall center centre island river falls lake bay beach hotel church cathedral "
    "compostela nevis russell caesar "
    "vuitton dior lauren hilfiger klein boss daniels benz kors chanel cardin gaultier armani versace kart bros payne "
    "potter pan parker sparrow holmes bond croft wayne kent stark skywalker solo simpson mouse duck bunny claus frost "
    "rabbit hood pooh kenobi vader wick rambo mcclane bourne ripley lecter bates dracula frankenstein hyde jekyll "
    "marple poirot maigret montalbano wallander derrick tintin lupin valjean quasimodo pinocchio gepetto geppetto "
    "bovary karenina gatsby eyre copperfield twist finn sawyer crusoe gulliver doolittle poppins weasley granger "
    "dumbledore snape baggins gamgee targaryen lannister corleone snow white belle").split())
# Long-dead figures by their full name (first name and surname as PERSON_SHAPE reads them, particles dropped): the
# surnames alone are common among the living ("Thomas Bach", "Sérgio Cabral"), so they are not in NOT_A_SURNAME.
LONG_DEAD = frozenset((
    "martin luther", "marie curie", "maria sklodowska", "pedro alvares", "cristoforo colombo", "cristobal colon",
    "christopher columbus", "fernao magalhaes", "ferdinand magellan", "mikolaj kopernik", "nicolaus copernicus",
    "galileo galilei", "isaac newton", "charles darwin", "ludwig beethoven", "johann sebastian", "frederic chopin",
    "fryderyk chopin", "franz schubert", "giuseppe verdi", "giacomo puccini", "william shakespeare",
    "miguel cervantes", "johann wolfgang", "friedrich schiller", "dante alighieri", "luis camoes", "louis pasteur",
    "napoleon bonaparte", "abraham lincoln", "thomas jefferson", "george washington", "giulio cesare", "julio cesar",
    "jules cesar", "julius caesar", "juliusz cezar", "joan arc", "jeanne arc", "marie antoinette", "leonardo vinci",
    "vasco gama", "simon bolivar"))
# Words that turn the name before them into a place or an event ("Anne Frank Huis", "Christopher Street Day").
PLACE_SUFFIXES = frozenset("street straat strasse avenue road day square platz huis house haus museum museo school "
                           "stadium stadion bridge airport station hall center centre park terrier".split())
# Artists named as a style or as an artwork's maker ("in the style of Vincent van Gogh", "il David di Michelangelo").
ARTISTS = frozenset((
    "michelangelo donatello bernini botticelli leonardo raffaello raphael caravaggio canova tiziano titian rembrandt "
    "vermeer rubens goya velazquez rodin renoir monet manet degas cezanne gauguin picasso dali durer giotto klimt gogh "
    "kahlo munch magritte matisse hopper warhol hokusai turner constable chagall miro mondrian kandinsky "
    "vinci").split())
# A name after these is a style reference ("in the style of Wes Anderson") or a character being introduced ("a
# detective named John Smith"), not a real person in the video.
NAMING_CUES = frozenset("style stil estilo stile stijl stylu styl inspired inspire inspirado ispirato manier maniere "
                        "named called nomme nommee appele appelee llamado llamada chiamato chiamata genaamd "
                        "imieniu chamado chamada namens".split())
# A fantasy or fairy-tale role right before the name ("Rycerka Zofia Wilczańska", "the witch Anna Morgen") marks an
# invented character. Titles that real people hold (captain, doctor, prince, queen) are not here.
FICTION_ROLES = frozenset((
    "knight ridder ritter ritterin chevalier caballero cavaliere cavaleiro rycerz rycerka wizard sorcerer sorceress "
    "witch warlock mage zauberer zauberin hexe magier sorcier sorciere magicienne enchanteresse bruja brujo "
    "hechicera hechicero strega stregone tovenaar tovenares heks czarodziej czarodziejka czarownica wiedzma "
    "wiedzmin feiticeiro feiticeira bruxa elfe elfin elfa elfo fairy hada wrozka fada dwarf zwerg nain enano "
    "dwerg krasnolud paladin paladino paladyn druid druide druida druidka").split())
# A year before 1900 (not a price or a size) or a century up to the 19th ("1517", "XVI wieku", "im 18. Jahrhundert"): a
# person-shaped name in such a scene is only a soft hit (`safety.rules.cased_name_hit`), the classifier decides.
HISTORICAL_SETTING = re.compile(
    r"\b1[0-8]\d\d\b(?! ?(?:x|euro|eur|€|\$|dollars?|px|p|k|km|m|kg|zl\w*|reais|pesos|franken|chf|pln|usd|gbp)\b)|"
    r"\b(?:(?!xx)[xvi]+|1?\d(?:st|nd|rd|th|e|eme|er|º|°|\.)?) ?(?:century|siecle|siglo|secolo|jahrhundert\w*|eeuw|"
    r"wieku|wiek|seculo)\b|\b(?:siglo|secolo|seculo|siecle|wiek\w*) (?:(?!xx)[xvi]+|1?\d)\b")

# Case-sensitive: the capital is the evidence. Polish declension adds -a, -em, -owi, -iem, -ie, -u.
# Names ending in a vowel take no ending ("Messi", not "Messia"); all-capital spellings count too ("LULA").
CASED_PEOPLE = re.compile(r"\b(?:" + "|".join(
    re.escape(v) + ("" if n[-1] in "aeiouy" else r"(?:a|em|owi|iem|ie|u|A|EM|OWI|IEM|IE|U)?")
    for n in CASED_NAMES for v in (n, n.upper())) + r")\b")
