"""The pattern tables behind `safety.rules`: per-category trigger regexes, benign contexts and keyword lists.

Contract: data only (compiled regexes, tuples; the public-figure lists are in `safety.rule_people`), no logic beyond
building the patterns; `safety.rules` applies them. Kept apart so the policy's vocabulary can be reviewed and
extended without touching the matching code.
"""
from __future__ import annotations

import re

from safety import rule_benign_contexts as contexts
from safety import rule_words_it_nl_pl_pt as more
from safety.rule_people import NAMES


def _rx(*alternatives: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


_GROUP = (r"(?:jews|jewish people|muslims|blacks|black people|gays|gay people|lesbians|trans people|transgender people|"
          r"immigrants|migrants|refugees|mexicans|asians|chinese people|arabs|women|roma|gypsies|indigenous people|"
          r"disabled people|homeless people|juden|muslime|schwarze|fluchtlinge|auslander|schwule|judios|musulmanes|"
          r"negros|gitanos|inmigrantes|refugiados|mujeres|juifs|musulmans|noirs|immigres|refugies|homosexuels|"
          r"femmes|gitans)")
_INSULT = (r"(?:vermin|rats?|cockroach(?:es)?|parasites?|animals|apes|monkeys|subhumans?|sub-humans|plague|infestation|"
           r"inferior|filth|filthy|diseased?|savages?|dogs|pigs|worthless|freaks|scum|criminals and rapists|"
           r"ungeziefer|parasiten|tiere[n]?|minderwertig\w*|ratten|affen|plaga|ratas|animales|inferiores|monos|basura|"
           r"singes|inferieur\w*|vermine|animaux|sous[- ]hommes)")
# Italian, Dutch, Polish and Portuguese groups and insults (safety.rule_words_it_nl_pl_pt).
_GROUP = _GROUP[:-1] + "|" + "|".join(more.HATE_GROUPS) + ")"
_INSULT = _INSULT[:-1] + "|" + "|".join(more.HATE_INSULTS) + ")"
_PRON = r"(?:him|her|them|me|us|you|people|someone|somebody|a man|a woman|a person|a boy|a girl|the man|the woman|" \
        r"the victim|his wife|her husband|civilians|children|kids|hostages|prisoners|everyone)"
_REFLEXIVE = r"(?:myself|himself|herself|themselves|yourself|themself|oneself)"
_POSS = r"(?:my|his|her|their|your|own)"

SEXUAL = _rx(
    r"nudes?", r"nudity", r"naked(?:ness)?", r"nsfw", r"porn\w*", r"xxx", r"x rated", r"sex", r"sexual(?:ly)?",
    r"having sex", r"sex tape", r"intercourse", r"erotic\w*", r"topless", r"bottomless", r"genitals?", r"genitalia",
    r"penis(?:es)?", r"vaginas?", r"vulvas?", r"nipples?", r"breasts?", r"boobs?", r"tits", r"titties", r"pussy",
    r"orgasm\w*", r"masturbat\w*", r"blow ?jobs?", r"hand ?jobs?", r"cum ?shots?", r"hentai", r"strippers?",
    r"striptease", r"strip(?:s|ping)? naked", r"undress(?:es|ed|ing)?", r"fetish\w*", r"bdsm", r"bondage",
    r"onlyfans", r"sexually explicit", r"in the nude", r"(?:no|without) clothes", r"unclothed",
    r"bare (?:breasted|chested woman|butt|ass)", r"making love", r"make love", r"orgy", r"orgies", r"threesome",
    r"lewd", r"horny", r"aroused", r"spread(?:s|ing)? (?:her|his|their) legs", r"sexy naked", r"camgirl",
    r"(?:wearing|with) nothing(?: on| at all)?", r"nothing on",
    r"(?:fully|completely|totally|entirely) (?:bare|nude|exposed)",
    r"bare (?:body|bodies|breasts?|backside|bottom)", r"(?:takes?|taking|took|pull(?:s|ing)?|rip(?:s|ping)?) off "
    r"(?:all |every )?(?:of )?(?:her|his|their|each other's) (?:clothes|clothing|underwear|bra|panties)",
    r"remov(?:e|es|ed|ing) (?:all |every )?(?:of )?(?:her|his|their) (?:clothes|clothing|underwear|bra|panties)",
    r"removing every piece of clothing", r"see[- ]through (?:top|dress|shirt) with (?:nothing|no bra)",
    r"grop(?:e|es|ed|ing)", r"fondl\w*", r"sexting", r"nude selfies?", r"erotik\w*", r"sin (?:nada de )?ropa",
    r"se desnud\w*", r"pechos desnudos", r"sans (?:aucun )?vetements?", r"enleve (?:tous )?ses vetements",
    r"se deshabill\w*", r"deshabill\w*", r"zieht sich (?:\w+ )?aus", r"ohne kleider", r"nackte[nr]? (?:brust|bruste)",
    # es
    r"desnud[oa]s?", r"desnudez", r"sexo", r"sexuales?", r"tetas", r"pezon(?:es)?", r"eroticas?", r"eroticos?",
    r"follando", r"coito", r"pene", r"sin ropa", r"haciendo el amor", r"pornografi\w*",
    # fr
    r"nues?", r"nus", r"toute? nue?s?", r"(?:homme|femme|fille|garcon|corps|modele|couple)s? (?:tout )?nue?s?",
    r"sexe", r"sexuel(?:le)?s?", r"seins nus", r"erotique\w*", r"sans vetements",
    r"faire l'?amour", r"font l'?amour", r"vagin", r"tetons",
    # "à poil" is naked ("un chat à poil long" is a long-haired cat); "un film de cul" is porn
    r"a poil\b(?! (?:long|longs|court|courts|ras|dur|durs|raide|raides|mi-long\w*|laineux|frise|lisse|soyeux|de \w+))",
    r"films? de cul",
    # de
    r"nackt\w*", r"sexuell\w*", r"sexszene\w*", r"erotisch\w*", r"bruste", r"titten", r"ficken\w*", r"fickt",
    r"ohne kleidung", r"oben ohne", r"geschlechtsverkehr", r"selbstbefriedigung",
    *more.SEXUAL,
)
SUGGESTIVE = _rx(
    r"sexy", r"seductive(?:ly)?", r"sensual(?:ly)?", r"lingerie", r"bikinis?", r"underwear", r"panties",
    r"provocative(?:ly)?", r"suggestive(?:ly)?", r"flirt\w*", r"lust(?:ful|fully|ing|y)?",
    r"in (?:a |her |his )?bed with", r"kiss(?:es|ing)? (?:an? )?(?:adult|man|woman|teacher)", r"erotic\w*",
    r"strip(?:s|ping|per|pers|tease)?", r"touch(?:ing|es)? (?:her|him|them) (?:inappropriately|sexually)",
    r"inappropriate(?:ly)?", r"thongs?", r"seduc\w*", r"undress\w*", r"dessous", r"ropa interior", r"lenceria",
    r"sensuel\w*", r"sous[- ]vetements?", r"unterwasche", r"reizwasche", r"verfuhrerisch\w*", r"seducteur|seductrice",
    r"seductor[a]?", r"provocativ[oa]", r"aguicheu\w*",
    *more.SUGGESTIVE,
)
MINOR_TERMS = _rx(
    r"child(?:ren)?", r"kids?", r"kiddie", r"minors?", r"under ?age(?:d)?", r"teens?", r"teenagers?", r"teenage",
    r"pre ?teens?", r"tweens?", r"toddlers?", r"infants?", r"bab(?:y|ies)", r"little (?:girls?|boys?)",
    r"young (?:girls?|boys?)", r"school ?girls?", r"school ?boys?", r"(?:[1-9]|1[0-7]) ?(?:years?|yrs?)[ -]old",
    r"(?:[1-9]|1[0-7]) ?yo",
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen) years? old", r"middle school\w*", r"elementary school\w*", r"high ?school(?:ers?)?", r"juveniles?",
    r"pupils?", r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+th) graders?",
    r"aged? (?:[1-9]|1[0-7])", r"grade school\w*", r"(?:zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn|elf|zwolf|"
    r"dreizehn|vierzehn|funfzehn|sechzehn|siebzehn|\d+)[- ]?jahrig\w*",
    r"(?:de )?(?:[1-9]|1[0-7]|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|"
    r"dieciseis|diecisiete) anos", r"(?:de )?(?:[1-9]|1[0-7]|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|"
    r"treize|quatorze|quinze|seize|dix[- ]sept) ans", r"(?:petit|jeune) garcons?", r"garconnets?",
    r"petits? enfants?", r"nin[oa]s? pequen[oa]s?", r"little sister", r"boy scouts?", r"girl scouts?", r"nin[oa]s?",
    r"menor(?:es)?(?: de edad)?", r"nenas?", r"adolescentes?", r"colegialas?", r"chic[oa]s? joven(?:es)?",
    r"enfants?", r"fillettes?", r"gamin(?:e|es|s)?", r"mineur(?:e|es|s)?", r"ados?", r"ecolier(?:e|es|s)?",
    r"petite fille", r"jeunes? filles?", r"bebes?", r"kinder",
    r"(?:ein|das|dem|des|einem|kleines|kleine[sn]?|junges|nacktes|nackte[sn]?) kind(?:es)?",
    r"kleine[sn]? (?:madchen|junge)", r"junge[sn]? madchen", r"minderjahrig\w*", r"jugendlich\w*", r"schulmadchen",
    r"schuler(?:in)?",
    *more.MINOR_TERMS,
)
MINOR_ONLY = _rx(
    r"lolita", r"loli", r"shota(?:con)?", r"jailbait", r"pedo\w*", r"paedo\w*", r"child porn\w*", r"csam",
    r"child abuse material", r"child sexual abuse", r"underage (?:sex|porn|nude)\w*", r"kinderporno\w*",
    r"pornografia infantil", r"pedopornograph\w*",
)
VIOLENCE = _rx(
    r"gore", r"gory", r"gruesome", r"decapitat\w*", r"behead\w*", r"dismember\w*", r"disembowel\w*", r"mutilat\w*",
    r"eviscerat\w*", r"bloodbath", r"blood bath", r"blood (?:splatter\w*|spray\w*|everywhere|gushing|pouring)",
    r"covered in blood", r"soaked in blood", r"pool of blood", r"bleeding out", r"guts (?:spill\w*|out)",
    r"intestines", r"entrails", r"severed (?:head|limb|arm|leg|hand|finger)s?", r"tortur(?:e|ed|es|ing)",
    r"stab(?:s|bed|bing)? " + _PRON, r"stabb(?:ed|ing) to death", r"murder(?:s|ed|ing|er|ers|ous)?", r"slaughter\w*",
    r"massacr\w*", r"kill(?:s|ed|ing)? " + _PRON,
    r"killing spree", r"shoot(?:s|ing)? " + _PRON, r"shot (?:dead|in the head|to death)", r"gunned down",
    r"blow(?:s|ing)? (?:his|her|their) brains out", r"brains? (?:splatter\w*|blown out)", r"skinned alive",
    r"burn(?:ed|t|ing)? alive", r"crushed skulls?", r"skull crushed", r"eyes? gouged", r"gouging \w+ eyes?",
    r"bludgeon\w*", r"beat(?:s|ing|en)? (?:\w+ )?to death", r"impal(?:ed|ing)", r"cannibal\w*", r"lynch\w*",
    r"execution style", r"public execution", r"corpses? (?:mutilated|rotting|torn)",
    r"(?:mutilated|rotting) corpses?", r"ripped apart", r"torn to pieces",
    r"cut(?:s|ting)? (?:off )?(?:his|her|their|someone's) (?:head|throat)",
    r"slit(?:s|ting)? (?:his|her|their|someone's|(?:a|the) \w+'s) throat", r"throats? (?:slit|cut)",
    r"cut(?:s|ting)? off (?:his |her |their |someone's |a \w+'s |the \w+'s )?"
    r"(?:head|fingers?|ears?|hands?|arms?|legs?|tongue|toes?)",
    r"(?:until|till) (?:she|he|they|it) (?:dies|die|died|stops? breathing|stops? moving)",
    r"(?:drown(?:s|ed|ing)?|strangl(?:e|es|ed|ing)|chok(?:e|es|ed|ing)|suffocat(?:e|es|ed|ing)) "
    r"(?:a|the|his|her|their) (?:woman|man|person|wife|husband|child|victim|girlfriend|boyfriend|baby)",
    r"shoot(?:s|ing)? (?:a |the |his |her )?(?:family|crowd|civilians|people|children|students|passers?by|worshippers)",
    r"hit ?man shoot\w*", r"blood (?:spurt\w*|dripping from (?:the|his|her) (?:wound|body))", r"fed alive",
    r"eaten alive", r"hacked to death", r"hack(?:s|ing|ed)? off", r"bayonet(?:s|ing|ed)? (?:a|the|an)",
    r"torn (?:apart|open)", r"ripped (?:open|out)", r"(?:chest|stomach|belly) (?:ripped|cut|torn|sliced) open",
    r"a punaladas", r"a (?:balazos|machetazos|cuchilladas|hachazos)", r"hasta matarl[oa]s?", r"matarl[oa]s?",
    r"ensangrentad[oa]s?",
    r"a coups? de (?:couteau|hache|marteau)", r"(?:tue|tuent|abat|abattent) (?:sa|son|ses|des|les|un|une) \w+",
    r"erschlag\w*", r"erschie(?:ss|ß)\w*", r"erschossen",
    r"(?:totet|toten|ermordet) (?:seine|ihre|einen|eine|den|die|das)", r"aufgeschlitzt\w*",
    # harm verb + person/animal target, without gore words ("a dog mauling a child", "doused in petrol and lit")
    r"maul(?:s|ed|ing)? (?:a |an |the |his |her |their )?(?:\w+ )?(?:child|children|kids?|bab(?:y|ies)|toddlers?|"
    r"boys?|girls?|man|men|woman|women|person|people|tourists?|hikers?|joggers?|owners?|victims?|campers?)",
    r"(?:dogs?|pit ?bulls?|rottweilers?|bears?|wol(?:f|ves)|sharks?|lions?|tigers?|crocodiles?|alligators?|hyenas?) "
    r"(?:savag\w*|devour\w*|eat(?:s|ing)? alive|rip(?:s|ping)? apart|tear(?:s|ing)? apart|kill(?:s|ed|ing)?) "
    r"(?:a |an |the |his |her )?(?:\w+ )?(?:child|kid|baby|toddler|boy|girl|man|woman|person|tourist|hiker|swimmer|"
    r"surfer|jogger|owner|victim)s?",
    r"(?:maul|stomp|kick|punch|strangl|chok|crush|whipp|club|bludgeon|burn|trampl)\w* (?:\w+ ){0,3}to death",
    # beating someone to death ("beat the joke to death", "beat a dead horse" are idioms)
    r"(?:beat|beats|beating|batter\w*) (?!(?:the |a |that |this |an? old )?(?:jokes?|songs?|topics?|subjects?|"
    r"ideas?|points?|drums?|records?|it|that|this|bored|dead horse|horse)\b)(?:\w+ ){1,3}to death",
    r"beaten to death",
    r"dous(?:e|es|ed|ing) (?:\w+ ){0,3}(?:in |with )?(?:gasoline|petrol|fuel|kerosene) and (?:\w+ ){0,2}"
    r"(?:set (?:on fire|alight|ablaze)|burn\w*|lit|light\w*|ignit\w*)", r"acid attacks?",
    r"(?:until|till) (?:the |its |his |her )?skin (?:comes|peels|tears|rips) off",
    r"(?:ties|tied|tying|drags?|dragged|dragging) (?:\w+ ){0,3}(?:dog|cat|horse|goat|donkey|man|woman|person|it|him|"
    r"her) (?:\w+ ){0,2}behind (?:the |a |his |her |their )?(?:car|truck|tractor|motorbike|bike|horse|pickup)",
    r"throw(?:s|ing|n)? acid (?:in|on|at|into)",
    # es r"sangrient[oa]s?", r"decapita\w*",
    r"descuartiza\w*", r"mutila\w*", r"tortur\w*", r"asesin\w*", r"matar|matando|mata a", r"apunal\w*", r"degoll\w*",
    r"masacre", r"visceras", r"destripa\w*",
    # fr
    r"decapit\w*", r"demembr\w*", r"mutil\w*", r"massacr\w*", r"egorg\w*", r"poignard\w*",
    r"tuer|tuant|tue (?:un|une|des|le|la|les)", r"bain de sang", r"couvert de sang", r"meurtr\w*", r"viscere\w*",
    r"ensanglante\w*", r"eventre\w*",
    # de
    r"enthaupt\w*", r"zerstuckel\w*", r"verstummel\w*", r"folter\w*", r"massaker", r"gemetzel", r"blutbad",
    r"blutig\w*", r"ermord\w*", r"tot(?:et|en) (?:einen|eine|den|die|menschen)", r"getotet", r"gefoltert\w*",
    r"verblut\w*", r"erstech\w*",
    r"abschlacht\w*", r"eingeweide", r"blutuberstromt\w*",
    *more.VIOLENCE,
)
SELF_HARM = _rx(
    r"suicid\w*", r"kill(?:s|ed|ing)? " + _REFLEXIVE, r"self[- ]?harm\w*", r"self[- ]?injur\w*",
    r"self[- ]?mutilat\w*", r"cut(?:s|ting)? " + _REFLEXIVE,
    r"cut(?:s|ting)? (?:" + _POSS + r" )+(?:wrists?|arms?|thighs?|skin|veins?)",
    r"slit(?:s|ting)? (?:" + _POSS + r" )+wrists?", r"hang(?:s|ing|ed)? " + _REFLEXIVE, r"noose around",
    r"(?:cut|cuts|cutting|slic(?:e|es|ing)|slash(?:es|ing)?|carv(?:e|es|ing)|scratch(?:es|ing)?) (?:" + _POSS +
    r" )+(?:fore)?(?:wrists?|arms?|thighs?|skin|veins?|legs?|stomach)", r"(?:rope|noose)(?: \w+){0,4} hang(?:s|ing)?",
    r"overdos\w*", r"end(?:s|ing)? (?:" + _POSS + r" )+li(?:fe|ves)", r"take (?:" + _POSS + r" )+li(?:fe|ves)",
    r"wants? to die", r"pro[- ]?ana", r"thinspo\w*", r"starv(?:e|es|ing) " + _REFLEXIVE, r"razor blades? on",
    r"jump(?:s|ing|ed)? to (?:" + _POSS + r" )+death", r"wrists? (?:bleeding|slit|cut)", r"bleeding wrists?",
    r"autolesion\w*", r"cortarse", r"cortandose", r"quitarse la vida", r"ahorcarse", r"ahorcandose", r"hacerse dano",
    r"se corta las venas", r"automutil\w*", r"(?:taill\w*|ouvr\w*|coup\w*) (?:les|ses|mes|leurs) veines",
    r"se pendre", r"fin a (?:ses|mes|leurs) jours", r"scarifi\w*", r"selbstmord\w*", r"suizid\w*",
    r"selbstverletz\w*", r"ritz(?:en|t) sich", r"(?:mich|sich|dich) (?:zu )?ritzen", r"pulsader\w*", r"erhang\w*",
    r"sich umbringen", r"bringt sich um", r"sich das leben", r"das leben nehmen",
    r"nimmt sich (?:\w+ ){0,3}das leben", r"umzubringen",
    r"(?:cut|cuts|cutting|hurt|hurts|hurting|harm|harms|harming|burn|burns|burning|stab|stabs|stabbing|shoot|shoots|"
    r"shooting|hang|hangs|hanging|starve|starves|starving|poison|poisons|poisoning|drown|drowns|drowning|slice|slices|"
    r"slicing|scratch|scratches|scratching) " + _REFLEXIVE, r"thinspiration",
    r"(?:pills?|poison|bleach|overdose) to die",
    r"to end it all", r"wants? to (?:die|end it)", r"pour mourir(?! de)", r"para morir(?! de)", r"um zu sterben",
    r"(?:en finir|acabar) con (?:la|su) vida", r"se (?:jette|lance|tire une balle)(?: \w+){0,4} pour mourir",
    r"to kill (?:myself|herself|himself|themselves)", r"(?:handful|bottle) of (?:pills|sleeping pills|painkillers)",
    r"(?:lethal|fatal|deliberate) (?:overdose|dose)", r"goodbye note",
    r"se (?:pend|tue|suicide|coupe les (?:veines|poignets|bras))",
    r"se (?:ahorca|mata|suicida|dispara|corta (?:las venas|los brazos|las munecas))", r"matarse", r"suicidarse",
    r"schneidet sich (?:die (?:arme|pulsadern|haut)|auf)", r"erhangt sich",
    r"sich (?:selbst )?(?:verletzt|verbrennt|erschiesst|erschießt)",
    *more.SELF_HARM,
)
HATE = _rx(
    r"nigg(?:er|a|ers|as)", r"fagg?ots?", r"kikes?", r"chinks?", r"spics?", r"wetbacks?", r"trann(?:y|ies)",
    r"retards?", r"ragheads?", r"towelheads?", r"gooks?", r"coons?",
    r"(?:hate|hating|hates|kill|exterminate|deport) (?:all )?(?:the )?(?:jews|muslims|christians|blacks|black people|"
    r"gays|gay people|immigrants|mexicans|asians|arabs|women|trans people|refugees)",
    r"(?:jews|muslims|blacks|black people|gays|immigrants|mexicans|asians|arabs|women|refugees|trans people) are "
    r"(?:vermin|subhuman|animals|rats|parasites|inferior|disgusting|evil|a disease|cockroaches|filth)", r"subhumans?",
    r"untermensch\w*", r"ethnic cleansing", r"inferior races?", r"master race", r"racial slurs?",
    r"white (?:power|supremac\w*|pride rally)", r"go back to (?:your|their) (?:own )?country", r"hate speech",
    r"mock(?:s|ing)? (?:a |the )?(?:disabled|handicapped|retarded|fat|gay|jewish|muslim|black)",
    r"bull(?:y|ies|ying) (?:a |the )?(?:fat|gay|disabled|autistic|trans|black|jewish|muslim)",
    r"harass(?:es|ing|ment of)? (?:a |an |the )?(?:woman|girl|jewish|muslim|gay|black|trans|immigrant)",
    r"racist (?:joke|chant|caricature|propaganda|insult|slur)s?", r"antisemiti\w*",
    r"homophobic (?:slur|attack|abuse)s?", r"slurs?",
    _GROUP + r" (?:are|is|as|like|were|being|called|=|son|es|sont|est|sind|ist|als|como|comme|de|wie|sono|come|"
    r"zijn|sa|jako|sao)(?: \w+){0,2} " + _INSULT,
    r"(?:call(?:s|ing|ed)?|treat(?:s|ing|ed)?|portray(?:s|ing|ed)?|depict(?:s|ing|ed)?|show(?:s|ing)?|llama|trata|"
    r"traite|"
    r"bezeichnet|beschimpft|darstellt|" + "|".join(more.HATE_VERBS) + r") (?:\w+ ){0,2}" + _GROUP
    + r" (?:\w+ ){0,3}" + _INSULT,
    r"(?:death to|kill|gas|exterminate|wipe out|purge|deport|hang|lynch) (?:all )?(?:the )?" + _GROUP,
    *more.HATE,
)
EXTREMISM = _rx(
    r"isis", r"isil", r"daesh", r"al[- ]?qaeda", r"al[- ]?shabaab", r"boko haram",
    r"hamas (?:fighters|militants|attack)", r"taliban (?:fighters|flag|propaganda|execution|recruit\w*)", r"jihad\w*",
    r"mujahideen", r"terror(?:ist)? (?:attack|propaganda|recruit\w*|manifesto|cell|training camp)s?", r"terrorism",
    r"terrorists?", r"suicide bomb\w*", r"suicide vests?", r"car bomb\w*", r"mass shoot\w*", r"school shoot\w*",
    r"shoot(?:ing)? up (?:a|the) (?:school|mall|church|mosque|synagogue)", r"heil hitler", r"sieg heil",
    r"swastikas?", r"nazi (?:salute|rally|propaganda|flag|march)", r"neo ?nazis?", r"kkk", r"ku klux klan",
    r"great replacement", r"1488", r"martyrdom operation", r"lone wolf attack",
    r"glorif\w* (?:terror\w*|the attack|the shooter|martyrs?)", r"radicali[sz]\w*",
    r"extremist (?:propaganda|recruit\w*|rally|manifesto)", r"hostage execution",
    r"behead(?:ing)? (?:video|hostage)s?", r"atentado terrorista", r"terroristas?", r"attentat terroriste",
    r"terroranschlag", r"terroris\w*", r"suicide bombers?", r"bombers? (?:attack|detonat\w*)",
    r"detonat\w* (?:explosives|a bomb) (?:at|in|on)",
    r"(?:bombing|attack) (?:at|on) (?:a |the )?"
    r"(?:concert|marathon|market|mosque|church|synagogue|subway|train station)",
    r"attentat\w*", r"anschlag\w*", r"(?:y|d|dsch)?jihad\w*", r"djihad\w*", r"yihad\w*", r"hijack(?:s|ed|ing|ers?)?",
    r"overthrow (?:the|a) government", r"nazi flags?", r"neo ?nazi\w*", r"hakenkreuz\w*", r"salut hitlerien",
    r"hitlergru(?:ss|ß)", r"hitler salutes?", r"burn(?:s|ing|ed)? (?:a )?cross(?:es)?", r"cross burning",
    r"twin towers attack", r"9/11 (?:hijackers|attackers)", r"holy war", r"guerra santa", r"caliphate",
    *more.EXTREMISM,
)
WEAPONS_ILLEGAL = _rx(
    r"(?:make|making|build|building|assemble|assembling|craft|crafting|3d print\w*|manufactur\w*) "
    r"(?:a |an |your own |homemade )?"
    r"(?:bombs?|pipe bombs?|explosives?|ieds?|molotovs?|ghost guns?|guns?|silencers?|suppressors?|napalm|grenades?|"
    r"detonators?)",
    r"how to (?:synthesi[sz]e|steal|hack|launder|smuggle|hotwire|pick a lock|shoplift)", r"pipe bombs?",
    r"3d[- ]?print(?:s|ed|ing|er)? (?:\w+ ){0,3}(?:guns?|pistols?|rifles?|firearms?|glocks?|receivers?)",
    r"print(?:s|ed|ing)? (?:a |an |the |his |her )?(?:(?:working|untraceable|functional|homemade|loaded|real) )?"
    r"(?:guns?|pistols?|rifles?|firearms?|glocks?)", r"ghost guns?", r"auto sears?", r"full[- ]?auto conversions?",
    r"(?:convert\w*|modif\w*) (?:\w+ ){0,3}(?:rifles?|guns?|pistols?|ar ?15s?|glocks?) (?:to|into) (?:fire )?"
    r"(?:full[- ]?auto\w*|fully automatic|automatic)", r"fil(?:e|es|ed|ing) off (?:the |a |its )?serial numbers?",
    r"molotov\w*", r"ieds?", r"nerve agents?", r"sarin", r"vx gas", r"anthrax", r"ricin", r"bio ?weapons?",
    r"chemical weapons?", r"dirty bombs?", r"meth(?:amphetamine)?", r"crystal meth", r"heroin", r"cocaine",
    r"fentanyl", r"crack (?:pipe|cocaine)", r"snort(?:s|ing)? (?:coke|lines|powder)", r"lines of coke",
    r"inject(?:s|ing)? (?:heroin|drugs)", r"drug (?:deal\w*|lab|traffick\w*|cartel|smuggl\w*)",
    r"deal(?:s|ing)? drugs", r"sell(?:s|ing)? (?:drugs|meth|coke|cocaine|heroin|guns|weapons|organs)", r"smuggl\w*",
    r"traffick\w*",
    r"rob(?:s|bed|bing)? (?:a|the) "
    r"(?:bank|store|shop|house|gas station|jewelry store|liquor store|atm|old lady|man|woman)",
    r"bank robber\w*", r"armed robber\w*", r"hold ?up at gunpoint", r"at gunpoint",
    r"steal(?:s|ing)? (?:a|the|his|her|their|my|your|someone's) "
    r"(?:car|wallet|purse|money|bike|jewelry|phone|identity|credit card|cash)s?",
    r"shoplift\w*", r"pickpocket\w*",
    r"break(?:s|ing)? into (?:a|the|his|her|their) (?:house|car|home|apartment|store)", r"burglar\w*", r"hotwir\w*",
    r"counterfeit\w*", r"money launder\w*", r"launder(?:s|ing)? money", r"credit card fraud", r"identity theft",
    r"hack(?:s|ing)? into", r"ransomware", r"carjack\w*", r"kidnap\w*", r"arson\w*",
    r"set(?:s|ting)? fire to (?:a|the) (?:house|car|building|school)",
    r"poison(?:s|ing|ed)? (?:him|her|them|someone|the water)", r"untraceable (?:gun|weapon)s?",
    r"illegal (?:guns?|weapons?|drugs?|firearms?)", r"black market (?:guns?|weapons?|organs?)", r"dark ?web",
    r"improvised explosive\w*", r"explosive devices?", r"pressure cooker bombs?", r"bomb from (?:a|an)",
    r"blow(?:s|ing)? up (?:a|the) (?:bridge|building|car|train|school|bus|plane)", r"smok(?:e|es|ing) crack",
    r"crack (?:house|head|addicts?)", r"cocain\w*", r"spik(?:e|es|ed|ing) (?:a |her |his |someone's )?drinks?",
    r"lac(?:e|es|ed|ing) (?:a |her |his |someone's )?drinks?", r"roofie\w*", r"date rape drugs?",
    r"sell(?:s|ing)? (?:\w+ ){0,2}drugs", r"(?:vend\w*|verkauf\w*|deal\w*) (?:de la |des |de |las |los )?drog\w*",
    r"metanfetamina", r"methamphetamin\w*", r"drogas", r"drogue",
    r"narco(?:s|tics?|traficantes?|traffickers?|trafficking)?", r"trafiquants?",
    r"traficantes?", r"ransom\w*", r"phishing",
    r"hack(?:s|ed|ing)? (?:into )?(?:a |the )?(?:\w+ )?(?:network|servers?|bank accounts?|computers?)", r"braqu\w*",
    r"uberfall\w*", r"einbrech\w*", r"einbruch\w*", r"robando",
    r"roba(?:r|n)? (?:un|una|el|la) (?:banco|coche|tienda)", r"fabricar (?:una )?bomba", r"fabriquer (?:une )?bombe",
    r"bombe basteln", r"drogen(?:handel|labor)",
    *more.WEAPONS_ILLEGAL,
)
# Well-known real people (`safety.rule_people.NAMES`, editable in data/public_figures.txt) and office holders.
REAL_PEOPLE = _rx(
    *(re.escape(n).replace(r"\ ", "[ .-]?") for n in NAMES),
    r"deep ?fakes?", r"face ?swap\w*",
    r"(?:president|prime minister|chancellor|pope|premier|supreme leader|first lady|head of state|"
    r"dictator) of (?:the )?(?:united states|usa|us|america|france|russia|china|ukraine|germany|uk|united kingdom|"
    r"britain|england|canada|india|israel|iran|north korea|brazil|mexico|italy|spain|turkey|japan|argentina|"
    r"the vatican|vatican)",
    r"(?:us|u\.s\.|american|french|russian|chinese|ukrainian|german|british|canadian|indian|israeli|iranian|"
    r"brazilian|mexican|italian|turkish|japanese) (?:president|prime minister|chancellor|head of state)",
    r"(?:the )?current (?:president|prime minister|pope)",
)

