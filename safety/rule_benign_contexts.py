"""Benign contexts in all eight languages, which `safety.rule_patterns` compiles into `BENIGN_CONTEXT`.

Contract: data only, regex alternatives in the folded form that `safety.normalize` produces (lower case, accents
and Polish letters folded). A rule trigger that lies wholly inside a span matched by one of these does not count, so
each context must cover the trigger words themselves ("statue of a nude athlete" covers "nude"), and must not be so
loose that a harmful prompt hides inside it: art nudes allow only material and style words (or "of a" plus one
word) between the noun and the adjective, memorials require the word for victims, helplines require the helpline
noun, and the tests pair each context with a trap next to it.
"""
from __future__ import annotations

_ART_STYLE = (r"(?:marble|bronze|stone|greek|roman|classical|ancient|plaster|renaissance|baroque|de|di|da|del|van|"
              r"uit|z|aus|en|in|marmol|marmore|marmo|marmer|marmuru|marmurowa|marmurowy|marmor|bronce|bronzo|brons|"
              r"braz|marbre|pierre|platre|steen|stein|piedra|pedra|pietra|grieg[oa]s?|grieks?e?|grecka|griechische?|"
              r"roman[oa]?s?|romeins?e?|antiga?|antica?|antigua|oude?|antike?|marmeren|marmurowe|marmorne[n]?|"
              r"greg[ao]s?|grec(?:he|i|o|a)|grecque?s?|griekse|klassieke|classiques?|clasic[ao]s|classich[ei]|"
              r"classic[oa]s?|antig[ao]s|antich[ei]|antiques?|antiguas?|antigos)")
_NUDE = (r"(?:nude|naked|naakte?|nag(?:a|i|ie|iej|iego|ich|y)|nackte?[nrs]?|desnud[oa]s?|nu[aes]?|nuas|nues|"
         r"nud[oaie])")
# Dutch "beelden van" is also "footage of", so a bare "beeld(en)" counts after the adjective ("naakte beelden") or
# after a material ("marmeren beeld van een naakte godin"), not on its own before it
_ART_NOUN = (r"(?:statues?|sculptures?|\w+statuen?|\w+skulptur(?:en)?|standbeeld(?:en)?|beeldhouwwerk\w*|rzezb\w*|"
             r"posag\w*|statuen?|skulptur(?:en)?|estatuas?|esculturas?|statu[ae]|scultur[ae]|busts?|bust[oe]s?|"
             r"buste[n]?|popiersi\w*|figurines?|"
             r"(?:marmeren|bronzen|stenen|klassieke|griekse|romeinse|antieke) beeld(?:en)?)")
_OF = r"(?:of|de|di|da|do|del|della|dello|van|von|z|aus|des|eines|einer)"
_ARTICLE = r"(?:a|an|the|un|une|una|uno|um|uma|een|en|ein|eine[nrs]?|il|lo|la|le|el|o|l')"
_PAINTING = (r"schilderij\w*|paintings?|dipint\w*|quadr[io]s?|tableaux?|peintures?|gemalde\w*|cuadros?|pinturas?|"
             r"obraz\w*|affresch\w*|fresques?|frescos?|canvases|toiles")
# what a kitchen, a fishmonger or a hunter kills, guts or cleans
_FOOD_ANIMAL = (r"homards?|langoustes?|crabes?|poissons?|anguilles?|lobsters?|crabs?|fish|eels?|langostas?|cangrejos?|"
                r"pez|peces|pescados?|aragost[ae]|astic[ei]|bogavantes?|granchi[o]?|pesc[ei]|kreeft(?:en)?|vis|paling|"
                r"homar(?:a|y|ow)?|krab(?:ben|y|a|e)?|ryb[aeyiu]?|rybk[aeiy]|karp(?:ia|ie|iem)?|lagostas?|caranguejos?|"
                r"peixes?|hummer|krabben?|fisch(?:e|es)?|aal|salmon|salmones|saumons?|salmone|zalm|losos(?:ia|ie)?|"
                r"salmao|lachse?|trout|truchas?|truites?|trot[ae]|forel(?:len)?|pstrag[ai]?|trutas?|tuna|atun|thon|"
                r"tonno|tonijn|tunczyk[ai]?|atum|thunfisch|cod|bacalao|cabillaud|merluzzo|kabeljauw|dorsz[ae]?|"
                r"bacalhau|kabeljau|sardin(?:e|es|a|as|ha|has|en)?|herrings?|haring(?:en)?|arenques?|harengs?|"
                r"aringh[ei]|sledz(?:ia|ie)?|heringe?|mackerel|caballas?|maquereaux?|sgombr[oi]|"
                r"makre(?:el|len|la|le|li)|cavalas?|"
                r"hake|merluzas?|merlus?|nasell[oi]|heek|morszczuk\w*|pescadas?|seehecht\w*|sea ?bass|lubinas?|"
                r"robalos?|branzino|spigol[ae]|zeebaars|labraks?\w*|wolfsbarsch\w*|doradas?|douradas?|orat[ae]|"
                r"dorades?|goudbrasem|turbot|rodaballo|tarbot|steinbutt|pregado|squids?|calamar(?:es|i|o)?|"
                r"inktvis\w*|kalmar\w*|tintenfisch\w*|"
                r"pulpo|polvo|octopus|polpo|chickens?|pollos?|poulets?|kip|kurczak[ai]?|frangos?|huhn|hahnchen|deer|"
                r"ciervos?|cerfs?|cerv[oi]|hert(?:en)?|jelen(?:ia|ie)?|veados?|hirsche?|reh|rabbits?|conejos?|lapins?|"
                r"conigli?o?|konijn(?:en)?|krolik[ai]?|coelhos?|kaninchen")
