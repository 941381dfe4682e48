"""The project's word lists: for attribution, reporting verbs, nouns of saying, roles and speaking
things; for the glossary, offices, bodies, name particles and abbreviations.

Plain lower-case words. Attribution matches them against spaCy lemmas, so every
inflection of a listed verb counts; the rules that read them live in ``cues``,
``frames``, ``people`` and ``names``. The verbs and nouns of saying from WordNet
are read from ``data/speech_words.txt``.
"""

from __future__ import annotations

from pathlib import Path

# Reporting verbs, by lemma: cues wherever they stand.
CUE_LEMMAS = frozenset("""
say tell add note warn claim accuse insist argue admit deny explain ask reply respond urge
vow pledge stress emphasise emphasize reiterate describe call write tweet declare announce
state suggest acknowledge complain charge contend predict recall remark observe conclude
promise assert maintain concede joke quip shout scream yell boast lament testify caution
counter retort confirm agree threaten demand mutter whisper exclaim chime muse recount
quote cite brag proclaim point criticize criticise praise dismiss question wonder
condemn blast slam label brand dub term rate decry hail welcome mock ridicule tout defend reject
lambast lambaste characterize characterise portray deride applaud blame allege propose recommend
comment scold chide plead concur reference mention report rule
liken compare attack laud chant type
""".split())
# Nouns of saying whose owner says what their "that" clause holds.
CLAIM_NOUNS = frozenset("claim statement assertion remark comment promise warning pledge vow charge insistence boast "
                        "accusation allegation argument contention admission prediction suggestion complaint "
                        "declaration announcement".split())


def _wordnet(kind: str) -> frozenset[str]:
    """The words of one kind ("say", "verb" or "noun") in data/speech_words.txt, made by scripts/wordnet_speech.py."""
    text = (Path(__file__).parent / "data" / "speech_words.txt").read_text(encoding="utf-8")
    return frozenset(line.split()[1] for line in text.splitlines() if line.startswith(kind + " "))


# WordNet's verbs whose commonest sense is saying ("thank", "bemoan", "scoff", "wisecrack"): cues like the core.
SAYING_VERBS = _wordnet("say") - CUE_LEMMAS
# WordNet's other verbs and its nouns of saying ("fume", "groan", "sigh"; "wisecrack", "retort"): their other
# senses are common ("the economy groaned"), so they cue only a full quote standing beside them.
SPEECH_VERBS = _wordnet("verb") - CUE_LEMMAS
SPEECH_NOUNS = _wordnet("noun") - CLAIM_NOUNS
SPEAKER_NOUNS = _wordnet("speaker")  # WordNet's nouns of people, groups, texts: "officials", "sources", "bylaws"
VIEW_NOUNS = frozenset("word words view opinion estimation telling".split())  # "in Hale's words", "in her view"
# Verbs of talking that take what was said in a prepositional phrase ("go" only as "go on about").
TALKING_VERBS = frozenset("talk speak rant rail go".split())
# Cues that may follow their quote with the speaker after them ("..., reported Reuters").
# Not "tell" or "ask": what follows them is the listener.
INVERTIBLE_CUES = frozenset("say report add write note explain recall insist declare warn argue reply respond "
                            "conclude admit concede state continue announce observe remark muse quip joke "
                            "answer counter retort rejoin interject echo remember recount reason offer boast "
                            "complain lament confirm acknowledge predict exclaim shout yell scream whisper "
                            "mutter laugh sigh fume scoff gush marvel tweet post email text read begin "
                            "elaborate caution".split())
# Irregular forms of reporting verbs, for where there is no parse to lemmatise them ("Said Ellis:").
IRREGULAR_CUES = {"said": "say", "says": "say", "wrote": "write", "spoke": "speak", "sang": "sing",
                  "began": "begin", "told": "tell", "swore": "swear"}
