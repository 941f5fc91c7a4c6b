"""Rule vocabulary in Italian, Dutch, Polish and Portuguese, added to the pattern tables in `safety.rule_patterns`.

Contract: data only. Each tuple (and `JOINED_STEMS`) holds regex alternatives in the folded form that
`safety.normalize` produces (lower case, accents and Polish letters folded: "zywcem", "crianca", "nagosc"; short
words with a doubled letter may be collapsed: Dutch "een" reads "en", hence "e{1,2}n"). `rule_patterns` joins them
into its per-category patterns, so the matching code and the benign contexts apply unchanged. Phrasings that need
all eight languages at once (a crime as a how-to, a pet beheaded, pills "to die") live here too. The words are the
plain vocabulary a speaker would list for each category; where a retired blind set showed a gap (a pet beheaded at
a barbecue), the fix is the general phrasing in every language, not that prompt's words. Words that are ordinary
in another language are left out or only kept inside a phrase: Dutch "nu" (now), Italian "eroina" (heroine), "scopa"
(broom), Portuguese "mata" (forest), Polish "rzezba" (sculpture).
"""
from __future__ import annotations

SEXUAL = (
    # it
    r"nud[aie]", r"nudo integrale", r"(?:uomo|corpo|ragazzo|modello) (?:tutto )?nudo", r"nudita", r"sesso",
    r"sessual[ei]", r"sessualmente", r"tette", r"capezzol[oi]", r"erotic[oaie]",
    r"spogliarell\w*", r"si spoglia\w*", r"spogliat[aoie]", r"senza vestiti", r"fa(?:re|nno|ccia) l'?amore",
    r"seni? nud[oi]", r"masturba\w*",
    # nl
    r"naakt\w*", r"bloot", r"blote (?:borsten|billen|vrouw|man|meisjes?|lichamen|lichaam)", r"seks\w*", r"neuk\w*",
    r"tieten", r"borsten", r"tepels?", r"uitkleden", r"kleedt zich (?:\w+ )?uit", r"zonder kleren", r"vrijen",
    r"vrijpartij\w*",
    # pl
    r"nag[aiy]", r"nagie", r"nago", r"nagosc\w*", r"nagich", r"nagim", r"seks\w*", r"piersi", r"cycki\w*",
    r"sutki\w*", r"erotyczn\w*", r"rozbiera\w*", r"striptiz\w*", r"bez ubrania", r"uprawia\w* (?:\w+ )?seks\w*",
    r"kochaja sie", r"pornos\w*",
    # pt
    r"nuas?", r"pelad[oa]s?", r"sexua\w*", r"seios", r"seios? (?:nus|de fora|a mostra)", r"mamilos?",
    r"peitos (?:nus|de fora|a mostra)", r"se despe\w*", r"despid[oa]s?",
    r"sem roupas?", r"fazendo amor", r"fazem amor", r"transa(?:r|ndo|m)", r"erotic[oa]s?",
)
SUGGESTIVE = (
    r"biancheria intima", r"provocant[ei]", r"seducent[ei]", r"sensual[ei]", r"intimo",
    r"ondergoed", r"uitdagend\w*", r"verleidelijk\w*",
    r"bielizn\w*", r"uwodziciel\w*", r"prowokacyjn\w*", r"kuszac\w*",
    r"calcinhas?", r"sutia", r"provocantes?", r"sedutor\w*", r"insinuante\w*",
)
MINOR_TERMS = (
    r"bambin[oaie]", r"bimb[aie]", r"ragazzin[oaie]", r"minorenn[ei]", r"scolar\w*", r"liceal[ei]",
    r"(?:[1-9]|1[0-7]) anni",
    r"kinderen", r"kindje\w*", r"(?:e{1,2}n|het|klein) kind", r"meisjes?", r"jongetjes?", r"minderjarig\w*",
    r"tiener\w*", r"schoolmeisjes?",
    r"peuters?", r"kleuters?", r"(?:[1-9]|1[0-7])[- ]?(?:jaar|jarig\w*)",
    r"dzieck\w*", r"dzieci\w*", r"dziewczyn(?:ka|ki|ke|ek|kami)", r"chlopiec", r"chlopc(?:y|a|ami|ow)",
    r"nieletni\w*", r"\w*nastolat\w*", r"(?:[1-9]|1[0-7])[- ]?lat(?:ek|ka|ki|kiem|ke)?", r"uczennic\w*", r"niemowl\w*",
    r"crianc[ao]s?", r"menin[ao]s?", r"garot[ao]s?", r"menor(?:es)? de idade", r"novinh[ao]s?", r"colegia(?:l|is)",
)
# pets and people as the target of a beheading
_TARGET = (r"dogs?|cats?|puppy|puppies|kittens?|bunny|rabbits?|pets?|hamsters?|hostages?|man|woman|cachorr\w*|cao|"
           r"gat[oa]s?|perr[oa]s?|chien\w*|chat(?:te)?s?|can[ei]|gatt[oa]|gattin[oi]|cucciol\w*|coelh\w*|conej\w*|"
           r"lapin\w*|conigli\w*|homem|mulher|hombre|mujer|homme|femme|uomo|donna|refem|rehen|otage|ostaggio|"
           r"hund\w*|katze\w*|kaninchen|hase\w*|mann|frau|geisel|hond\w*|kat|katten|poes|konijn\w*|gijzelaar|"
           r"psu|psa|psiak\w*|kotu|kota|kotk\w*|krolik\w*|czlowiek\w*|mezczyzn\w*|kobie\w*|zakladnik\w*")
_EN_CUT = (r"(?:cut|cuts|cutting|chop|chops|chopping|chopped|hack|hacks|hacked|rip|rips|ripped|tear|tears|tore|"
           r"twist|twists|twisted|saw|saws|sawing|sawed)")