_HOUSEHOLD = (r"toys?|ball|curtains?|gordijn\w*|vorhang\w*|wollknauel|barata|cucaracha|cockroach\w*|spiders?|spin|"
              r"arana|mosca|fly|flies|vlieg\w*|fliege\w*|mucha\w*|pajak\w*|souris|mouse|mice|muis|maus|topo|raton|"
              r"rato|mysz\w*|bugs?|insect\w*|jouets?|speelgoed|spielzeug|juguetes?|brinquedos?|giocattol\w*|"
              r"zabawk\w*|cushions?|kussen\w*|kissen|cojin\w*|almofada\w*|cuscin\w*|poduszk\w*|sofa|bank|laser\w*")
# "then" words: a scene that turns after them is not excused by what came before
_THEN = (r"(?:then|afterwards|suddenly|puis|ensuite|soudain|dann|danach|plotzlich|luego|despues|entonces|de repente|"
         r"poi|dopo|improvvisamente|dan|daarna|opeens|potem|nagle|depois|entao|de repente)\b")
_GAME_FOE = (r"dragons?|drag(?:o|hi)|draak|draken|smoka|dragao|drachen|monsters?|mostr[oi]|monstruos?|monstres?|"
             r"zombies?|(?:final|end|last) boss|eindbaas|endboss|boss final|jefe final|orcs?|orchi|orcos|orks?|"
             r"orken|goblins?|trolls?|trollen|demons?|demoni|demonios?|demonen|demony|vampires?|vampiri|vampiros?|"
             r"vampiers?|vampiry?|aliens?|alieni|alienigenas?|robots?|robot[aiy]|slimes?|creepers?|golems?|cyclops|"
             r"cyclopes|ciclop[ei]s?|hydra|idra|hidra")
# customs and the police finding drugs or contraband: what they seize, and the dogs that sniff it out
_SEIZED = (r"(?:cocain\w*|kokain\w*|heroin\w*|drugs|drogas|droga|drogue\w*|drogen|narkotyk\w*|fentanyl|crack|"
           r"meth\w*|crystal|marihuana|cannabis|hasch\w*|haszysz\w*|smuggl\w*|contrebande|contrabband\w*|"
           r"contrabando|schmuggel\w*|smokkel\w*|przemyt\w*)")
_SNIFFER_DOG = (r"(?:sniffer|drug|detection) dogs?|(?:drogen|rauschgift|spur)(?:spur)?hund\w*|(?:drugs|speur)hond\w*|"
                r"perros? (?:detector\w*|antidroga\w*)|chiens? (?:renifleur\w*|antidrogue\w*|detecteur\w*)|"
                r"can[ei] antidroga|ca(?:es|o) farejador\w*|psy? (?:tropiac\w*|policyjn\w*)")
_STABBED = (r"(?:pugnal\w*|accoltell\w*|assassinat\w*|assassinio|stab(?:s|bed|bing)?|assassinated|assassination|"
            r"poignard\w*|apunal\w*|asesin\w*|erdolcht|ermordet|erstochen|neergestoken|vermoord|zasztyletowa\w*|"
            r"zamordowa\w*|zabojstw\w*|esfaque\w*|apunhal\w*|assassin\w*)")
_THRASHED = (r"(?:massacr\w*|afgeslacht|afgemaakt|demolished|destroyed|zmiazdzon\w*|rozgromion\w*|vernichtet|"
             r"abgeschlachtet|aplastad[oa]s?|goleada|goleados?)")
_SLAUGHTERHOUSE = (r"(?<!human )(?<!humano )(?<!humain )(?<!umano )(?<!menselijk )(?<!menselijke )(?:slaughterhouses?|"
                   r"abattoirs?|mataderos?|macell[oi]|slachthui\w*|schlachth(?:of|ofe|ofs|aus)\w*|rzezni\w*|"
                   r"matadouros?)(?! (?:humano|humain|umano|ludzk\w*))")
_EXTREMIST = (r"(?:[dy]?jihadist\w*|djihadist\w*|yihadist\w*|dzihadyst\w*|neo[- ]?nazi\w*|"
              r"terrorist\w*|terroryst\w*|extremist\w*|skinhead\w*|islamist\w*)")
# A helpline, listening service or crisis line named next to the word suicide is support, not self-harm.
_HELPLINE = (r"(?:helplines?|hotlines?|crisis (?:lines?|centers?|centres?|counsel+or\w*)|lifelines?|samaritans|"
             r"telefon\w* zaufania|centr\w* interwencji kryzysowej|sportell\w* di ascolto|line\w* di ascolto|"
             r"telefono amico|numero verde|lign\w* d'?ecoute|numero d'?ecoute|sos amitie|hulplijn\w*|"
             r"zelfmoordlijn|linha de apoio|centro de valorizacao da vida|cvv|linea (?:\d{3,6} )?de (?:ayuda|atencion)|"
             r"(?:line|linea|ligne|linha|linia|lijn|numer|numero|number|nummer|hotline|call|llama\w*|appel\w*|"
             r"chiama\w*|bel\w*|zadzwon\w*|lig\w*|ruf\w*)(?: (?:al|au|the|de|het|na|o|a|le|il|den|die))? "
             r"(?:988|3114|024|113|116 ?123|188|0800 ?111 ?0 ?11[17])|"
             r"telefono de la esperanza|telefonseelsorge|krisentelefon\w*|seelsorge\w*|listening service)")