CATEGORY_RULES: dict[str, re.Pattern] = {
    "sexual": SEXUAL, "violence": VIOLENCE, "self_harm": SELF_HARM, "hate": HATE, "extremism": EXTREMISM,
    "weapons_illegal": WEAPONS_ILLEGAL, "real_people": REAL_PEOPLE,
}

# Soft triggers: words that name a crime but are as often a story, a cartoon or a cop show ("a gang of raccoons
# plans a bank robbery", "drug dogs at the airport", "the inspector investigates a murder"). A category whose every
# trigger in a prompt is one of these (matched in full) is a soft hit: the rules alone do not refuse it, the learned
# classifier must agree (at the lower `ModerationConfig.soft_rule_threshold`). Nudity, gore, killing verbs,
# self-harm, hate, extremism, real people and weapon making are never soft: a rule hit there refuses on its own,
# and idioms are benign contexts instead.
SOFT_TRIGGERS: dict[str, re.Pattern] = {
    # a Roman salute or the black sun is also a history lesson or a poem
    "extremism": re.compile("|".join(more.SOFT_EXTREMISM)),
    # "a murder" as a noun (the case a detective investigates); "murdered", "murdering" and gore stay hard
    "violence": re.compile(r"murders?|meurtres?|omicidi[oi]|assassinat[oa]s?|asesinatos?|morderstw\w*"),
    "weapons_illegal": re.compile(
        r"rob(?:s|bed|bing)? (?:a|the) (?:bank|store|shop|jewelry store|liquor store|gas station)|bank robber\w*|"
        r"braqu\w*|uberfall\w*|overval\w*|rapin\w*|napad\w* na (?:bank|sklep|kantor)|"
        r"assalt(?:o|ar|ando) (?:a|ao|um|uma)|robando|roba(?:r|n)? (?:un|una|el|la) (?:banco|tienda)|"
        r"drogas|drogue|drogen(?:handel|labor)|narkotyk\w*|narco(?:s|tics?)?|drug (?:deal\w*|lab)|"
        r"drug smuggl\w*|smuggl\w*|pickpocket\w*|shoplift\w*|burglar\w*|inbraak|inbreken|einbruch\w*|einbrech\w*|"
        r"drugs(?:lab|handel)\w*|cambriol\w*|roubar (?:um|uma|o|a)|" + "|".join(more.SMUGGLING)),
}