# Lemmas that are cues only with no object of their own ("he continued", not "continue efforts").
INTRANSITIVE_CUES = frozenset({"continue", "go", "begin", "conclude", "read"})
# Passive cues whose subject is the speaker ("was quoted as saying"); for the others it is the listener.
SUBJECT_SPEAKS_IN_PASSIVE = frozenset({"quote", "cite"})
# Nouns naming a person by office or trade: they speak as persons, never as groups.
PERSON_ROLES = frozenset("""
spokesman spokeswoman spokesperson minister president senator official secretary governor mayor
chancellor premier leader chairman chairwoman chair director chief ambassador envoy diplomat
general commander officer judge lawyer attorney adviser advisor aide analyst expert economist
professor researcher scientist candidate nominee representative congressman congresswoman
lawmaker legislator manager executive founder ceo owner member head deputy king queen prince
pope bishop priest doctor witness resident woman man author writer reporter editor source
strategist pollster consultant operative activist organizer campaigner father mother son
daughter wife husband friend neighbor student teacher worker voter supporter critic host
anchor commentator sheriff prosecutor detective agent colonel captain sergeant speaker whip lady
niece nephew aunt uncle sister brother cousin grandmother grandfather grandson granddaughter widow
delegate veteran fan boy girl kid child teen teenager youth adult citizen insider staffer ally rival colleague
partner peer player coach athlete star actor actress singer celebrity guest caller viewer juror moderator
mom dad parent victim survivor suspect defendant plaintiff inmate prisoner immigrant refugee migrant soldier
marine sailor pilot nurse physician surgeon clerk chef farmer miner driver lookalike impersonator attendee
employee retiree trustee nominee appointee detainee cop firefighter trooper
alderman alderwoman councilman councilwoman councillor councilor selectman supervisor commissioner assemblyman
assemblywoman assemblymember comptroller treasurer auditor magistrate marshal constable superintendent principal
dean provost rector chaplain
""".split())
# Nouns that name a person by kinship or sex: they tell "he" from "she" as a first name does.
NOUN_GENDER = {**dict.fromkeys("father man husband son brother uncle nephew grandfather grandson boy king prince"
                                .split(), "m"),
                **dict.fromkeys("mother woman wife daughter sister aunt niece grandmother granddaughter girl queen "
                                "princess lady widow".split(), "f")}
DETERMINERS = frozenset("the a an my his her our their your this that".split())
# What introduces someone the text does not name: "a senior official", "one delegate", "another aide".
INDEFINITES = frozenset("a an one another".split())
# Things and bodies that "say" in news copy: "the report said", "the campaign said".
SPEAKING_THINGS = frozenset("""
report statement letter memo study survey poll ad advertisement commercial article editorial column
tweet post filing complaint lawsuit suit indictment ruling decision order document release transcript
book paper newspaper magazine network station outlet website site blog campaign committee company firm
agency department ministry government administration court party group organization union board
council team office commission coalition association foundation institute center centre university
school bank police army military church panel caucus senate house congress parliament cabinet
embassy white newsletter video broadcast clip footage family audit review analysis investigation inquiry
note email e-mail message sign banner poster placard headline caption slogan pitch petition script readout
passage piece account page flyer leaflet mailer brochure notice label plaque inscription shirt t-shirt
audience crowd jury congregation chorus
""".split())
# Words that are never a speaker, whatever their tag: time, and the head words of place names.
NEVER_SPEAK = frozenset("""
day days week weeks month months year years hour hours minute minutes time times moment night morning
evening afternoon weekend decade decades century street avenue road boulevard lane drive square plaza
county township highway
""".split())
# Verbs by which a study reports, and the studies that do ("the audit found that ...").
FINDING_VERBS = frozenset("find show reveal".split())
STUDY_NOUNS = frozenset("report study survey poll review audit analysis investigation research inquiry".split())
# Documents that speak for whoever wrote or issued them.
DOCUMENTS = frozenset("statement report release transcript memo letter filing tweet post note brief ad ads spot spots "
                      "video cover editorial document email message".split())
# Verbs by which someone puts out a document: its subject is the document's source.
ISSUING_VERBS = frozenset("issue release publish send post put write sign file circulate deliver place air run launch "
                          "unveil".split())