_SUICIDE_WORD = r"(?:suicid\w*|samobojcz\w*|samobojst\w*|zelfmoord\w*|selbstmord\w*|suizid\w*)"
# Benign uses of English trigger words ("shoot a photo", "killer whale", "chicken breast"), and some that hold in
# several languages.
BENIGN_EN = (
    r"(?:photo|video|film|fashion|music video)? ?shoot(?:s|ing)? (?:a |an |the |some )?(?:photos?|pictures?|videos?|"
    r"films?|movies?|scenes?|footage|commercials?|music video|portraits?|hoops|baskets?|the breeze|for the stars|"
    r"a glance|a look|a smile|an arrow at (?:a|the) target)",
    r"shoot(?:s|ing)? (?:me|us|him|her|them) (?:a |an )?(?:big |quick |nice |little )?(?:smile|look|glance|wink|text|"
    r"message|email|line|dm)",
    r"photo ?shoots?", r"killer whales?", r"killer (?:app|smile|look|outfit|view|views|moves|deal|workout|bees?|heels|"
    r"instinct|sudoku|queen|robot)", r"kill(?:s|ing)? (?:the )?(?:time|lights|engine|music|power|switch)",
    r"killing it", r"chicken breasts?", r"turkey breasts?", r"duck breasts?", r"breast ?stroke", r"breast cancer\w*",
    r"breast ?feed\w*", r"breast pocket", r"sex of (?:the|a|an) \w+", r"sex education", r"same[- ]sex \w+",
    r"moby dick", r"philip k\.? dick", r"pussy ?(?:cat|willows?|willow)", r"cock (?:crow\w*|fight\w*)",
    r"(?:rooster|weather)(?: ?cock)", r"cum laude", r"magna cum laude", r"summa cum laude", r"trump card\w*",
    r"trump(?:s|ed)? (?:all|everything)", r"shot of espresso", r"drug ?stores?",
    r"strip (?:mall|club sign|steak|of land|lights?)", r"comic strips?",
    r"strip(?:s|ping)? (?:the )?(?:paint|wallpaper|bark)", r"nue? propriet\w*", r"kinder ?garten\w*", r"kind of",
    r"blood (?:orange|moon|red|type|test|donation|drive)s?", r"murder mystery dinner", r"murder of crows",
    r"a murder mystery novel", r"suicide squad", r"cat burglars?", r"naked mole ?rats?", r"(?:colou?r|couleur) nude",
    r"nude (?:statues?|sculptures?)", r"(?:no|without|zero) (?:gore|blood|nudity|violence)", r"non[- ]?graphic",
    r"suicide (?:prevention|awareness|hotline|helpline|crisis line)", r"spic and span",
    r"chinks? in (?:the|his|her|its) armou?r", r"king charles spaniels?",
    r"(?:red|white|yellow|orange|robin) ?breast(?:ed|s)?", r"breast ?(?:plate|feathers)",
    r"(?:blue|great|coal|bearded|long[- ]tailed|marsh) tits?", r"assassin'?s creed", r"dead ?pool",
    r"isis (?:the )?goddess", r"goddess isis",
    r"steal(?:s|ing)? (?:the|a) (?:show|spotlight|scene|base|glance|kiss|look|ball|heart)",
    r"nude (?:colou?r(?:ed)?|lipstick|shade|tones?|heels|makeup|palette|pumps|dress|gown|tights|stockings|"
    r"bodysuit|top|nail polish|nails|eyeshadow|blush|sandals|shoes|beige)",
    r"undressed (?:wood|salad|stone)", r"matar (?:el|la) (?:tiempo|sed)", r"naked (?:eye|truth|flame|juice|cake)",
    r"massacre (?:of|on) the dance ?floor", r"sex on the beach(?: cocktails?)?",
    r"undress(?:es|ed|ing)? (?:a |the |some )?(?:shop |store |window )?(?:mannequins?|dolls?|dummy|dummies)",
    r"pickpocket\w* (?:magic|magician|act|character|show|routine|comedy|musical|number)\w*",
    r"(?:magic|magician'?s?|stage|comedy|theatre|theater) pickpocket\w*",
)
# What `BENIGN_EN` covers (prevention campaigns, the naked mole rat, nude statues, idioms) in the other seven
# languages, and phrases found in blind sets since.
BENIGN = (
    r"piersi? z kurczaka", r"pieds? nus", r"torse nu", r"nu[- ]pieds", r"mains nues", r"a l'?oeil nu",
    r"borstcrawl", r"borstzwemmen",
    r"petto di pollo", r"peito de frango", r"peitos? de (?:frango|peru)", r"(?:nado|nadar) de peito",
    r"prevenzione del suicidio", r"zelfmoordpreventie", r"(?:preventie|voorkomen) van zelfmoord",
    r"zapobiegani\w* samobojstw\w*", r"prevencao (?:ao|do|de) suicidio", r"prevention du suicide",
    r"prevencion del suicidio", r"suizidpravention", r"suizidpraevention",
    r"naakte molrat\w*", r"rato[- ]toupeira[- ]pelado\w*", r"nacktmull\w*", r"rata topo desnuda", r"rat[- ]taupe nu",
    r"naakt(?:schilderij|studie|studies|tekening|portret|beeld)\w*", r"akt(?:gemalde|malerei|zeichnung|studie)\w*",
    r"mat\w* (?:\w+ ){0,2}de ri(?:r|so|sa)", r"breast self[- ]?exam\w*",
    r"(?:tue|tuer|tuent|tuant|tuait) le (?:game|match)",
    r"(?:ta|esta|e|es) de matar\b(?! (?:a|al|o|os|as|la|las|los|el|um|uma|un|una)\b)",
    r"(?:prevention|prevencion|prevencao|prevenzione) (?:\w+ ){0,1}suicid\w*", r"la maja desnuda",
    # a police seizure of drugs ("grote cocaïnevangst")
    r"(?:cocain\w*|drug\w*|heroin\w*)(?:vangst\w*|fangst|fund\w*|beslag\w*)",
    # a comedian "kills the room"
    r"(?:tue|tuent|tuer) (?:la salle|le public|l'?ambiance)", r"kill(?:s|ed|ing)? (?:the )?(?:room|crowd|audience)",
    r"overdos\w* (?:response|training|prevention|awareness|kit|course|cursus|formation|formazione|prevencion|"
    r"prevencao|pravention|preventie|profilaktyk\w*)",
    r"(?:bestia|maquina|fiera) asesina", r"neukolln\w*",
    # killing the ball (a smash), felling a tree, "tá matando" (Brazilian "killing it"), the colour nude
    r"(?:tue|tuer|mata|matar|matou|ammazza|uccide|kills?|killed|killing|doodt) (?:la|a|el|il|the|de) "
    r"(?:balle|bola|pelota|palla|ball|bal)\b",
    r"abat\w* (?:un |une |le |la |les |des |l')?(?:\w+ )?(?:arbres?|sapins?|chenes?|hetres?|pins?|peupliers?|"
    r"quilles|murs?|cloisons?)\b",
    r"(?:ta|esta) matando(?=\s*(?:[,.;:!?]|$)| (?:tudo|geral|demais|na pista|no palco)\b)",
    r"(?:vestido|dress|robe|abito|jurk|kleid|sukienk\w*|saia|falda|jupe|gonna|rok|rock|sapatos?|zapatos?|"
    r"chaussures|scarpe|schoenen|schuhe|buty|batom|labial|rossetto|lippenstift|szminka|esmalte|vernis|smalto|"
    r"nagellak|nagellack|lakier|lipstick) (?:\w+ )?(?:cor|color|colou?r|couleur|colore|kleur|kolor\w*|farbe) "
    r"(?:de |di |in )?nude",
    # "dressed to kill"; Polish "góra" (a mountain, "upwards") folds to "gore"
    r"(?:vestid[oa]|roupa|look|dressed|habille\w*|vestit[oa]|gekleidet) (?:de|to|pour|per|zum) (?:matar|kill|tuer|"
    r"uccidere|toten)(?! (?:sa|son|ses|su|sus|seu|sua|his|her|their|zijn|haar|seine?|la|le|el|a|o|un|una|uma|um|"
    r"the|a)\b)", r"(?:na|pod|ku|za|jasn\w*) gore\b",
    r"(?:rece|glowa|patrz\w*|spoglada\w*|id\w*|skacz\w*|wzbija\w*|podnosi\w*|lec\w*|unosi\w*|podskakuj\w*) w gore\b",
    # an overdose prevention campaign named before the word ("prevenção de overdose", "ça se prévient")
    r"(?:prevention|prevencion|prevencao|prevenzione|preventie|pravention|profilaktyk\w*) (?:de |of |di |"
    r"van |der |d'|dell'|da |od )?(?:l'|la |las )?(?:overdos\w*|sobredosis|przedawkowan\w*)",
    r"overdos\w*[,:;']? (?:ca|cela|isso|esto|das|dat) (?:se )?(?:previen\w*|previn\w*|evit\w*|vermeid\w*|voorkom\w*)",
    r"(?:nus|nudes|nudi|desnudos|naakten|akte) (?:peints|painted|pintados|dipinti|geschilderde|gemalte|malowane)",
    r"(?:se )?mat(?:a|an|arse|ando) a (?:tomatazos|almohadazos|globazos|harinazos|cojinazos|besos|reir)",
    # "killing time / boredom / longing": idioms, not violence
    r"(?:tue|tuer|tuent|tuant|tuait) (?:le temps|l'?ennui)", r"mat(?:ar|ando|a|an|o|ou) (?:el|o|a|la) "
    r"(?:tiempo|tempo|saudades?|sed|sede|fome|hambre|aburrimiento|gusanillo|tedio)",
    r"(?:ammazz|uccid)\w* (?:il tempo|la noia)", r"(?:de )?tijd (?:te )?dode?n", r"doodt de tijd",
    r"(?:sla\w*|sloeg) de tijd doo?d", r"de tijd doo?d ?sla\w*", r"(?:schlag\w*|schlug\w*|schlagt) die zeit tot",
    r"die zeit tot ?(?:zu ?)?schlag\w*",
    r"zabija\w* (?:czas|nude)",  # "zabija nudę": accents are folded, so nudę reads "nude"
    # remembering the victims of an attack is not extremism (the victims word is required, so "a vigil, then a
    # terror attack" is not excused)
    r"(?:gedenk\w*|memorial|hommage|homenaje|homenagem|omaggio|herdenking|upamietni\w*|commemorat\w*|"
    r"minute de silence|minuto de silencio|schweigeminute|vigil\w*|in memoriam|trauerfeier) (?:\w+ ){0,3}"
    r"(?:opfer|victims?|victimes|victimas|vittime|vitimas|slachtoffers|ofiar\w*|toten|morts|muertos|morti|mortos|"
    r"doden) (?:\w+ ){0,3}(?:anschlag\w*|attentat\w*|attentato|atentado|aanslag|zamach\w*|attack|bombing)",
    # "nothing gory": the negated word itself only, as `rule_patterns.BENIGN_CONTEXT` does in English
    r"(?:niks|geen|zonder) (?:bloed|bloederigs?|geweld|naakt)", r"(?:sin|sem|senza|sans|ohne|bez) (?:sangre|sangue|"
    r"sang|blut|krwi|gore|violencia|violencia explicita|violenza|violence|gewalt|przemocy)",
    r"(?:pas de|kein|keine|niente|nada de|nenhum|zero) (?:sang|blut|gore|sangue|sangre|violence|gewalt|violenza)",
    # "keine blutigen Details", "no gory details": the negated adjective before "details" or "scenes"
    r"(?<!spare )(?<!spares )(?<!sparing )(?:no|without|keine?n?|ohne|sin|sem|sans|senza|zonder|geen|bez|nessun\w*|"
    r"aucun\w*|nenhum\w*|ningun\w*) "
    r"(?:(?:des|de|di|dei) )?(?:details? |detalles |detalhes |dettagli |szczegolow )?(?:bloody|gory|graphic|"
    r"blutig\w*|sangrient\w*|sangrent\w*|sanglant\w*|sanguinos\w*|cruent\w*|bloederig\w*|krwaw\w*|"
    r"gore)(?: (?:details|scenes|images|szenen|bilder|beelden|scen|obrazow))?(?!(?: \w+)? aus\b)",
    r"rozbiera\w* (?:\w+ ){0,1}(?:na czesci|silnik\w*|poltusz\w*|tusz\w*|mieso|kurczak\w*|choink\w*|namiot\w*|"
    r"rower\w*|zegar\w*|komputer\w*|maszyn\w*|szaf\w*|mebl\w*)",
)