# Benign uses of trigger words: a trigger wholly inside one of these spans does not count.
BENIGN_CONTEXT = _rx(*contexts.BENIGN_EN, *contexts.BENIGN)
# Contexts with a gap: only their (?P<x>...) part excuses a trigger (`safety.rule_benign_contexts.TARGETED`).
TARGETED_CONTEXTS: tuple[re.Pattern, ...] = tuple(_rx(t) for t in contexts.TARGETED)

EXTRA_WORDS = (
    "nude naked nsfw porn porno sexy sexo sexe sexual erotic topless nipples boobs hentai onlyfans striptease lingerie "
    "desnudo desnuda desnudos desnudas desnudez tetas pezones follando nue nues seins nackt nackte nackten nackter "
    "titten ficken erotisch brueste bruste kinder kind madchen nino nina ninos ninas menor menores enfant enfants "
    "fillette mineur mineure lolita loli shota jailbait pedo gore gory decapitated beheading beheaded dismembered "
    "mutilated torture tortured murder murdered slaughter massacre suicide suicidal selfharm overdose noose "
    "selbstmord suizid autolesion sangre asesinato asesinar matar tuer meurtre folter blutbad ermordet getotet "
    "isis jihad terrorist terrorism nazi swastika kkk bomb bombs explosive meth cocaine heroin fentanyl molotov "
    "smuggling trafficking robbery shoplifting burglary kidnapping biden trump obama putin zelensky macron merkel "
    "netanyahu beyonce rihanna shakira zendaya eminem deepfake faceswap kill killed killing stab stabbed shoot "
    "shooting blood bloody wrists wrist cutting hanging decapitado decapitada decapitar descuartizado "
    "descuartizada descuartizando apunalado apunalada degollado degollada asesinado asesinada torturado torturada "
    "sangriento sangrienta suicidio suicidarse ahorca ahorcarse cortandose venas pastillas desnudos colegiala "
    "decapite decapitee demembre demembree egorge egorgee poignarde poignardee massacre torture torturee sanglant "
    "sanglante suicide suicider pendre veines scarifie nue nues nus seins deshabille fillette enfant ecoliere "
    "enthauptet zerstuckelt verstummelt gefoltert ermordet erstochen leiche leichen blutbad selbstmord suizid "
    "ritzt ritzen pulsadern erhangt umbringen nackt nackte nackter nacktes kind kinder madchen schulmadchen "
    "minderjahrige minderjahriger porno pornofilm pornovideo sexszene erotische gammee croix svastica esvastica "
    "swastyka hakenkruis suastica zelfmoord zelfdoding samobojstwo samobojca suicidio impiccarsi"
).split()