# Nouns that name a body only together with their "of" phrase.
COLLECTIVE_NOUNS = frozenset("group coalition team band panel number couple pair handful dozen bunch".split())
# Object forms, read as their subject forms: "the clip shows him saying ..." is "he" saying it.
SUBJECT_FORMS = {"him": "he", "her": "she", "them": "they", "us": "we", "me": "i", "his": "he", "their": "they"}
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", *SUBJECT_FORMS})
HONORIFICS = frozenset({"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sen.", "rep.", "gov."})
# Titles that say an office: written out when a role has no other word for it ("Vermont Sen." -> "Vermont
# senator"), dropped when it has ("nominee Gov." -> "nominee").
TITLE_ROLES = {"sen.": "senator", "rep.": "representative", "gov.": "governor", "gen.": "general"}
# Titles that say no office: dropped from a role ("Rev.", "Lt.").
COURTESY_TITLES = frozenset({"rev.", "lt.", "col.", "maj.", "capt.", "sgt.", "adm.", "prof.", "hon."})
# Lower-case words that name no role on their own ("herself", "former Pennsylvania").
NOT_ROLE_WORDS = frozenset("""
the a an and or of for to in at on with by from as his her their its our my your herself himself themselves
itself who which that this former then longtime
""".split())
# A singular noun ending so names a person: businessman, spokeswoman, historian, columnist.
PERSON_SUFFIXES = ("man", "woman", "person", "ian", "ist")
# Verbs of a relative clause that say what a person does: "Marcus Bell, who leads the Scioto Coalition,".
RELATIVE_ROLE_VERBS = frozenset("""leads heads runs chairs directs founded co-founded owns represents manages coaches
teaches oversees coordinates organizes organises edits hosts advises""".split())

# Occupations that make the name after them a person's ("fashion designer Halston", "athletes Vitas Gerulaitis"),
# beside the role words and the -ist, -ian, -man nouns.
OCCUPATIONS = frozenset("""actor actress athlete designer singer musician photographer painter player rapper
dancer poet novelist curator filmmaker producer striker goalkeeper midfielder defender forward pilot astronaut
cosplayer blogger illustrator composer conductor driver""".split())
# Reporting-verb forms that a title-case headline gets tagged into a name ("Obama Says ...").
HEADLINE_VERBS = frozenset("says said tells told warns urges asks calls claims slams blasts sees".split())

# --- glossary names ---

# Words that name an office or occupation. Before a name they are a title (cut
# from the name, kept as the role); they also mark the head of an appositive.
ROLE_WORDS = frozenset(
    """
    president vice-president vice prime minister secretary senator sen rep representative congressman
    congresswoman gov governor mayor chancellor premier ambassador envoy diplomat speaker chairman chairwoman
    chair chief commissioner attorney lawyer judge justice prosecutor general gen lt col colonel maj capt captain
    sgt adm admiral commander king queen prince princess emperor sheikh emir pope cardinal bishop rev reverend
    rabbi imam spokesman spokeswoman spokesperson director ceo founder cofounder executive manager official
    officer adviser advisor aide analyst economist historian researcher professor prof scientist expert editor
    reporter correspondent journalist columnist author writer activist candidate nominee challenger incumbent
    leader head deputy coach sheriff detective inspector agent counsel councilman councilwoman lawmaker legislator
    delegate strategist pollster consultant undersecretary mr mrs ms miss dr sir dame lord veteran member scholar
    owner investor partner fellow
    """.split()
)

# Offices that are almost never surnames: a "person" ending in one has no name in it.
OFFICES = frozenset(
    """
    president minister secretary senator governor mayor spokesman spokeswoman spokesperson
    chairman chairwoman ceo director ambassador commissioner congressman congresswoman
    premier nominee candidate official adviser advisor aide lawmaker
    """.split()
)

# Words that, right before a title, belong to it: "Council President", "Shadow Home Secretary",
# "Emeritus Professor" (the body words count too: "Council President" names no council).
TITLE_PARTS = frozenset("home shadow state foreign interior deputy vice acting interim emeritus assistant associate "
                        "senior junior majority minority general".split())