def _x(before: str, excused: str, after: str = "") -> str:
    """A targeted context: only the `excused` part (the trigger word) is benign, not the words around it."""
    return before + "(?P<x>" + excused + ")" + after


_NOT_MINE = r"(?!(?:my|mi|mon|ma|mes|mijn|meu|minha|mio|mia|mein\w*|moj\w*|his|her|your|ton|ta|tu|su|seu|sua|tuo|" \
            r"tua|dein\w*|zijn|haar|jouw|jego|jej|twoj\w*|ex)\b)"
# Contexts with a gap of other words: a trigger counts as excused only where the (?P<x>...) part matched, so a word
# in the gap ("a painting of a 12-year-old girl posing naked", "helpline volunteers ignore him as he slits his
# wrists") still counts. Each is compiled on its own by `safety.rule_patterns`.
TARGETED = (
    _x(r"(?:" + _ART_STYLE + r") ", _NUDE, r" (?:venus|venere|goddess|deesse|diosa|dea|godin|bogini\w*|gottin|deusa|"
       r"nymph\w*|ninf\w*|nimf\w*|adonis|david|apollo|apolo|hercules|ercole|herkules|athlete|atleta|athlet\w*)"),
    _x(r"(?:vet|vets|veterinar\w*|dierenarts\w*|tierarzt\w*|tierarztin|weterynarz\w*|paramedic\w*|nurse|enfermeir\w*|"
       r"enfermer\w*|infirmi\w*|infermier\w*|verpleeg\w*|pielegniar\w*|sanitater\w*|surgeon|chirurg\w*|cirujan\w*|"
       r"cirurgi\w*) (?:\w+[,:;]? ){0,8}?", r"(?:ensanguentad\w*|ensangrentad\w*|ensanglante\w*|blutend\w*|bloedend\w*|"
       r"krwawi\w*|sanguinant\w*|sangrando|bleeding)"),
    _x(r"(?:customs|police|douane\w*|douanier\w*|policia|guardia(?: di finanza| civil)?|polizia|carabinieri|finanza|"
       r"politie|marechaussee|zoll\w*|polizei|straz\w*|policj\w*|aduana|alfandega|receita federal|pf|coast guard|"
       r"kustwacht|border (?:guards?|police|force|agents?)|grenzpolizei|bundespolizei|grenswacht|" + _SNIFFER_DOG
       + r") "
       r"(?:(?!never|not|dont|don't|cant|can't|won't|cannot|nunca|jamais|nie|niet|nicht|nooit|non|nao|no|ne)\w+[,:;]? )"
       r"{0,3}?(?:saisi\w*|seiz\w*|sequestr\w*|apreend\w*|apreende|incauta\w*|decomisa\w*|"
       r"beschlagnahm\w*|vindt|vinden|vond|onderschep\w*|confisca\w*|intercept\w*|przechwyc\w*|zabezpiecz\w*|"
       r"finds?|found|encontr\w*|trouv\w*|trov\w*|find\w*|zatrzym\w*|stopp?\w*|detect\w*|discover\w*|decouvr\w*|"
       r"descubr\w*|scopr\w*|entdeck\w*|ontdek\w*|wykry\w*|odkry\w*|sniff\w*|snuffel\w*|schnuffel\w*|"
       r"renifl\w*|olfatea\w*|fiuta\w*|fareja\w*|detien\w*|arrest\w*) (?:\w+ ){0,4}?", _SEIZED),
    # a nude in art: the adjective next to the noun, with at most material or style words in between (so "a statue
    # and a nude woman" or "a nude woman beside statues" is not excused), or "statue of a nude athlete", "statue
    # antique de Vénus nue", "statua di un uomo nudo" (the noun, "of", an article and at most one word)
    _x("", _NUDE, r" (?:" + _ART_STYLE + r" ){0,2}?(?:" + _ART_NOUN + r"|beeld(?:en)?)"),
    _x(_ART_NOUN + r" (?:" + _ART_STYLE + r" ){0,2}?", _NUDE),
    _x(r"(?:" + _ART_NOUN + "|" + _PAINTING + r") (?:" + _ART_STYLE + r" ){0,2}?(?:" + _OF + r" |d')(?:" + _ARTICLE
       + r" )?", r"(?:\w+ )?(?:" + _ART_STYLE + r" )?" + _NUDE),
    _x(r"(?:os|les|des|the|i|die|de|los|as|het|dei|degli) ", r"(?:nus|nudes|nudi|akte|naakten|desnudos)",
       r" (?:de|di|von|van|of|by|da|du|del|della|dei|des)(?: la| le| l'| the| het| de)? " + _NOT_MINE + r"[a-z]+"),
    # nudes in paintings ("nudi dei dipinti rinascimentali", "naakte figuren op oude schilderijen")
    _x("", r"(?:nus|nudes|nudi|naakten|akte|desnudos|akty|aktow|" + _NUDE + r")",
       r"(?: (?:figuren|figures?|figuras|figur(?:en)?|postaci(?:e)?|corpi|corpos|cuerpos|corps|lichamen|korper))? "
       r"(?:(?:on|in|of|op|sur|dans|de|des|en|nei|sui|dei|delle|na|w|auf|von|der|den|das|the|le|la|les|los|las|os|as|"
       r"i|gli|oude|old|vieux|vieilles|alten|antichi|viejos|antigos|starych|dawnych) ){1,3}(?:" + _PAINTING + r")"),
    _x(r"(?:schilderij\w*|painting\w*|pintura\w*|cuadros?|tableaux?|peintures?|dipint\w*|quadros?|obraz\w*|gemalde\w*) "
       r"(?:\w+ ){0,4}?(?:met|with|con|avec|mit|com|z|de) (?:(?:des|les|der|den|dei|delle|de|di|van|a|the|some|vele|"
       r"veel|many) )?(?:" + _ART_STYLE + r" )?", _NUDE),
    # a painting or a famous nude painting's title named first, the nude within ten words, no "then" in between
    _x(r"(?:" + _PAINTING + r"|birth of venus|nascita di venere|naissance de venus|nacimiento de venus|geboorte van "
       r"venus|narodziny wenus|nascimento de venus|geburt der venus|szal uniesien|maja desnuda|olympia de manet)"
       r"(?! (?:class|lesson|workshop|course|cours|clase|corso|les|kurs|aula|zajecia)) "
       r"(?:(?!" + _THEN + r")[\w']+[,:;']? ){0,10}?", _NUDE),
    # an exhibition of (artistic) nudes; Dutch "een naakt uit de Gouden Eeuw" (a nude, the painting)
    _x(r"(?:exposicion|exhibition|exposition|mostra|tentoonstelling|wystaw\w*|exposicao|ausstellung) (?:\w+ ){0,2}?",
       r"(?:desnudos|nudes|nus|nudi|naakten|aktow|akte)"),
    _x(r"(?:e{1,2}n|het) ", "naakt", r" (?:uit|van|door) (?:de |het )?" + _NOT_MINE + r"\w+"),
    # a life-drawing class with a nude model
    _x(r"(?:life drawing|figure drawing|dibujo (?:de figura|del natural)|croquis|dessin d'?apres modele|modelo vivo|"
       r"modele vivant|disegno dal vero|modeltekenen|model tekenen|rysun\w* aktu|desenho de modelo vivo|aktzeichn\w*|"
       r"aktmal\w*) (?:\w+[,:;]? ){0,8}?", r"(?:(?:model[oe]?|modell[oa]?|modelka|modeli) (?:\w+ )?" + _NUDE
       + r"|" + _NUDE + r" (?:model[oe]?|modell[oa]?|modelka|modeli)|naaktmodel\w*|aktmodell\w*)"),
    _x("", r"(?:model[oe]?|modell[oa]?|modelka) " + _NUDE, r"[,:;]? (?:\w+[,:;]? ){0,6}?(?:students|"
       r"estudiantes|etudiants|studenti|studenten|studenci|estudantes|studierende|dibujan|draw|dessinent|disegnano|"
       r"tekenen|rysuja|desenham|zeichnen|sketch\w*)"),
    _x(r"(?:students|estudiantes|etudiants|studenti|studenten|studenci|estudantes|alunos|alumnos|allievi|leerlingen|"
       r"uczniowie|schuler) (?:\w+ ){0,2}?(?:dessinent|draw|sketch|dibujan|disegnano|tekenen|rysuja|desenham|zeichnen|"
       r"schetsen|paint|peignent|pintan|dipingono|schilderen|maluja|pintam|malen) (?:\w+ ){0,2}?",
       r"(?:(?:model[oe]?|modell[oa]?|modelka|modelke) " + _NUDE + r"|naaktmodel\w*|aktmodell\w*)"),
    # cooking and fishing: killing a lobster, gutting a salmon; games: killing a dragon; "gets killed in Fortnite"
    _x("", r"(?:tue|tuer|kills?|killing|mata|matar|uccide|uccidere|doodt|doden|zabija|zabic|totet|toten|abat|mate)"
       r"(?: (?:le|la|l'|the|a|un|una|il|lo|o|de|het|een|den|die|das))? (?:" + _FOOD_ANIMAL + r")\b"),
    _x("", r"(?:destrip\w*|eventr\w*|vid(?:e|er|ant|ait)|gut(?:s|ting|ted)?|sventr\w*|evisc\w*|patrosz\w*|"
       r"eviscer\w*)", r"(?: (?:y|and|et|e|en|und|i|ed) \w+)? (?:(?:un|una|el|la|le|les|the|a|il|lo|o|os|een|de|het|"
       r"den|die|das|des|i|gli) )?(?:\w+ )?"
       r"(?:" + _FOOD_ANIMAL + r")\b"),
    _x("", r"(?:tue|tuer|kills?|killing|killed|mata|matar|uccide|uccidere|doodt|doden|zabija|zabic|totet|toten)"
       r"(?: (?:le|la|l'|the|a|un|una|il|lo|o|de|het|een|den|die|das|el))?", r" (?:" + _GAME_FOE + r")\b"),
    _x("", r"(?:behead(?:s|ed|ing)?|decapit\w*|onthoofd\w*|enthaupt\w*|dekapit\w*|slays?|slaying|slew|slain)",
       r" (?:(?:the|a|an|un|una|uno|um|uma|le|la|il|lo|o|de|het|een|den|die|das|el|a un|a una) )?(?:\w+ )?"
       r"(?:dragons?|drag(?:o|hi)|draak|draken|smoka|dragao|drachen|monsters?|mostr[oi]|monstruos?|monstres?|"
       r"zombies?|orcs?|orchi|orcos|orks?|orken|goblins?|trolls?|trollen|demons?|demoni|demonios?|demonen|demony|"
       r"vampires?|vampiri|vampiros?|vampiers?|vampiry?|golems?|cyclops|ciclop[ei]s?|hydra|idra|hidra)\b"),
    # a team "massacred 7-0", "massacre de 7 a 0", "met 9-0 afgeslacht": a score of single digits next to the word
    # (so "massacred 40 villagers", "20 to 30 civilians" and "at 5:30" are not excused)
    _x("", _THRASHED, r"(?: (?:de|by|met|mit|con|com|par|per|z|od|door|with))? \d(?: ?[-:x] ?| a | )\d\b"),
    _x(r"\b\d(?: ?[-:] ?| )\d ", _THRASHED),
    _x(r"(?:s'?est fait|se fait|se faire|get(?:s|ting)?|got|wordt|werd|zostaje|zostal|wird|se deja|viene|e) (?:\w+ )?",
       r"(?:tuer|killed|matar|uccidere|ucciso|gedood|afgeschoten|zabity|zabic|getotet|morto|abattu|massacrer|"
       r"massacred|demolished|destroyed|detruire|aplastar|distruggere|afgemaakt|zmiazdzon\w*|destruir)",
       r" (?:\w+ ){0,4}?(?:a la |at |in |al |alla |bij |w |na |no |beim )?(?:petanque|boules|belote|chess|echecs|"
       r"ajedrez|scacchi|schaken|szachy|xadrez|schach|cards|cartes|cartas|carte|kaarten|karty|padel|tennis|"
       r"ping[- ]?pong|darts|bowling|scrabble|monopoly|uno|mario kart|"
       r"fortnite|minecraft|call of duty|warzone|valorant|apex|fifa|gta|roblox|counter[- ]strike|"
       r"league of legends|in (?:the|a) game|sur (?:le )?jeu|en el juego|nel gioco|in het spel|w grze|no jogo|"
       r"im spiel)"),
    # a cat "kills" a toy, a curtain or a cockroach; "murdering a song"; a cake "massacred" by hungry friends
    _x(r"(?:cat|kat|katze|gato|gatto|chat|kot|hond|dog|perro|cachorro|cane|chien|pies|kitten|puppy)s? (?:\w+ ){0,2}?",
       r"(?:kill\w*|vermoord\w*|mata\w*|uccide\w*|tue\w*|zabija\w*|tot\w*)", r" (?:\w+ ){0,3}?(?:" + _HOUSEHOLD
       + r")\b"),
    _x("", r"(?:massacr|vermoord|murder|zamordowa|ammazz|assassin|mordet|ermordet)\w*", r" (?:\w+ ){0,2}?(?:liedje|"
       r"song|chanson|cancion|canzone|piosenk\w*|cancao|karaoke)\w*"),
    _x(r"(?:tartes?|gateaux?|cakes?|taart(?:en)?|pizzas?|buffets?|bolos?|tortas?|torte|tort|kuchen) (?:\w+ ){0,4}?",
       r"massacr\w*"),
    # helplines, campaigns and support groups next to the word suicide
    _x(_HELPLINE + r"[,:;]? (?:\w+[,:;]? ){0,10}?", _SUICIDE_WORD),
    _x("", _SUICIDE_WORD, r"(?: \w+){0,4}?[,:;]? (?:\w+ ){0,3}?" + _HELPLINE),
    _x(r"(?:campagna|campaign|campagne|campana|campanha|kampania|kampagne) (?:\w+ ){0,2}?(?:contro|against|contre|"
       r"contra|tegen|przeciw|gegen) (?:il |el |le |la |o |a |de |den |het )?", _SUICIDE_WORD),
    _x(r"(?:support group|selbsthilfegruppe|grupo de apoyo|grupo de apoio|groupe de parole|gruppo di (?:supporto|"
       r"auto ?aiuto)|steungroep|lotgenoten\w*|grup\w* wsparcia|therap\w*|terapi\w*)[,:;]? (?:\w+[,:;]? ){0,12}?",
       r"(?:suicidal thoughts|suizidgedanken|pensamientos suicidas|pensamentos suicidas|idees suicidaires|"
       r"pensieri suicid\w*|suicidale gedachten|zelfmoordgedachten|mysli samobojcze|suicide attempts?|tentativas? de "
       r"suicidio|tentatives? de suicide|tentativ[oi] di suicidio|intentos? de suicidio|zelfmoordpoging\w*|"
       r"suizidversuch\w*|prob\w* samobojcz\w*)"),
    # an overdose in first aid or a doctor's explainer; a police seizure of drugs
    _x(r"(?:naloxon\w*|narcan|first aid|eerste hulp|erste hilfe|primeros auxilios|premiers secours|primo soccorso|"
       r"pierwsz\w* pomoc\w*|primeiros socorros|what to do|wat te doen|que faire|que hacer|was (?:zu )?tun|cosa fare|"
       r"co robic|o que fazer|how to (?:spot|recogni[sz]e)|signs of|herkennen|reconnaitre|reconocer|riconoscere|"
       r"rozpozna\w*|reconhecer|erkennen) (?:\w+ ){0,5}?", r"(?:(?:opioid|fentanyl|heroin|cocaine|drug)\w* )?"
       r"(?:overdos\w*|sobredosis|przedawkowan\w*)(?: (?:de|of|van|di|z|by) (?:drogas|drugs|drogues|droga|drogen|"
       r"narkotyk\w*|opioid\w*|cocain\w*|fentanyl|heroin\w*))?"),
    _x(r"(?:seizure|saisie|incautacion|sequestro|apreensao|beslaglegging|beschlagnahm\w*|vangst|bust|zajeci\w*) "
       r"(?:\w+ ){0,2}?(?:of |de |di |van |von |la |da )?", _SEIZED),
    # a slaughterhouse in a documentary or under inspection (the word only, and never "a human slaughterhouse")
    _x("", _SLAUGHTERHOUSE, r"(?:[,:;]? \w+){0,6}?[,:;]? (?:inspect\w*|hygien\w*|veterinar\w*|hygiene|"
       r"food safety|ispett\w*|inspeccion\w*|inspecao|kontrol\w*|workers|arbeiter\w*|trabajadores|ouvriers|"
       r"operai|medewerkers|pracownic\w*|trabalhadores)"),
    _x(r"(?:documentar\w*|documentaire|doku\w*|reportag\w*|reportaz\w*) (?:\w+ ){0,2}?(?:inside|in|dans|en|nel|in "
       r"een|im|w|no|num|em|na|dentro de|all'interno di) (?:a |an |the |un |une |uno |una |einem |een |um |uma )?",
       _SLAUGHTERHOUSE),
    # a former jihadist or neo-Nazi who repents or testifies, and deradicalisation programmes (the word only)
    _x(r"(?:former|ex|ancien|ancienne|ehemalig\w*|antiguo|antigua|ex-?miembro|voormalig\w*|byl\w*|antigo|antiga|"
       r"aussteiger) (?:\w+ ){0,1}?", _EXTREMIST, r"(?: \w+){0,2}? (?:repenti\w*|arrepentid\w*|pentit\w*|"
       r"bekeerd\w*|testif\w*|temoign\w*|testemunh\w*|testimon\w*|getuigt|bereut\w*|regrets?|spijt|zaluje|"
       r"talks about leaving|tells (?:his|her) story|erzahlt seine geschichte|vertelt zijn verhaal|raconte son "
       r"parcours|cuenta su historia|racconta la sua storia|conta a sua historia|opowiada swoja historie)"),
    _x(r"(?:(?:de|des|der)-?radi[ck]ali\w*|deradykaliz\w*|aussteig\w*|exit[- ]?program\w*|ausstiegsprogramm\w*)"
       r"[,:;]? (?:\w+[,:;]? ){0,6}?", _EXTREMIST),
    # a stabbing or an assassination in a historical reconstruction or costume drama ("Giulio Cesare pugnalato in
    # Senato"): the verb only, so gore words in the gap still count
    _x(r"(?:ricostruzione storica|historical (?:reconstruction|reenactment|re-enactment|drama)|reenactment|"
       r"re-enactment|costume drama|period drama|dramma in costume|dramma storico|film storico|"
       r"reconstitution historique|drame historique|film historique|reconstruccion historica|recreacion historica|"
       r"drama historico|pelicula historica|historisches drama|historienfilm|kostumfilm|historische reconstructie|"
       r"kostuumdrama|historisch drama|rekonstrukcja historyczna|dramat historyczny|film historyczny|"
       r"reconstituicao historica|reconstrucao historica|drama de epoca)(?: ?[,:;])? (?:(?!" + _THEN
       + r")[\w']+[,:;]? ){0,10}?",
       _STABBED),
    # a stabbing in an opera's plot ("Don José poignarde Carmen") or a named historical assassination, with no "then"
    # in between
    _x(r"(?:(?:opera|oper|opery|operu) (?:\w+ ){0,2}?(?:carmen|tosca|otello|othello|rigoletto|aida|traviata|"
       r"butterfly|giovanni|macbeth|salome|lammermoor|trovatore|pagliacci|wozzeck)|(?:giulio|julius|jules|julio|"
       r"juliusz) (?:caesar|cesare|cesar|cezar\w*)|abraham lincoln|rasputin\w*)[,:;]? (?:(?!" + _THEN
       + r")[\w']+[,:;]? ){0,8}?", _STABBED),
    _x("", _STABBED, r" (?:\w+ ){0,3}?(?:(?:giulio|julius|jules|julio|juliusz) (?:caesar|cesare|cesar|cezar\w*)|"
       r"abraham lincoln|rasputin\w*)\b"),
    # predators hunting in a nature film: the blood word only ("orcas cazando crías, agua ensangrentada")
    _x(r"(?:orcas?|killer whales?|sharks?|tiburon\w*|requins?|squal\w*|haaien?|rekin\w*|tubar\w*|lions?|leon(?:es|as?)"
       r"|leoni?|leeuw\w*|lowen|lwy|lwic\w*|wol(?:f|ves)|lobos?|loups?|lupi|wolven|wolfe|wilk\w*|crocodil\w*|"
       r"krokodyl\w*|krokodil\w*|cocodril\w*|tigers?|tigres?|tigri|tijgers?|tygrys\w*|hyenas?|hienas?|iene) "
       r"(?:\w+[,:;]? ){0,3}?(?:hunt\w*|caza\w*|chass\w*|cacci\w*|jag\w*|poluj\w*|cac[ae]\w*|devor\w*|"
       r"verslind\w*|reissen|reisst|pozer\w*) (?:\w+ ){0,2}?(?:seals?|focas?|phoques?|foche|zeehond\w*|fok[ia]?\w*|"
       r"lob(?:o|os) marinos?|sea lions?|zebras?|cebras?|zebre|gnous?|gnus?|nus|antilop\w*|antylop\w*|gazel\w*|"
       r"ciervos?|deer|cerfs?|hirsch\w*|herten|jelen\w*|bisons?|buffal\w*|bufal\w*|buffles?|fish|peces|poissons|"
       r"pesci|vissen|ryb\w*|peixes|fische?|crias|cachorros|pups?|rabbits?|conejos?|lapins?|liebres?|hares?|"
       r"caribou|rennes?|wildebeest\w*|elks?|moose|prey|presas?|proies?|prede|prooi|beute|ofiar\w*|penguins?|"
       r"pinguin\w*|manchots?)\b(?:[,:;]? \w+){0,12}?[,:;]? ",
       r"(?:ensangrentad\w*|ensanguentad\w*|ensanglant\w*|insanguinat\w*|bloody|blutig\w*|bloederig\w*|"
       r"zakrwawion\w*|sangrient\w*)"),
    # survivors and documentaries about torture under a dictatorship
    _x(r"(?:documentar\w*|documentaire|survivors?|sobreviventes|supervivientes|survivants|sopravvissut\w*|"
       r"overlevenden|ocalal\w*|uberlebend\w*|testimon\w*|getuig\w*|zeitzeug\w*|swiadk\w*) (?:\w+[,:;]? ){0,5}?",
       r"(?:tortur(?:e|a|as|es)|folter|marteling\w*|tortury)\b"),
)