VIOLENCE = (
    # it
    r"squarta\w*", r"sgozza\w*", r"martellat[ae]\b", r"smembra\w*", r"sbudella\w*", r"budella",
    r"uccid\w* (?:un|una|il|la|lo|i|le|gli)",
    r"uccis[oaie] a \w+", r"accoltella\w*", r"pugnala\w*", r"sangue ovunque", r"copert[oa] di sangue",
    r"bagno di sangue", r"fatt[oa] a pezzi", r"scuoiat\w*", r"omicidi\w*",
    r"ammazza(?:re|no|ndo|to|ta) (?:un|una|il|la|lo|i|le|gli)",
    # nl
    r"onthoofd\w*", r"verminkt\w*", r"gemarteld\w*",
    r"martel(?:en|t|de|den|ing|ingen|kamer\w*|werktuig\w*|container\w*)\b",
    r"afgeslacht\w*", r"afslacht\w*",
    r"bloederig\w*", r"onder het bloed", r"ingewanden", r"gevild", r"doodgestoken", r"doodgeschoten",
    r"in stukken gehakt", r"vermoord\w*", r"bloedbad\w*", r"doodslaan", r"doodgeslagen", r"slachtpartij\w*",
    # pl
    r"odcie\w* glow\w*", r"pocwiartowan\w*", r"cwiartuj\w*", r"okaleczon\w*", r"zamordowan\w*", r"morderstw\w*",
    r"zabija\w* (?:go|ja|ich|ludzi|czlowieka|kobiete|mezczyzne)", r"rzez", r"krew (?:wszedzie|tryska\w*)",
    r"we krwi", r"zakrwawion\w*", r"wnetrznosci", r"obdziera\w* ze skory", r"zadzgan\w*", r"dzga\w* nozem",
    r"(?:spalon\w*|pogrzeban\w*|obdart\w*|zjedzon\w*) zywcem",
    r"zywcem (?:spalon\w*|pogrzeban\w*|obdart\w*|zjedzon\w*)",
    # pt
    r"esquarteja\w*", r"esfaque\w*", r"degola\w*", r"ensanguentad\w*", r"sangue por toda parte",
    r"coberto de sangue", r"banho de sangue", r"chacina\w*", r"assassinat\w*", r"espancad[oa]s? ate a morte",
    r"queimad[oa]s? viv[oa]s?", r"decepad\w*",
    r"se desangr\w*", r"desangrandose", r"se vide de son sang", r"dissangua\w*", r"leegbloed\w*", r"wykrwawi\w*",
    r"sangr\w* ate (?:morrer|a morte)", r"bleed(?:s|ing)? (?:\w+ ){0,2}to death", r"bled out",
    r"(?:slaat|sloeg|slaan|sla) (?:\w+ ){0,8}de (?:kop|schedel|hersens) in\b", r"(?:kop|schedel) ingeslagen",
    r"(?:defonce|fracasse|eclate)\w* (?:\w+ ){0,2}(?:le )?crane", r"(?:revienta|destroza|aplasta)\w* (?:\w+ ){0,2}"
    r"(?:la cabeza|el craneo)", r"(?:spacca|fracassa|sfonda)\w* (?:\w+ ){0,2}(?:la testa|il cranio)",
    r"(?:schadel|kopf) (?:\w+ ){0,2}einschlag\w*", r"schlagt (?:\w+ ){0,3}(?:den schadel|den kopf) ein",
    r"(?:roztrzaska|rozbija|rozwal)\w* (?:\w+ ){0,2}(?:czaszk\w*|glow\w*|leb\w*)",
    r"(?:esmaga|arrebenta|rebenta)\w* (?:\w+ ){0,2}(?:a cabeca|o cranio)",
    r"(?:smash|smashes|smashing|smashed|bash|bashes|bashing|bashed|cave|caves|caving|caved) (?:\w+ ){0,2}"
    r"(?:head|skull)s? in\b",
    # gore as a scene detail (blood spurting, brains, a cut throat) in all eight languages, also in an otherwise
    # harmless scene
    r"faca no pescoco", r"sangue (?:jorr\w*|espirr\w*|pra todo lado|para todo lado)", r"jorrando sangue",
    r"miolos (?:espalhad\w*|no chao|pra todo lado|para todo lado|na)", r"estoura\w* (?:os miolos|a cabeca)",
    r"spara\w* in faccia", r"cervello (?:sul|sulla|sparso|schizzat\w*|ovunque|dappertutto)",
    r"sangue (?:schizza\w*|dappertutto|a fiotti|zampill\w*)",
    r"hersen(?:s|en) (?:op|overal|spatten|eruit|tegen)", r"neergeschoten", r"schiet (?:\w+ ){1,3}neer",
    r"bloed (?:spuit|gutst|overal)", r"keel (?:doorgesneden|doorsnijden|doorsnijdt|door)",
    r"mozg (?:na|rozbryzg\w*|wszedzie)", r"pode?r(?:zyna|zn)\w* gardl\w*",
    r"strzela\w* (?:mu|jej) w (?:glowe|twarz)",
    r"le vuela (?:la cabeza|los sesos)", r"volarle (?:la cabeza|los sesos)",
    r"sesos (?:esparcidos|desparramados|volando|por todas partes|por el suelo|en la)",
    r"sangre (?:a chorros|a borbotones|por todas partes|salpica\w*|chorreando)",
    r"sang (?:gicle|giclant|partout|jaillit|jaillissant)", r"cervelle (?:sur|partout|eclat\w*|repandue)",
    r"kehle (?:auf|durch)\w*", r"schlitzt (?:\w+ ){0,3}kehle", r"blut spritzt\w*", r"spritzendes blut",
    r"hirn (?:spritzt|klebt|uberall)", r"(?:in den kopf|ins gesicht) geschossen",
    # animal cruelty: skinned or cut up alive, kicked or beaten to death, guts coming out
    r"(?:skin(?:s|ned|ning)?|flay\w*|ecorch\w*|decoup\w*|desoll\w*|despellej\w*|scuoi\w*|esfol\w*|obdzier\w*|"
    r"hautet|hauten|gehautet|brul\w*|queima\w*|queimad\w*|quema\w*|brucia\w*|verbrand\w*|verbrenn\w*|"
    r"pali(?:l|c|\b)\w*|nail\w*|crucif\w*|clav\w*|inchiod\w*|cloue\w*|annagel\w*|spijker\w*|przybi\w*|"
    r"preg(?:a|ou|ar|ando|ado)\w*) "
    r"(?:\w+ ){0,3}(?:alive|vivante?s?|viv[oa]s?|lebendig\w*|levend\w*|zywcem)",
    r"(?:skin(?:s|ned|ning)?|flay\w*|cut(?:s|ting)? up|decoup\w*|ecorch\w*) (?:a |the )?(?:live|living) \w+",
    r"(?:tritt|trat|treten|prugel\w*|schlagt|schlug|erschlagt|qualt|qualen) (?:\w+ ){0,4}tot(?! \w+ ist)",
    r"gedarme (?:hang\w*|raus\w*|quell\w*)", r"(?:ate|ate que) as tripas", r"tripas (?:pra fora|saindo|sairem|de fora)",
    r"hasta que (?:le )?(?:salgan|se salen) las tripas", r"budella (?:fuori|di fuori)",
    r"zatlu(?:k|c)\w*", r"wyplywa\w* (?:mu |jej )?mozg", r"doodgetrapt", r"doo?d ?(?:schopt|schoppen|trapt|trappen)",
    r"(?:schopt|schopte|trapt|trapte|slaat|sloeg|meppen|mept) (?:\w+ ){0,5}doo?d\b",
    r"(?:topi\w*|utopi\w*) (?:\w+ ){0,2}(?:psa|psy|kota|koty|szczeni\w*|kociak\w*|kociet\w*)",
    r"(?:afoga\w*|ahoga\w*|noie\w*|noy\w*|annega\w*|verdrink\w*|verzuip\w*|ertrank\w*|ersauf\w*|drown(?:s|ed|ing)?) "
    r"(?:\w+ ){0,2}(?:cachorr\w*|gat[oa]s?|gatti\w*|filhote\w*|perr[oa]s?|chien\w*|chat(?:s|te|tes)?|chaton\w*|"
    r"chiot\w*|can[ei]|cucciol\w*|hond\w*|kat|katten|kitten\w*|pup\w*|hund\w*|katze\w*|welpen|katzchen|dogs?|"
    r"cats?|puppies|puppy)",
    r"(?:" + _TARGET + r") (?:viv[oa] |vivante? |alive |levend\w* |lebendig\w* |zywcem |zyw\w* )?(?:\w+ ){0,3}(?:no|na|"
    r"in the|into the|in a|au|dans (?:le|la|un|une)|en el|en la|nel|nella|in de|in het|in die|in den|w|do) "
    r"(?:micro[- ]?ondas|microwave|micro[- ]?ondes?|microonde|magnetron|mikrowelle|mikrofal\w*|forno|oven|four|horno|"
    r"lavatrice|washing machine|lave[- ]linge|lavadora|wasmachine|waschmaschine|pralk\w*|maquina de lavar|piekarnik\w*|"
    r"backofen)",
    # cutting the head off a pet or a person (a fish or a chicken in a kitchen is not meant, so the target is named)
    r"(?:decep\w*|cort(?:a|am|ou|ar|ando|o|aron)|arranc\w*|coup\w*|tranch\w*|arrach\w*|tagli\w*|mozz\w*|stacc\w*) "
    r"(?:\w+ ){0,2}(?:a |la |le )?(?:cabeca|cabeza|tete|testa) (?:do|da|del|al|a la|du|de la|au|della|dello|alla|di|"
    r"de|a) (?:\w+ )?(?:" + _TARGET + r")",
    r"(?:schneid\w*|hack\w*|reis+\w*|schlag\w*|trenn\w*) (?:\w+ ){0,3}(?:" + _TARGET + r") den kopf ab",
    r"(?:hakt|hakte|snijdt|sneed|rukt|rukte) (?:\w+ ){0,1}(?:de kop|het hoofd) (?:\w+ ){0,1}van (?:de |het |e{1,2}n "
    r"|zijn |haar )?(?:" + _TARGET + r")",
    r"(?:odcina\w*|obcina\w*|ucina\w*|odcia\w*|ucia\w*|urywa\w*|urwa\w*) (?:\w+ ){0,1}glow\w* (?:\w+ )?(?:"
    + _TARGET + r")",
    _EN_CUT + r" (?:off )?(?:the |a |his |her |their )?head (?:off )?(?:of )?(?:a |the |his |her |their )?(?:"
    + _TARGET + r")", _EN_CUT + r" (?:off )?(?:the |a |his |her |their )?(?:" + _TARGET + r")'?s? head",
    # a pet thrown off a bridge or into a fire ("lanciano un cane da un ponte", "wrzucają żywego psa do ogniska"): the
    # place right after the animal, so "throws the drowning man a rope from the bridge" is not meant
    r"(?:throw(?:s|ing|n)?|threw|toss\w*|lanc(?:ia|iano|iato|iare|iando|a|am|ou|ar|ando|e|ent|er)|arroj\w*|"
    r"butt(?:a|ano|ato|are|ando)|gett(?:a|ano|ato|are|ando)|wrzuc\w*|zrzuc\w*|wyrzuc\w*|werf\w*|warf|wirft|"
    r"gooi\w*|smijt\w*|jog(?:a|am|ou|aram|ando|ar)|atir\w*|jett\w*) (?:\w+ ){0,2}(?:"
    + _TARGET + r") (?:da (?:un|il) ponte|dal ponte|nel fuoco|nel falo|(?:from|off) (?:a|the) bridge|"
    r"z mostu|do ognisk\w*|do ognia|into (?:the |a )?(?:fire|bonfire|flames)|ins feuer|ins lagerfeuer|"
    r"von (?:der|einer) brucke|van (?:de|een) brug|in het vuur|(?:da|de uma|de um) ponte|no fogo|na fogueira|"
    r"(?:desde|de) (?:un|el) puente|al fuego|a la hoguera|(?:du|d'un) pont|dans le feu|au feu)",
    # beaten until it bleeds; dog fights; blood spurting; a pet boiled or buried alive
    r"(?:geschlagen|schlagen|schlagt|schlug\w*|prugel\w*|verprugel\w*|beat(?:s|en|ing)?|golpe\w*|apalea\w*|"
    r"frapp\w*|picchia\w*|bastona\w*|geslagen|slaat|sloeg|slaan|mept\w*|bij[ea]\w*|pobi\w*|tluk\w*|"
    r"espanc\w*|bat(?:e|em|eu|eram|endo))[,:;]? "
    r"(?:\w+[,:;]? ){0,4}(?:bis (?:er|sie|es) blutet|until (?:it|he|she|they) bleeds?|hasta (?:que )?sangr\w*|"
    r"jusqu'?a (?:ce qu'?(?:il|elle) saigne|saigner)|a sangue|finche sanguina|tot (?:hij|het|ze) bloedt|do krwi|"
    r"az (?:krwawi|zacznie krwawic)|ate sangrar)",
    r"(?:illegal|underground|clandestine) dog ?fight\w*", r"peleas? (?:clandestinas? )?de (?:perros|pitbulls)",
    r"combats? (?:clandestins? )?de chiens", r"combattiment\w* (?:clandestin\w* )?(?:tra|di) cani",
    r"walk\w* psow", r"rinhas? de (?:caes|cachorros|galos?)", r"sangue che (?:schizza|zampilla)",
    r"(?:" + _TARGET + r") (?:\w+ ){0,4}(?:levend|alive|viv[oa]s?|vivante?s?|lebendig|zywcem) (?:\w+ ){0,4}"
    r"(?:kokend water|boiling water|agua hirviendo|eau bouillante|acqua bollente|kochend\w* wasser|wrzat\w*|"
    r"agua fervendo)",
    r"(?:" + _TARGET + r") (?:\w+ ){0,2}(?:bur(?:y|ies|ied|ying)|enterr\w*|sepult(?:a|an|ado|ada|am|aram)|"
    r"seppell\w*|begrab\w*|begraben|begraaf\w*|begraven|begroef|zakop\w*|pochowa\w*) (?:\w+ )?(?:alive|"
    r"viv[oa]s?|vivante?s?|lebendig|levend|zywcem)",
    r"(?:bur(?:y|ies|ied|ying)|enterr\w*|sepult(?:a|an|ado|ada|am|aram)|seppell\w*|begrab\w*|begraben|"
    r"begraaf\w*|begraven|begroef|zakop\w*|pochowa\w*) (?:\w+ ){0,2}(?:" + _TARGET + r") (?:\w+ ){0,2}(?:alive|"
    r"viv[oa]s?|vivante?s?|lebendig|levend|zywcem)",
    r"a calci fino a(?:lla)? mor\w*", r"(?:a patadas|a palos|a golpes) hasta (?:matarl[oa]|la muerte|que muer\w*)",
    r"(?:a coups de pied|a coups de baton) jusqu'?a (?:la mort|ce qu'?il meure)", r"a pauladas ate (?:a morte|morrer)",
)
SELF_HARM = (
    r"si taglia (?:i polsi|le vene|le braccia)", r"tagliarsi", r"tagliandosi", r"impicca\w*",
    r"togliersi la vita", r"farla finita", r"(?:buttarsi|si butta|si getta) (?:dal|giu)",
    r"zelfmoord\w*", r"zelfbeschadig\w*", r"zelfdoding",
    r"zichzelf (?:snijdt|snijden|ophangt|ophangen|doodt|doden|pijn doet|verwondt|verbrandt)",
    r"snijdt (?:zich|zichzelf) in", r"hangt zich op", r"zich ophangen",
    r"e{1,2}n einde a{1,2}n (?:zijn|haar|mijn) leven",
    r"polsen (?:doorsnijden|doorsnijdt|opensnijden)",
    r"samobojst\w*", r"samobojc\w*", r"samookalecz\w*", r"tnie sie", r"ciecie sie", r"powiesi\w* sie",
    r"sie powies\w*", r"sie wiesza\w*",
    r"wiesza sie", r"odebra\w* sobie zycie", r"podcina\w* (?:sobie )?zyly", r"podcie\w* (?:sobie )?zyl",
    r"se (?:corta|cortando|cortar) (?:os pulsos|as veias|os bracos)", r"cortar os pulsos", r"se enforca\w*",
    r"enforcar-se", r"enforcando-se", r"tirar a propria vida", r"se matar", r"se mata(?:ndo)?",
    r"automutila\w*",
    r"garsc (?:tabletek|pigulek|lekow)",
    r"(?:bote|frasco|caja|tubo|botella) (?:entero |entera )?de (?:pastillas|pildoras|somniferos|calmantes)",
    r"frasco inteiro de (?:comprimidos|remedios|calmantes)",
    r"(?:boite|flacon|tube) (?:entier |entiere )?de (?:cachets|somniferes|medicaments|pilules)",
    r"(?:flacone|boccetta|scatola) (?:intero |intera )?di (?:pillole|pastiglie|sonniferi)",
    r"(?:heel |hele )?(?:potje|doosje|strip) (?:\w+ )?(?:pillen|slaappillen)",
    r"ganze (?:packung|dose|flasche|schachtel) (?:\w+ )?(?:tabletten|schlaftabletten)",
    r"cal\w* opakowanie (?:tabletek|lekow)",
    r"(?:op het spoor|on the (?:train |railway )?tracks|sur les rails|sur la voie ferree|en las vias|sulle rotaie|"
    r"sui binari|na torach|nos trilhos|auf die gleise|auf den gleisen) (?:\w+ ){0,2}(?:liggen|ligt|lie|lies|lying|"
    r"s'allonge\w*|allonge\w*|tumba\w*|acuesta\w*|sdrai\w*|stende\w*|kladzie|polozy\w*|lezy|deita\w*|legt\w*)",
    r"(?:gaat|ligt|lies down|lays down|lying down|se tumba|se acuesta|si sdraia|si stende|kladzie sie|polozyl\w* sie|"
    r"se deita|legt sich|s'allonge) (?:\w+ ){0,2}(?:op het spoor|on the (?:train |railway )?tracks|sur les rails|"
    r"en las vias|sulle rotaie|sui binari|na torach|nos trilhos|auf die gleise)",
    r"poignee de (?:pilules|cachets|comprimes|medicaments|somniferes)",
    r"punado de (?:pastillas|pildoras)", r"manciata di (?:pillole|pastiglie|sonniferi)",
    r"handvol (?:pillen|tabletten|slaappillen)", r"handvoll (?:tabletten|pillen|schlaftabletten)",
    r"punhado de (?:comprimidos|remedios|pilulas)",
    r"farsi (?:dei |i )?tagli", r"(?:po)?ciac sie", r"sie (?:po)?ciac", r"sie tnie",
    r"(?:blue whale|baleia azul|ballena azul|baleine bleue|balena blu|blauwe walvis|blauwal|niebieski\w* wielory\w*) "
    r"(?:challenge|desafio|reto|defi|sfida|uitdaging|wyzwanie)",
    r"(?:desafio|reto|defi|sfida|challenge|wyzwanie) (?:da |de la |de |della |du |van de |des )?(?:baleia azul|"
    r"ballena azul|baleine bleue|balena blu|blauwe walvis|blue whale|blauwal|niebieski\w* wielory\w*)",
    r"tagli (?:\w+ ){0,2}(?:sulle|sui|alle|ai) (?:braccia|polsi|gambe|cosce)",
    r"hacerse (?:cortes|cortaduras)", r"faz\w* cortes (?:\w+ ){0,2}(?:nos?|nas?) (?:bracos?|pulsos?|pernas?|coxas?)",
    r"sneetjes (?:\w+ ){0,2}in (?:je|haar|zijn|mijn) (?:armen|polsen|benen)",
    r"sich (?:\w+ ){0,2}schnitte (?:\w+ ){0,3}(?:arme|armen|handgelenk\w*|oberschenkel)",
    r"(?:belt|rope|scarf|cord|cintura|corda|sciarpa|ceinture|corde|echarpe|foulard|cinturon|cuerda|bufanda|gurtel|"
    r"seil|schal|schlinge|riem|touw|sjaal|pas(?:ek|kiem)|sznur\w*|szalik\w*|cinto|cachecol) (?:\w+ ){0,3}"
    r"(?:around (?:the|his|her|their|your|my) neck|al collo|autour du cou|al cuello|um den hals|"
    r"om (?:de|zijn|haar|je) nek|(?:wokol|na) szyi|(?:no|ao redor do|em volta do) pescoco)",
    r"(?:choking|blackout|pass[- ]?out|fainting) challenge", r"jeu du foulard",
    # killing oneself and wanting to die, first person, in each language ("jak się zabić", "come uccidermi", "ik wil
    # dood"); a threat against "me" ("il veut me tuer"), a negation ("will nicht sterben") and the idioms of dying of
    # laughter, shame or hunger or of working oneself to death are left out
    r"sich (?:\w+ ){0,3}?(?:umbring\w*|umzubringen)", r"(?:ich|wie) (?:\w+ ){0,3}?mich (?:\w+ ){0,2}?(?:umbring\w*|"
    r"umzubringen)", r"mir das leben nehmen", r"ich (?:will|mochte) (?:(?!nicht|nie|kein)\w+ ){0,2}?(?:sterben|tot "
    r"sein)(?! vor)",
    r"(?:comment|je vais|je veux|envie de|facon de|moyen de) (?:\w+ )?me (?:tuer|pendre|suicider)(?! de rire)",
    r"me foutre en l'?air", r"(?:je veux|je voulais|envie de) (?:\w+ ){0,2}mourir(?! (?:de rire|de honte|d'envie|"
    r"de faim|de plaisir))",
    r"(?:como|quiero|forma de|manera de|metodos? para|ganas de) (?:\w+ )?matarme(?! (?:a|de) (?:estudiar|trabajar|"
    r"reir|risa|correr))",
    r"(?:quiero|ganas de|deseo) (?:\w+ )?morir(?:me)?(?! de (?:la )?(?:risa|verguenza|ganas|amor|hambre|pena|envidia))",
    r"quitarme la vida", r"(?:come|voglio|modo per|devo|vorrei) (?:\w+ )?(?:uccidermi|ammazzarmi)",
    r"(?:uccidersi|ammazzarsi)(?! (?:a vicenda|l'un l'altro|tra loro|di lavoro|di fatica|dal ridere|dalle risate))",
    r"(?:voglio|vorrei|voglia di) (?:\w+ )?morire(?! (?:dal|dalla|dalle|di|de) (?:ridere|vergogna|fame|risate|noia|"
    r"caldo|freddo))",
    r"togliermi la vita",
    r"(?:mezelf|zichzelf) (?:\w+ ){0,2}(?:van kant (?:te )?maken|doden|van het leven bero{1,2}[fv]\w*)",
    r"ik (?:wil|wou) (?:echt |gewoon |zo )?(?:do{1,2}d|do{1,2}d ?ga{1,2}n|sterven)\b(?!(?: ga{1,2}n)? (?:van|moe))",
    r"zabic sie", r"(?:jak|chce|chcial\w*|postanowil\w*|probowal\w*|zamierza\w*|musze|pragne) (?:\w+ )?sie "
    r"(?:\w+ ){0,2}?zabic\b", r"zabij(?:e)? sie", r"(?:chce|chcialbym|chcialabym) (?:\w+ )?umrzec",
    r"(?:como|quero|vou|forma de|maneira de) (?:\w+ )?me matar(?! de (?:rir|tanto|trabalhar|estudar))",
    r"tirar (?:a )?minha (?:propria )?vida",
    r"(?:quero|queria|vontade de) (?:\w+ )?morrer(?! de (?:tanto )?(?:rir|vergonha|fome|saudade|inveja|calor|frio))",
    # a noose and where to hang it ("jak zrobić pętlę i gdzie ją zawiesić"); a slip knot ("nœud coulant") or a
    # loop alone is not enough, and Dutch "strop" is also a loss, English "strop" a razor strop
    r"prepar\w* (?:un |il |a |the |une |le |uma |o )?(?:cappio|noose|stryczek)",
    r"(?:petl\w*|stryczek\w*|stryczk\w*|cappio|noose) (?:\w+[,:;]? ){0,6}(?:zawies(?:ic|i|ila|il|za\w*)|powies\w*|"
    r"wiesza\w*|appender\w*|appendi\w*|impicca\w*|hang(?:s|ing)?)",
    r"schlinge (?:\w+[,:;]? ){0,6}(?:aufhang\w*|aufzuhang\w*|erhang\w*)",
    r"(?:noeud coulant|nudo corredizo) (?:\w+[,:;]? ){0,6}(?:en finir|mourir|me pendre|se pendre|au cou|autour du cou|"
    r"ahorcar\w*|colgarme|acabar con todo|al cuello|morir)",
    r"(?:tie|tying|make|making|knot|knotting) (?:a |the )?noose", r"noeud de pendu", r"nudo de (?:la )?horca",
    r"(?:fare|legare) (?:un|il) cappio", r"(?:een )?strop (?:knopen|om (?:zijn|haar|mijn|je|de) nek)", r"stryczek\w*",
    r"henkersknoten (?:\w+ ){0,2}(?:knupf\w*|binden)", r"(?:fazer|dar) (?:um|o) no de forca",
    r"(?:quemarse|quemandose|se bruler|bruciarsi|se queimar|queimar-se|sie (?:po)?parzyc|sie przypala\w*|"
    r"przypala\w* sie)",
    r"(?:cort|queim|machuc|quem|brul|tagli|bruci|snij|brand|verbrenn|ritz|ci|przypal)\w* (?:\w+ ){0,6}(?:sem deixar "
    r"marcas?|sin dejar marcas?|sans laisser de (?:marques?|traces?)|senza lasciare (?:segni|tracce)|zonder sporen|"
    r"ohne spuren|bez sladow|without leaving (?:marks|scars))",
    r"(?:which|what|welke|quelle|que|qual|quale|welche|jaka) (?:\w+ ){0,1}(?:dose|dosis|dawk\w*) (?:\w+ ){0,8}"
    r"(?:to die|to end it|einde a{1,2}n|pour mourir|para morir|para morrer|um zu sterben|per morire|om te sterven|"
    r"(?:zeby|by|aby) umrzec|en finir|acabar con todo|farla finita|schluss (?:zu )?machen)",
    r"(?:dosis|pillen|paracetamol|medicijnen|slaappillen) (?:\w+ ){0,8}(?:om )?er e{1,2}n einde a{1,2}n (?:te )?"
    r"ma{1,2}k\w*",
    r"(?:remedios|comprimidos|pilulas|calmantes|veneno|pillole|pastiglie|farmaci|sonniferi|veleno|pillen|medicijnen|"
    r"slaappillen|gif|tabletk\w*|tabletek|lekow|leki|proszk\w*|trucizn\w*)[,:;]? (?:\w+[,:;]? ){0,3}(?:pra morrer|"
    r"para morrer|"
    r"per morire|om (?:dood )?te gaan|om te sterven|(?:zeby|by|aby) umrzec)",
    r"(?:pills?|sleeping pills|tablets|remedios|comprimidos|pastillas|pillole|pastiglie|sonniferi|pillen|slaappillen|"
    r"tabletk\w*|tabletten|schlaftabletten|cachets|somniferes|medicaments) (?:\w+[,:;]? ){0,8}(?:(?:and |to )?never "
    r"wake up|(?:um )?nicht mehr (?:aufzuwachen|aufwachen)|nie mehr aufwachen|nie wieder aufzuwachen|"
    r"never to wake up|ne (?:plus|jamais plus) (?:se )?reveiller|ne plus jamais se reveiller|no despertar(?:se)? "
    r"(?:nunca )?mas|nao acordar mais|nunca mais acordar|non svegliar(?:si|mi) piu|nooit meer wakker|"
    r"nie wieder aufwachen|nie (?:sie )?obudzic)",
    r"a punto de tirarse", r"(?:tirarse|lanzarse|se tira) (?:de|del|desde) (?:la|el|un|una) (?:azotea|puente|edificio|"
    r"balcon|ventana|tren|acantilado)", r"lanzarse al vacio", r"nadie te (?:va a )?echar(?:a)? de menos",
    r"(?:a|pra|para) se cortar(?:em)?(?! o cabelo| as unhas)",
    r"(?:gilete|lamina|navalha|cuchilla|lametta|scheermesje|zyletk\w*) (?:\w+ ){0,4}(?:bracos?|pulsos?|brazos?|"
    r"munecas?|polsi|braccia|polsen|armen|nadgarst\w*) (?:sangra\w*|sanguina\w*|bloed\w*|krwaw\w*)",
)
HATE_GROUPS = (
    r"ebrei", r"musulmani", r"immigrati", r"migranti", r"zingari", r"donne", r"omosessuali",
    r"joden", r"moslims", r"zwarten", r"immigranten", r"vluchtelingen", r"vrouwen", r"marokkanen", r"homos",
    r"zydzi", r"zydow", r"zydami", r"muzulmanie", r"muzulmanow", r"czarni", r"imigranci", r"uchodzcy", r"cyganie",
    r"romowie", r"geje", r"gejow",
    r"judeus", r"muculmanos", r"imigrantes", r"refugiados", r"mulheres", r"ciganos", r"nordestinos",
)
HATE_INSULTS = (
    r"ratti", r"parassiti", r"scarafaggi", r"animali", r"scimmie", r"subumani", r"feccia", r"maiali", r"bestie",
    r"ratten", r"ongedierte", r"parasieten", r"kakkerlakken", r"dieren", r"apen", r"varkens", r"minderwaardig\w*",
    r"szczur\w*", r"robactw\w*", r"pasozyt\w*", r"karaluch\w*", r"zwierzet\w*", r"malp\w*", r"swini\w*",
    r"podludzi\w*",
    r"ratos", r"parasitas", r"baratas", r"animais", r"macacos", r"porcos", r"lixo", r"vermes",
)
HATE_LINKS = (r"sono", r"come", r"zijn", r"als", r"sa", r"jako", r"sao")
HATE_VERBS = (r"rappresent\w*", r"mostr\w*", r"afgebeeld", r"afbeeldt", r"portretteert", r"pokazuj\w*",
              r"przedstawia\w*", r"retrata\w*")