# Head words: the noun a name is built on says what it names, whatever the model tagged ("Broad Street
# Bridge" is no person). The head is the last word, or the word before "of"/"for"/"on" ("University of X").
# Bodies: organisations ("John Birch Society" as a person, "United Nations" as a place).
BODIES = frozenset(
    """
    society association institute institution college university academy council committee commission
    party league agency department ministry fund foundation corporation company coalition caucus bureau
    federation nations board court office service authority administration government parliament assembly
    congress senate cabinet army navy police guard corps command forces bank group network alliance front
    movement brigade brigades union club team church org inc corp llc ltd plc airlines airways motors
    industries holdings laboratory laboratories labs studios records trust tribunal municipality chamber
    secretariat directorate school
    """.split()
)
# Bodies with campuses, named "University of X at Y": the campus after "at" is part of the name.
CAMPUS_BODIES = frozenset(("university", "college"))

# Last words of a newspaper's, a magazine's or a broadcaster's name ("Chicago Tribune" is no place).
PRESS = frozenset("tribune times journal herald gazette chronicle examiner telegraph inquirer observer courier post "
                  "news dispatch magazine register bulletin".split())

# First words of bodies named in Romance languages, head first ("Instituto Gonzaga", "Movimento 5 Stelle").
LEADING_BODIES = frozenset("""instituto istituto institut universidad università universite université universidade
movimento partido partito parti banco banca ministerio ministero ministère comité comitato""".split())

# Places built by people or named as ground: "Flag Land Base", "Metro Toronto Convention Centre", "the White House".
PLACE_HEADS = frozenset(
    """
    base airport airfield bridge street avenue road boulevard square plaza museum hospital stadium arena hall
    tower towers center centre station cave factory house park mosque cathedral temple palace castle mall
    hotel prison statehouse capitol harbor harbour port lake river mountain mountains mount island islands
    bay sea ocean valley canyon desert peninsula gulf strait coast beach plains falls county province gallery
    memorial
    """.split()
)

# Head words that are surnames too: after a first name they end a person's name ("Frank Church", "Nick Cave").
SURNAME_HEADS = frozenset("church hall court house park bridge bridges street castle temple tower bank port lake bay "
                          "mount cave bill".split())

# Heads before "of" or "for" that make a body, not a place: "House of Commons", "Center for Strategic Studies".
BODY_BEFORE_OF = frozenset("house center centre".split())

# Events: "Google Science Fair", "Taipei City Lantern Festival", "Northern Arena Esports Championship".
EVENT_HEADS = frozenset(
    """
    fair expo festival championship championships olympics olympiad cup games summit conference election
    elections war revolution marathon tournament derby prix bowl massacre uprising riots
    """.split()
)

# Works, laws, vehicles and products: kind "other", never a person ("the Space Shuttle", "Affordable Care Act").
WORK_HEADS = frozenset(
    """
    shuttle opera act treaty accord accords agreement amendment bill doctrine protocol declaration charter
    prize award constitution program programme browser
    """.split()
)

# Lower-case nouns that make the name right after them a work or a product: "the shuttle Atlantis",
# "the opera Carmen", "the 1969 film Easy Rider", "the cruise ship Freewinds".
WORK_NOUNS = frozenset(
    """
    shuttle spacecraft rocket ship vessel yacht submarine opera film movie documentary novel book album song
    single musical play painting sculpture browser software app
    """.split()
)

# Lower-case nouns that make the name right before them a product: "the Chrome browser", "Windows software".
PRODUCT_NOUNS = frozenset("browser browsers software app apps console smartphone smartphones laptop tablet".split())

# Words hyphenated to a name that make an adjective of it, no part of the name: "Warhol-like", "Ohio-based".
NAME_SUFFIXES = frozenset("like based led born style era type owned run made".split())
# Words for a body that name none alone: "the Government will appeal" (not "Congress", "Parliament": names).
GENERIC_BODIES = frozenset("""government administration ministry department council committee commission agency
authority board bureau office court police party union company""".split())
# Roles a company or body gives, written between its name and a person's: "Lumen founder Ada Lind".
BODY_ROLES = frozenset("founder creator ceo chairman owner spokesman spokeswoman chief president".split())
# Lower-case nouns after a name that make it a place: "the Harbour North electoral district".
PLACE_NOUNS = frozenset("constituency district province prefecture county region borough parish ward".split())
# Verbs of a match report: a country that "defeated" another "2 – 1" is its national team.
MATCH_VERBS = frozenset("defeat defeated beat beats won drew draws lost loses tied edged thrashed routed".split())