# For letters that were written apart ("n u d e", "k.i.l.l"): word boundaries are lost, so strong stems are searched
# inside the joined run. Only such runs are searched this way; ordinary text never is.
JOINED_STEMS: dict[str, tuple[str, ...]] = {
    "sexual": ("nude", "naked", "porn", "sexual", "sexo", "nsfw", "xxx", "erotic", "topless", "nipple", "boobs",
               "genital", "penis", "vagina", "orgasm", "masturbat", "hentai", "striptease", "desnud", "nackt",
               "erotisch", "seinsnus", "sansvetement", "sinropa", "undress", "deshabill"),
    "minors": ("lolita", "jailbait", "childporn", "kinderporn", "pedophil", "paedophil", "shotacon"),
    "violence": ("decapitat", "dismember", "disembowel", "behead", "mutilat", "eviscerat", "tortur", "slaughter",
                 "massacr", "murder", "bloodbath", "degoll", "descuartiz", "decapit", "egorg", "demembr", "enthaupt",
                 "zerstuckel", "verstummel", "folter", "blutbad", "ermord", "apunal", "poignard", "asesin", "meurtr"),
    "self_harm": ("suicid", "selfharm", "selbstmord", "suizid", "autolesion", "ahorca", "umbring", "thinspo",
                  "proana", "overdos", "noose", "pulsader", "killmyself", "killherself", "killhimself",
                  "killthemselves", "hangmyself", "hangherself", "hanghimself", "lesveines", "lasvenas"),
    "hate": ("nigger", "nigga", "faggot", "subhuman", "untermensch", "ethniccleansing", "masterrace", "whitepower",
             "whitesupremac"),
    "extremism": ("isis", "alqaeda", "jihad", "yihad", "djihad", "terroris", "suicidebomb", "heilhitler", "siegheil",
                  "swastika", "hakenkreuz", "neonazi", "kkk", "kukluxklan", "hijack"),
    "weapons_illegal": ("pipebomb", "molotov", "nerveagent", "sarin", "anthrax", "ricin", "bioweapon",
                        "chemicalweapon", "dirtybomb", "methamphetamine", "crystalmeth", "heroin", "cocain", "fentanyl",
                        "smuggl", "traffick", "trafiquant", "traficant", "ghostgun", "counterfeit", "launder",
                        "shoplift", "pickpocket", "burglar", "carjack", "kidnap", "ransom", "phishing",
                        "explosivedevice", "improvisedexplosive", "drogue", "drogas", "drogen"),
    "real_people": tuple(n.replace(" ", "") for n in NAMES if len(n.replace(" ", "")) >= 5) + ("deepfake", "faceswap"),
}
JOINED_STEMS = {category: stems + more.JOINED_STEMS.get(category, ()) for category, stems in JOINED_STEMS.items()}
JOINED_MINOR_STEMS = ("child", "kid", "teen", "minor", "underage", "nino", "nina", "enfant", "kinder", "madchen",
                      "fillette", "schoolgirl", "yearold", "anos", "jahrig")