HATE = (r"froci", r"frocio", r"ricchion\w*", r"nikkers?", r"czarnuch\w*", r"viados?", r"zydostw\w*")
# Soft triggers (`rule_patterns.SOFT_TRIGGERS`): a Roman salute or the black sun is also a history lesson or a poem;
# smuggling nouns are also customs documentaries.
SOFT_EXTREMISM = (r"salut(?:o)? romano?", r"salut romain", r"saludo romano", r"saudacao romana", r"rzymski salut",
                  r"schwarze sonne", r"sol negro", r"soleil noir", r"sole nero", r"zwarte zon", r"czarne slonce")
SMUGGLING = (r"przemyt\w*", r"przemyc\w*", r"contrabband\w*", r"contrabando", r"contrebande\w*", r"schmuggel\w*",
             r"geschmuggelt\w*", r"smokkel\w*", r"gesmokkeld", r"farlopa")
EXTREMISM = (
    r"stato islamico", r"islamitische staat", r"panstw\w* islamsk\w*", r"estado islamico", r"dzihad\w*",
    r"terroryst\w*", r"zamach\w* (?:terrorystyczn\w*|bombow\w*)", r"bomaanslag\w*", r"terroristische aanslag\w*",
    r"(?:aansluiten|a{1,2}n te sluiten|sluit(?:en)? zich a{1,2}n) bij (?:is|isis|al[- ]?qaeda)",
    r"(?:wstap\w*|dolacz\w*) do (?:is|isis|al[- ]?kaidy)",
    r"al[- ]?kaid\w*", r"brigate rosse", r"martir(?:i|es)? (?:della|da) jihad", r"boia chi molla",
    # attackers honoured "als held en martelaar" (a martyr in a church painting is not meant)
    r"(?:als|tot) (?:\w+ ){0,2}?martela{1,2}r(?:s|en)?\b", r"martela{1,2}r (?:te )?worden", r"martela{1,2}rs?do{1,2}d",
    # the swastika and neo-Nazi number codes in every language; "joining the fight for the race"
    r"croix gammee\w*", r"esvastic\w*", r"svastic\w*", r"swastyk\w*", r"hakenkruis\w*", r"suastic\w*",
    r"cruz gamada", r"croce uncinata", r"(?:hh|h h|h\.h\.?|heil hitler) ?(?:88|bb)\b", r"18 (?:und|and|et|y|e|en|i) 88",
    r"14 ?(?:/|-|words|und|and)? ?88",
    r"(?:lotta|fight|kampf|lucha|luta|combat|strijd|walk\w*|battle) (?:\w+ ){0,2}(?:per la|for the|fur die|por la|"
    r"pela|pour la|voor het|o) (?:razza|race|rasse|raza|raca|ras|rase|white race|razza bianca|weisse rasse)",
    *SOFT_EXTREMISM,
)
WEAPONS_ILLEGAL = (
    r"(?:costruire|fabbricare|fare) (?:una )?bomba", r"bomba (?:fatta in casa|artigianale)", r"spaccio",
    r"spacciator\w*", r"rapin\w*", r"scassina\w*", r"armi (?:illegali|senza licenza)",
    r"bom (?:maken|bouwen)", r"pijpbom\w*", r"xtc", r"drugs(?:lab|handel|dealer\w*)", r"drugs (?:maken|verkopen)",
    r"inbreken", r"inbraak", r"overval\w*", r"wapens? (?:maken|bouwen|kopen) zonder vergunning",
    r"(?:zrobi\w*|zbudowa\w*|skonstruowa\w*) bomb\w*", r"bomb\w* domow\w*", r"narkotyk\w*", r"amfetamin\w*",
    r"metamfetamin\w*", r"napad\w* na (?:bank|sklep|kantor)", r"wlam\w*", r"bron\w* bez (?:pozwolenia|rejestracji)",
    r"bomba caseira", r"fabricar (?:uma )?bomba", r"trafico de drogas", r"assalt(?:o|ar|ando) (?:a|ao|um|uma)",
    r"roubar (?:um|uma|o|a)", r"armas? sem registro",
    # a crime as a how-to, in any of the eight languages
    r"(?:how to|comment|como|come|hoe|jak|wie man|passo a passo|step by step|etape par etape|paso a paso|"
    r"krok po kroku|stap voor stap|schritt fur schritt|tutorial|tuto|instrukcja|anleitung|istruzioni) (?:\w+ ){0,3}"
    r"(?:cambriol\w*|crocheter|arromb\w*|roubar|robar|rubare|stelen|ukras\w*|klauen|stehlen|voler|einbrech\w*|"
    r"inbreken|wlam\w*|hotwire|lockpick\w*|clonar|clonare|skimm\w*|falsific\w*|falsifi\w*|smuggle|przemyc\w*|"
    r"schmuggel\w*|contrabband\w*|contrabando|smokkel\w*|oplichten|oszuk\w*|truffa\w*|estafar|arnaquer)",
    *SMUGGLING, r"(?:couper|coupe|vendre|vend|dealer|deale) (?:de )?(?:la )?coke",
    r"(?:faire|fait|prepare\w*) (?:les )?pochons", r"charbonneurs?",
    r"ligacao direta", r"cambriol\w*", r"aplica\w* (?:o |um )?golpes? (?:do|no|em|nos|nas|na|de whats\w*|de pix)\b",
    r"(?:auto|autos|wagen|pkw|motorrad|schloss|tresor|golf) (?:\w+ ){0,3}(?:knackt|knacken|kurzschlie\w*)",
    # a how-to that is about not being caught by the police or customs
    r"(?:how to|show(?:s|ing)? (?:me |us )?how|comment|como|come|hoe|jak|wie man|zeig\w* wie|paso a paso|"
    r"step by step|tutorial|tuto|guia|guide|anleitung) "
    r"(?:\w+ ){0,12}(?:without (?:getting|being) caught by (?:the )?(?:police|cops|customs)|(?:escape|outrun|lose) "
    r"(?:the )?(?:police|cops)|fugir (?:da|de|do) (?:blitz|policia|pm|viatura|fiscalizacao)|huir de la policia|"
    r"echapper a la police|semer (?:les flics|la police)|der polizei (?:entkommen|entwischen)|scappare dalla polizia|"
    r"ontsnappen a{1,2}n de politie|uciec (?:przed )?policj\w*|(?:evade|evading|dodge|"
    r"dodging|get past|getting past|slip past|fool|fooling|bypass\w*) (?:the )?(?:customs|border (?:guards?|patrol|"
    r"control|police))|omin\w* (?:\w+ ){0,1}(?:straz\w* graniczn\w*|celnik\w*|kontrol\w* graniczn\w*)|"
    r"(?:burlar|enganar|eludir|esquivar) (?:a |la |el )?(?:alfandega|fiscalizacao|aduana|guardia civil)|"
    r"(?:tromper|eviter|contourner) (?:la )?douane|(?:am )?zoll (?:vorbei|umgehen|austricksen)|(?:eludere|aggirare|"
    r"ingannare) (?:la )?(?:dogana|guardia di finanza)|(?:langs|voorbij) de douane|de douane (?:omzeil|ontlop)\w*|"
    r"sin que te pill?\w* (?:la|el|los)|sans (?:te |se )?faire (?:choper|pincer|attraper)|"
    r"ohne (?:\w+ ){0,3}erwischt zu werden|senza farsi beccare|sem (?:ser pego|ser pega|que a policia)|"
    r"zonder (?:gepakt|betrapt) te worden|zeby (?:\w+ ){0,2}nie zlapal\w*)",
    r"(?:cocinar|cocinando|cuisiner|cucinare|koken|cozinhar|kochen|gotowa\w*|cook(?:s|ing)?) "
    r"(?:\w+ ){0,1}(?:cristal|crystal|meth\w*|metanfetamina|amf\w*|crystal meth)",
)

# Strong stems searched inside runs of separated letters ("n a a k t"), as `rule_patterns.JOINED_STEMS`.
JOINED_STEMS = {
    "sexual": ("naakt", "nagosc", "nudita", "spogliarell", "pelad"),
    "hate": ("froci", "frocio", "ricchion", "czarnuch", "nikker"),
    "violence": ("squarta", "sgozza", "onthoofd", "pocwiartow", "esquartej", "esfaque"),
    "self_harm": ("zelfmoord", "samobojst", "samookalecz", "zelfbeschadig"),
    "extremism": ("terroryst", "dzihad"),
    "weapons_illegal": ("pijpbom", "narkotyk", "amfetamin"),
}