# Peoples and faiths whose plural has no -s ("the Rohingya", "Uyghur"), listed as groups like "Uyghurs".
PEOPLES = frozenset("rohingya uyghur uighur maasai masai inuit sami roma yazidi hazara pashtun tuareg".split())

# Followers of parties, in the plural: groups ("Republicans objected").
PARTISANS = frozenset("republicans democrats tories conservatives liberals socialists communists greens".split())

# Faiths and movements of thought: "other" (a reader looks them up; they are no organisation or place).
FAITHS = frozenset("""islam christianity judaism hinduism buddhism sikhism jainism taoism shinto wicca paganism
catholicism protestantism mormonism""".split())

# Recurring events known by one word: "the Hajj".
EVENT_NAMES = frozenset("hajj umrah ramadan diwali hanukkah passover".split())

# US cities that stand alone in a dateline (AP style), with the state they are in: "WASHINGTON (AP) —".
DATELINE_CITIES = dict(pair.replace("_", " ").split(":") for pair in """Atlanta:Ga. Baltimore:Md. Boston:Mass. Chicago:Ill.
Cincinnati:Ohio Cleveland:Ohio Dallas:Texas Denver:Colo. Detroit:Mich. Honolulu:Hawaii Houston:Texas
Indianapolis:Ind. Las_Vegas:Nev. Los_Angeles:Calif. Miami:Fla. Milwaukee:Wis. Minneapolis:Minn.
New_Orleans:La. New_York:N.Y. Oklahoma_City:Okla. Philadelphia:Pa. Phoenix:Ariz. Pittsburgh:Pa.
St._Louis:Mo. Salt_Lake_City:Utah San_Antonio:Texas San_Diego:Calif. San_Francisco:Calif. Seattle:Wash.
Washington:D.C.""".split())

# Last words that make a person-tagged name a body or a place ("Bush Center", "Charlotte Panthers").
INSTITUTIONS = BODIES | frozenset("center centre stadium hall museum library hospital airport".split())

# Lower-case particles that belong inside a name ("Bill de Blasio").
PARTICLES = frozenset("de da del della di du van von der den ter la le al el bin ibn dos das".split())

ABBREVIATIONS = frozenset("jr sr co corp inc ltd st bros no mt ft gen".split())
# AP-style U.S. state abbreviations: "Vt." keeps its period even when it ends the sentence.
STATES = frozenset("""ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn vt va wash w.va wis wyo""".split())

AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "woman")

