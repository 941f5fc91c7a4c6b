"""Rule vocabulary in Italian, Dutch, Polish and Portuguese, added to the pattern tables in `safety.rule_patterns`.

Contract: data only. Each tuple (and `JOINED_STEMS`) holds regex alternatives in the folded form that
`safety.normalize` produces (lower case, accents and Polish letters folded: "zywcem", "crianca", "nagosc"; short
words with a doubled letter may be collapsed: Dutch "een" reads "en", hence "e{1,2}n"). `rule_patterns` joins them
into its per-category patterns, so the matching code and the benign contexts apply unchanged. The words were chosen
as the plain vocabulary a speaker would list for each category (not from any evaluation set); words that are ordinary
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
VIOLENCE = (
    # it
    r"squarta\w*", r"sgozza\w*", r"smembra\w*", r"sbudella\w*", r"budella", r"uccid\w* (?:un|una|il|la|lo|i|le|gli)",
    r"uccis[oaie] a \w+", r"accoltella\w*", r"pugnala\w*", r"sangue ovunque", r"copert[oa] di sangue",
    r"bagno di sangue", r"fatt[oa] a pezzi", r"scuoiat\w*", r"omicidi\w*",
    r"ammazza(?:re|no|ndo|to|ta) (?:un|una|il|la|lo|i|le|gli)",
    # nl
    r"onthoofd\w*", r"verminkt\w*", r"gemarteld\w*", r"martel\w*", r"afgeslacht\w*", r"afslacht\w*",
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
    # gore as a scene detail (blood spurting, brains, a cut throat) in all eight languages, also in an otherwise
    # harmless scene
    r"faca no pescoco", r"sangue (?:jorr\w*|espirr\w*|pra todo lado|para todo lado)", r"jorrando sangue",
    r"miolos (?:espalhad\w*|no chao|pra todo lado|para todo lado|na)", r"estoura\w* (?:os miolos|a cabeca)",
    r"spara\w* in faccia", r"cervello (?:sul|sulla|sparso|schizzat\w*|ovunque|dappertutto)",
    r"sangue (?:schizza\w*|dappertutto|a fiotti|zampill\w*)",
    r"hersen(?:s|en) (?:op|overal|spatten|eruit)", r"neergeschoten", r"schiet (?:\w+ ){1,3}neer",
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
    r"pali(?:l|c|\b)\w*) "
    r"(?:\w+ ){0,3}(?:alive|vivante?s?|viv[oa]s?|lebendig\w*|levend\w*|zywcem)",
    r"(?:skin(?:s|ned|ning)?|flay\w*|cut(?:s|ting)? up|decoup\w*|ecorch\w*) (?:a |the )?(?:live|living) \w+",
    r"(?:tritt|trat|treten|prugel\w*|schlagt|schlug|erschlagt|qualt|qualen) (?:\w+ ){0,4}tot(?! \w+ ist)",
    r"gedarme (?:hang\w*|raus\w*|quell\w*)", r"(?:ate|ate que) as tripas", r"tripas (?:pra fora|saindo|sairem|de fora)",
    r"hasta que (?:le )?(?:salgan|se salen) las tripas", r"budella (?:fuori|di fuori)",
    r"zatlu(?:k|c)\w*", r"wyplywa\w* (?:mu |jej )?mozg", r"doodgetrapt", r"doo?d ?(?:schopt|schoppen|trapt|trappen)",
    r"(?:schopt|schopte|trapt|trapte|slaat|sloeg|meppen|mept) (?:\w+ ){0,3}doo?d\b",
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
    r"wiesza sie", r"odebra\w* sobie zycie", r"podcina\w* (?:sobie )?zyly", r"podcie\w* (?:sobie )?zyl",
    r"se (?:corta|cortando|cortar) (?:os pulsos|as veias|os bracos)", r"cortar os pulsos", r"se enforca\w*",
    r"enforcar-se", r"enforcando-se", r"tirar a propria vida", r"se matar", r"se mata(?:ndo)?",
    r"automutila\w*",
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
EXTREMISM = (
    r"stato islamico", r"islamitische staat", r"panstw\w* islamsk\w*", r"estado islamico", r"dzihad\w*",
    r"terroryst\w*", r"zamach\w* (?:terrorystyczn\w*|bombow\w*)", r"bomaanslag\w*", r"terroristische aanslag\w*",
    r"(?:aansluiten|a{1,2}n te sluiten|sluit(?:en)? zich a{1,2}n) bij (?:is|isis|al[- ]?qaeda)",
    r"(?:wstap\w*|dolacz\w*) do (?:is|isis|al[- ]?kaidy)",
    r"al[- ]?kaid\w*", r"brigate rosse", r"martir(?:i|es)? (?:della|da) jihad", r"boia chi molla",
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
    r"ligacao direta", r"cambriol\w*", r"aplica\w* (?:o |um )?golpes? (?:do|no|em|nos|nas|na|de whats\w*|de pix)\b",
    r"(?:auto|autos|wagen|pkw|motorrad|schloss|tresor|golf) (?:\w+ ){0,3}(?:knackt|knacken|kurzschlie\w*)",
    # a how-to that is about not being caught by the police or customs
    r"(?:how to|comment|como|come|hoe|jak|wie man|paso a paso|step by step|tutorial|tuto|guia|guide|anleitung) "
    r"(?:\w+ ){0,12}(?:without (?:getting|being) caught by (?:the )?(?:police|cops|customs)|sin que te pill?\w* "
    r"(?:la|el|los)|sans (?:te |se )?faire (?:choper|pincer|attraper)|ohne (?:\w+ ){0,3}erwischt zu werden|senza "
    r"farsi beccare|sem (?:ser pego|ser pega|que a policia)|zonder (?:gepakt|betrapt) te worden|zeby (?:\w+ ){0,2}nie "
    r"zlapal\w*)", r"(?:cocinar|cocinando|cuisiner|cucinare|koken|cozinhar|kochen|gotowa\w*|"
    r"cook(?:s|ing)?) (?:\w+ ){0,1}(?:cristal|crystal|meth\w*|metanfetamina|amf\w*|crystal meth)",
)
_ART_STYLE = (r"(?:marble|bronze|stone|greek|roman|classical|ancient|plaster|renaissance|baroque|de|di|da|del|van|"
              r"uit|z|aus|en|in|marmol|marmore|marmo|marmer|marmuru|marmurowa|marmurowy|marmor|bronce|bronzo|brons|"
              r"braz|marbre|pierre|platre|steen|stein|piedra|pedra|pietra|grieg[oa]s?|grieks?e?|grecka|griechische?|"
              r"roman[oa]?s?|romeins?e?|antiga?|antica?|antigua|oude?|antike?|marmeren|marmurowe|marmorne[n]?|"
              r"greg[ao]s?|grec(?:he|i|o|a)|grecque?s?|griekse|klassieke|classiques?|clasic[ao]s|classich[ei]|"
              r"classic[oa]s?|antig[ao]s|antich[ei]|antiques?|antiguas?|antigos)")
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
    # and a nude woman" or "a nude woman beside statues" is not excused)
    r"(?:nude|naakte?|nag(?:a|i|ie|y)|nackte?[nrs]?|desnud[oa]s?|nu[aes]?|nuas|nues|nud[oaie]) (?:" + _ART_STYLE
    + r" ){0,2}(?:statues?|sculptures?|standbeeld(?:en)?|beeld(?:en)?|rzezb[ay]?|posag[i]?|statuen?|skulptur(?:en)?|"
    r"estatuas?|esculturas?|statu[ae]|scultur[ae])",
    r"(?:statues?|sculptures?|standbeeld(?:en)?|beeld(?:en)?|rzezb[ay]?|posag[i]?|statuen?|skulptur(?:en)?|"
    r"estatuas?|esculturas?|statu[ae]|scultur[ae]) (?:" + _ART_STYLE + r" ){0,2}"
    r"(?:nude|naakte?|nag(?:a|i|ie|y)|nackte?[nrs]?|desnud[oa]s?|nu[aes]?|nuas|nues|nud[oaie])",
    r"mat\w* (?:\w+ ){0,2}de ri(?:r|so|sa)", r"breast self[- ]?exam\w*",
    r"(?:tue|tuer|tuent|tuant|tuait) le (?:game|match)",
    r"(?:ta|esta|e|es) de matar\b(?! (?:a|al|o|os|as|la|las|los|el|um|uma|un|una)\b)",
    r"(?:prevention|prevencion|prevencao|prevenzione) (?:\w+ ){0,1}suicid\w*", r"(?:ligne|numero) d'?ecoute",
    r"la maja desnuda", r"(?:os|les|the|i|die|de) (?:nus|nudes|nudi|akte|naakten) (?:de|di|von|van|of|by|da) [a-z]+",
    r"(?:schilderij\w*|painting\w*|pintura\w*|cuadros?|tableaux?|peintures?|dipint\w*|quadros?|"
    r"obraz\w*|gemalde\w*) (?:\w+ ){0,4}(?:met|with|con|avec|mit|com|z|de) (?:(?:des|les|der|den|dei|delle|de|di|"
    r"van|a|the|some|vele|veel|many) )?(?:" + _ART_STYLE + r" )?"
    r"(?:nude|naakte?|nag(?:a|i|ie|ich|y)|nackte[nrs]?|desnud[oa]s?|nu[aes]?|nuas|nues|nud[oaie])",
    # a support group or therapy talking about past suicidal thoughts
    r"(?:support group|selbsthilfegruppe|grupo de apoyo|grupo de apoio|groupe de parole|"
    r"gruppo di (?:supporto|auto ?aiuto)|steungroep|lotgenoten\w*|grupa wsparcia|therap\w*|terapi\w*)[,:;]? "
    r"(?:\w+[,:;]? ){0,12}(?:suicidal thoughts|suizidgedanken|"
    r"pensamientos suicidas|pensamentos suicidas|idees suicidaires|pensieri suicid\w*|suicidale gedachten|"
    r"zelfmoordgedachten|mysli samobojcze)",
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

# Strong stems searched inside runs of separated letters ("n a a k t"), as `rule_patterns.JOINED_STEMS`.
JOINED_STEMS = {
    "sexual": ("naakt", "nagosc", "nudita", "spogliarell", "pelad"),
    "violence": ("squarta", "sgozza", "onthoofd", "pocwiartow", "esquartej", "esfaque"),
    "self_harm": ("zelfmoord", "samobojst", "samookalecz", "zelfbeschadig"),
    "extremism": ("terroryst", "dzihad"),
    "weapons_illegal": ("pijpbom", "narkotyk", "amfetamin"),
}
