"""Benign contexts in all eight languages, added to `safety.rule_patterns.BENIGN_CONTEXT`.

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
_NUDE_ADJ = r"nude|naked|naakte?|nag(?:a|i|ie|ich|y)|nackte?[nrs]?|desnud[oa]s?|nu[aes]?|nuas|nud[oaie]|nus"
_PAINTING = (r"schilderij\w*|paintings?|dipint\w*|quadr[io]s?|tableaux?|peintures?|gemalde\w*|cuadros?|pinturas?|"
             r"obraz\w*|affresch\w*|fresques?|frescos?|canvases|toiles")
# what a kitchen, a fishmonger or a hunter kills, guts or cleans
_FOOD_ANIMAL = (r"homards?|langoustes?|crabes?|poissons?|anguilles?|lobsters?|crabs?|fish|eels?|langostas?|cangrejos?|"
                r"pez|peces|pescados?|aragost[ae]|astic[ei]|bogavantes?|granchi[o]?|pesc[ei]|kreeft\w*|krab\w*|vis|"
                r"paling|homar\w*|krab\w*|ryb\w*|karp\w*|lagostas?|caranguejos?|peix\w*|hummer\w*|krabbe\w*|fisch\w*|"
                r"aal|salmon|salmones|saumons?|salmone|zalm|losos\w*|salmao|lachs\w*|trout|truchas?|truites?|trot[ae]|"
                r"forel\w*|pstrag\w*|trutas?|tuna|atun|thon|tonno|tonijn|tunczyk\w*|atum|thunfisch|cod|bacalao|"
                r"cabillaud|merluzzo|kabeljauw|dorsz\w*|bacalhau|kabeljau|sardin\w*|herrings?|haring\w*|arenques?|"
                r"harengs?|aringh[ei]|sledz\w*|hering\w*|mackerel|caballas?|maquereaux?|sgombr[oi]|makre\w*|cavalas?|"
                r"pulpo|polvo|octopus|polpo|chickens?|pollos?|poulets?|kip|kurczak\w*|frangos?|huhn|hahnchen|deer|"
                r"ciervos?|cerfs?|cerv[oi]|hert\w*|jelen\w*|veados?|hirsch\w*|reh|rabbits?|conejos?|lapins?|conigli?o?|"
                r"konijn\w*|krolik\w*|coelhos?|kaninchen")
_GAME_FOE = (r"dragon|drago|draak|smoka|dragao|drachen|monster|mostro|monstruo|monstre|zombie\w*|boss|orc\w*|"
             r"ork\w*|goblin\w*|troll\w*|demon\w*|vampir\w*|alien\w*|robot\w*|slime\w*|creeper\w*")
# A helpline, listening service or crisis line named next to the word suicide is support, not self-harm.
_HELPLINE = (r"(?:helplines?|hotlines?|crisis (?:lines?|centers?|centres?|counsel+or\w*)|lifelines?|samaritans|"
             r"telefon\w* zaufania|centr\w* interwencji kryzysowej|sportell\w* di ascolto|line\w* di ascolto|"
             r"telefono amico|numero verde|lign\w* d'?ecoute|numero d'?ecoute|sos amitie|hulplijn\w*|"
             r"zelfmoordlijn|linha de apoio|centro de valorizacao da vida|cvv|linea de (?:ayuda|atencion)|"
             r"telefono de la esperanza|telefonseelsorge|krisentelefon\w*|seelsorge\w*|listening service)")
_SUICIDE_WORD = r"(?:suicid\w*|samobojcz\w*|samobojst\w*|zelfmoord\w*|selbstmord\w*|suizid\w*)"
# The English benign contexts of `rule_patterns.BENIGN_CONTEXT` (prevention campaigns, the naked mole rat, nude
# statues, idioms), in these languages and in Spanish, French and German where those lacked them.
BENIGN = (
    r"piersi? z kurczaka", r"pieds? nus", r"torse nu", r"nu[- ]pieds", r"mains nues", r"a l'?oeil nu",
    r"borstcrawl", r"borstzwemmen",
    r"petto di pollo", r"peito de frango", r"peitos? de (?:frango|peru)", r"(?:nado|nadar) de peito",
    r"prevenzione del suicidio", r"zelfmoordpreventie", r"(?:preventie|voorkomen) van zelfmoord",
    r"zapobiegani\w* samobojstw\w*", r"prevencao (?:ao|do|de) suicidio", r"prevention du suicide",
    r"prevencion del suicidio", r"suizidpravention", r"suizidpraevention",
    r"naakte molrat\w*", r"rato[- ]toupeira[- ]pelado\w*", r"nacktmull\w*", r"rata topo desnuda", r"rat[- ]taupe nu",
    # a nude in art: the adjective next to the noun, with at most material or style words in between (so "a statue
    # and a nude woman" or "a nude woman beside statues" is not excused), or "statue of a nude athlete", "statue
    # antique de Vénus nue", "statua di un uomo nudo" (the noun, "of", an article and at most one word)
    _NUDE + r" (?:" + _ART_STYLE + r" ){0,2}(?:" + _ART_NOUN + r"|beeld(?:en)?)",
    _ART_NOUN + r" (?:" + _ART_STYLE + r" ){0,2}" + _NUDE,
    r"(?:" + _ART_NOUN + "|" + _PAINTING + r") (?:" + _ART_STYLE + r" ){0,2}(?:" + _OF + r" |d')(?:" + _ARTICLE
    + r" )?(?:\w+ )?(?:" + _ART_STYLE + r" )?" + _NUDE,
    r"naakt(?:schilderij|studie|studies|tekening|portret|beeld)\w*", r"akt(?:gemalde|malerei|zeichnung|studie)\w*",
    r"mat\w* (?:\w+ ){0,2}de ri(?:r|so|sa)", r"breast self[- ]?exam\w*",
    r"(?:tue|tuer|tuent|tuant|tuait) le (?:game|match)",
    r"(?:ta|esta|e|es) de matar\b(?! (?:a|al|o|os|as|la|las|los|el|um|uma|un|una)\b)",
    r"(?:prevention|prevencion|prevencao|prevenzione) (?:\w+ ){0,1}suicid\w*",
    r"la maja desnuda", r"(?:os|les|des|the|i|die|de|los|as|het|dei|degli) (?:nus|nudes|nudi|akte|naakten|desnudos) "
    r"(?:de|di|von|van|of|by|da|du|del|della|dei|des)(?: la| le| l'| the| het| de)? [a-z]+",
    # nudes in paintings: a nude noun, or the adjective with "figures", then a painting noun ("nudi dei dipinti
    # rinascimentali", "naakte figuren op oude schilderijen"); "a naked woman next to paintings" is not excused
    r"(?:nus|nudes|nudi|naakten|akte|desnudos|akty|aktow|(?:" + _NUDE_ADJ + r") (?:figuren|figures?|figuras|"
    r"figur(?:en)?|postaci(?:e)?|corpi|corpos|cuerpos|corps|lichamen|korper)) (?:(?:on|in|of|op|sur|dans|de|des|"
    r"en|nei|sui|dei|delle|na|w|auf|von|der|den|das|the|le|la|les|los|las|os|as|i|gli|oude|old|vieux|vieilles|"
    r"alten|antichi|viejos|antigos|starych|dawnych) ){1,3}(?:" + _PAINTING + r")",
    # a life-drawing class with a nude model
    r"(?:life drawing|figure drawing|dibujo (?:de figura|del natural)|croquis|dessin d'?apres modele|modelo vivo|"
    r"modele vivant|disegno dal vero|modeltekenen|model tekenen|rysun\w* aktu|desenho de modelo vivo|aktzeichn\w*|"
    r"aktmal\w*) (?:\w+[,:;]? ){0,8}(?:(?:model[oe]?|modell[oa]?|modelka|modeli) (?:\w+ )?(?:" + _NUDE_ADJ + r")|"
    r"(?:" + _NUDE_ADJ + r") (?:model[oe]?|modell[oa]?|modelka|modeli))",
    r"(?:model[oe]?|modell[oa]?|modelka) (?:" + _NUDE_ADJ + r")[,:;]? (?:\w+[,:;]? ){0,6}(?:students|estudiantes|"
    r"etudiants|studenti|studenten|studenci|estudantes|studierende|dibujan|draw|dessinent|disegnano|tekenen|rysuja|"
    r"desenham|zeichnen|sketch\w*)",
    # cooking: killing a lobster or a fish for the pot; games: killing a dragon, a zombie, a boss; "gets killed in
    # Fortnite"
    r"(?:tue|tuer|kills?|killing|mata|matar|uccide|uccidere|doodt|doden|zabija|zabic|totet|toten|abat|mate) "
    r"(?:le |la |l'|the |a |un |una |il |lo |o |de |het |een |den |die |das )?(?:" + _FOOD_ANIMAL + r")",
    r"(?:tue|tuer|kills?|killing|killed|mata|matar|uccide|uccidere|doodt|doden|zabija|zabic|totet|toten) "
    r"(?:le |la |l'|the |a |un |una |il |lo |o |de |het |een |den |die |das |el )?(?:" + _GAME_FOE + r")",
    r"(?:se fait|se faire|get(?:s|ting)?|got|wordt|werd|zostaje|zostal|wird|se deja|viene|e) (?:\w+ )?(?:tuer|killed|"
    r"matar|uccidere|ucciso|gedood|afgeschoten|zabity|zabic|getotet|morto|abattu) (?:\w+ ){0,4}(?:fortnite|minecraft|"
    r"call of duty|warzone|valorant|apex|fifa|gta|roblox|counter[- ]strike|league of legends|in (?:the|a) game|"
    r"sur (?:le )?jeu|en el juego|nel gioco|in het spel|w grze|no jogo|im spiel)",
    r"(?:schilderij\w*|painting\w*|pintura\w*|cuadros?|tableaux?|peintures?|dipint\w*|quadros?|"
    r"obraz\w*|gemalde\w*) (?:\w+ ){0,4}(?:met|with|con|avec|mit|com|z|de) (?:(?:des|les|der|den|dei|delle|de|di|"
    r"van|a|the|some|vele|veel|many) )?(?:" + _ART_STYLE + r" )?"
    r"(?:nude|naakte?|nag(?:a|i|ie|ich|y)|nackte[nrs]?|desnud[oa]s?|nu[aes]?|nuas|nues|nud[oaie])",
    _HELPLINE + r"[,:;]? (?:\w+[,:;]? ){0,10}" + _SUICIDE_WORD,
    _SUICIDE_WORD + r"(?: \w+){0,4}[,:;]? (?:\w+ ){0,3}" + _HELPLINE,
    # a support group or therapy talking about past suicidal thoughts
    r"(?:support group|selbsthilfegruppe|grupo de apoyo|grupo de apoio|groupe de parole|"
    r"gruppo di (?:supporto|auto ?aiuto)|steungroep|lotgenoten\w*|grup\w* wsparcia|therap\w*|terapi\w*)[,:;]? "
    r"(?:\w+[,:;]? ){0,12}(?:suicidal thoughts|suizidgedanken|"
    r"pensamientos suicidas|pensamentos suicidas|idees suicidaires|pensieri suicid\w*|suicidale gedachten|"
    r"zelfmoordgedachten|mysli samobojcze|suicide attempts?|tentativas? de suicidio|tentatives? de suicide|"
    r"tentativ[oi] di suicidio|intentos? de suicidio|zelfmoordpoging\w*|suizidversuch\w*|prob\w* samobojcz\w*)",
    # an overdose in first aid or a doctor's explainer
    r"(?:naloxon\w*|narcan|first aid|eerste hulp|erste hilfe|primeros auxilios|premiers secours|primo soccorso|"
    r"pierwsz\w* pomoc\w*|primeiros socorros|what to do|wat te doen|que faire|que hacer|was (?:zu )?tun|cosa fare|"
    r"co robic|o que fazer) (?:\w+ ){0,6}(?:overdos\w*|sobredosis|przedawkowan\w*)(?: (?:de|of|van|di|z) "
    r"(?:drogas|drugs|drogues|droga|drogen|narkotyk\w*|opioid\w*))?",
    r"(?:overdos\w*|sobredosis|przedawkowan\w*) (?:response|training|prevention|awareness|kit|course|cursus|"
    r"formation|formazione|prevencion|prevencao|pravention|preventie|profilaktyk\w*)",
    r"(?:students|estudiantes|etudiants|studenti|studenten|studenci|estudantes|alunos|alumnos|allievi|leerlingen|"
    r"uczniowie|schuler) (?:\w+ ){0,2}(?:dessinent|draw|sketch|dibujan|disegnano|tekenen|rysuja|desenham|zeichnen|"
    r"schetsen|paint|peignent|pintan|dipingono|schilderen|maluja|pintam|malen) (?:\w+ ){0,2}(?:model[oe]?|modell[oa]?|"
    r"modelka|modelke) (?:" + _NUDE_ADJ + r")",
    r"(?:destrip\w*|eventr\w*|vid(?:e|er|ant|ait)|gut(?:s|ting|ted)?|sventr\w*|evisc\w*|patrosz\w*|eviscer\w*|"
    r"ausnehm\w*|schoonma\w*|limpa\w*|limpi\w*|pulisc\w*) (?:(?:un|una|el|la|le|les|the|a|il|lo|o|os|een|de|het|"
    r"den|die|das|des|i|gli) )?(?:\w+ )?(?:" + _FOOD_ANIMAL + r")",
    # "murdering a song", a cake "massacred" by hungry friends, a tomato fight: idioms
    r"(?:massacr|vermoord|murder|zamordowa|ammazz|assassin|mordet|ermordet)\w* (?:\w+ ){0,2}(?:liedje|lied|song|"
    r"chanson|cancion|canzone|piosenk\w*|cancao|musica|muziek|karaoke)\w*",
    r"(?:tarte|gateau|cake|taart|pizza|buffet|bolo|torta|tort|kuchen)\w* (?:\w+ ){0,4}massacr\w*",
    r"(?:bestia|maquina|fiera) asesina",
    r"(?:se )?mat(?:a|an|arse|ando) a (?:tomatazos|almohadazos|globazos|harinazos|cojinazos|besos|reir)",
    # an exhibition of (artistic) nudes; Dutch "een naakt uit de Gouden Eeuw" (a nude, the painting)
    r"(?:exposicion|exhibition|exposition|mostra|tentoonstelling|wystaw\w*|exposicao|ausstellung) (?:\w+ ){0,2}"
    r"(?:desnudos|nudes|nus|nudi|naakten|aktow|akte)(?: artistic\w*| artistiques| artistici)?",
    r"(?:e{1,2}n|het) naakt (?:uit|van|door) (?:de |het )?\w+",
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
    r"rozbiera\w* (?:\w+ ){0,1}(?:na czesci|silnik\w*|poltusz\w*|tusz\w*|mieso|kurczak\w*|choink\w*|namiot\w*|"
    r"rower\w*|zegar\w*|komputer\w*|maszyn\w*|szaf\w*|mebl\w*)",
)