# Calendar words the model sometimes tags as a name ("Sunday" as PERSON).
CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec today yesterday tomorrow
    """.split()
)

# Time zones: tagged as bodies now and then ("As of 15:11 GMT"), never an entity.
TIME_ZONES = frozenset("gmt utc bst cet cest est edt cst cdt mst mdt pst pdt ist jst aest".split())

# Common Chinese family names in pinyin: a name opening with one, and no Western first name after it, is written
# family name first ("Wang Yi", "Xi Jinping") and filed under it.
CHINESE_SURNAMES = frozenset("""wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng
liang xie song tang xi deng feng han cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding shen
ren yao qin""".split())

# Generation suffixes a short form leaves out ("John G. Roberts Jr." is "Roberts").
GENERATIONS = frozenset("jr sr ii iii iv".split())

# What a quote after a colon can be: "... rated this statement by Lee: '...'".
STATEMENT_NOUNS = frozenset("statement claim remark comment tweet quote words assertion".split())

# Honorifics and ranks with no meaning of their own as a role.
ADDRESS_FORMS = frozenset("mr mrs ms miss dr sir dame".split())

DANGLING_WORDS = frozenset("of for at with to in on from by and or the a an".split())  # no role ends on one

# Possessive endings as the tokenizer splits them off.
POSSESSIVES = frozenset(("'s", "’s", "'", "’"))

# Pronouns that say a person's gender.
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})

FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})

# Courtesy titles that say a person's gender.
TITLE_GENDER = {"mr.": "m", "mr": "m", "ms.": "f", "ms": "f", "mrs.": "f", "mrs": "f"}

# First names that say a gender plainly (only common ones, and none used for both).
MALE_NAMES = frozenset("""
aaron adam alan albert alex alexander andrew anthony barack ben benjamin bernie bill bob bobby brad
brian bruce carl charles chris christopher chuck dan daniel david dennis don donald doug douglas ed
edward eric frank fred gary george gerald greg harry henry jack james jason jeb jeff jeffrey jerry
jim jimmy joe john jon jonathan joseph josh juan keith ken kenneth kevin larry marco mark martin
matt matthew michael mike mitch mitt nick paul peter phil ralph rand randy richard rick rob robert
roger ron ronald rudy russell ryan sam scott sean sergei stephen steve steven ted thomas tim tom
tony vladimir walter william xi
""".split())

FEMALE_NAMES = frozenset("""
alice amy angela ann anna anne barbara betty betsy carly carol caroline catherine cheryl chelsea
christina christine claire cynthia deborah debbie diana diane donna doris dorothy elaine elizabeth
ellen emily emma gloria hannah heather heidi helen hillary huma ivanka jane janet jennifer jessica
jill joan joanne julia julie karen kate katherine kathleen kathy kelly kellyanne laura lauren linda
lisa loretta lynn margaret maria marie marsha martha mary megan melania melanie melissa michelle
nancy nicole nikki pamela patricia rachel rebecca ruth sandra sarah sharon stephanie susan tammy
theresa tina valerie victoria virginia wendy
""".split())

# Words that stay lower case inside a title, and words that lead into one.
TITLE_SMALL_WORDS = frozenset("a an and the of in on at to for from by with or nor but vs s".split())

# ("her" is left out: in "called her “Crooked Hillary”" it is no possessive.)
TITLE_LEADS = frozenset("""on in of at to from with by for about into the a an his their its our my your
s titled entitled""".split())

# Nouns for works: capitalised quoted words right after one are its title ("his book, ''Salt and Iron''").
# (Not WORK_NOUNS, which makes an unquoted name after it a work: "the opera Carmen".)
TITLED_NOUNS = frozenset("""book books film films movie movies show shows series episode episodes program programme
podcast column memoir memoirs autobiography documentary album song songs novel novels play musical poem essay
op-ed sitcom miniseries anthem hymn titled entitled""".split())
# Nouns of shouted speech: "chants of", "cries of", "calls for" lead into what was shouted, not a title.
SHOUT_NOUNS = frozenset("chant chants cry cries call calls shout shouts cheer cheers scream screams roar refrain "
                        "yell yells".split())

# "Ruiz, who leads the union": the office a relative clause's verb gives its subject.
ROLE_VERBS = {"lead": "leader", "head": "head", "run": "head", "chair": "chair", "direct": "director",
              "found": "founder", "co-found": "co-founder", "own": "owner", "manage": "manager", "coach": "coach",
              "edit": "editor", "represent": "representative", "command": "commander", "oversee": "head",
              "organize": "organizer", "organise": "organiser", "captain": "captain", "host": "host"}
# Common nouns that name a body the story has named before: "a spokesman for the agency".
BODY_NOUNS = frozenset("""agency board company firm department ministry union campaign team club group council committee
commission party organization organisation association institute foundation office bureau network paper newspaper
station court university school hospital bank fund coalition""".split())

# Relative pronouns: a subject that names no one. Subordinators: what opens a clause of time or cause.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
SUBORDINATORS = frozenset("when as while after before since once because although though until".split())

# Family names written first (Chinese, Korean, Vietnamese): "Xi Jinping" is filed under X in the A-Z of names.
# Names Western usage also gives first (Lee, Park, Long, Song, King, Moon) are left out.
SURNAME_FIRST = frozenset("""
wang li zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo liang zheng xie han tang feng
dong xiao cao yuan deng fu shen zeng peng lu su jiang cai jia ding wei xue yan pan du dai xia zhong tian fan
fang shi yao tan liao zou xiong jin hao kong bai cui qiu qin gu hou shao meng duan lei qian yin xi mao
kim choi jung cho yoon jang lim seo shin kwon hwang ahn
nguyen tran pham
""".split())
