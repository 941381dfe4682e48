"""The project's word lists: for attribution, reporting verbs, nouns of saying, roles and speaking
things; for the glossary, offices, bodies, name particles and abbreviations.

Plain lower-case words. Attribution matches them against spaCy lemmas, so every
inflection of a listed verb counts; the rules that read them live in ``cues``,
``frames``, ``people`` and ``names``.
"""

from __future__ import annotations

# Reporting verbs, by lemma.
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
CLAIM_NOUNS = frozenset("claim statement assertion remark comment promise warning pledge vow charge insistence boast".split())
# Verbs of talking that take what was said in a prepositional phrase ("go" only as "go on about").
TALKING_VERBS = frozenset("talk speak rant rail go".split())
# Cues that may follow their quote with the speaker after them ("..., reported Reuters").
# Not "tell" or "ask": what follows them is the listener.
INVERTIBLE_CUES = frozenset("say report add write note explain recall insist declare warn argue reply respond "
                        "conclude admit concede state continue".split())
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
""".split())
# Nouns that name a person by kinship or sex: they tell "he" from "she" as a first name does.
NOUN_GENDER = {**dict.fromkeys("father man husband son brother uncle nephew grandfather grandson boy king prince"
                                .split(), "m"),
                **dict.fromkeys("mother woman wife daughter sister aunt niece grandmother granddaughter girl queen "
                                "princess lady widow".split(), "f")}
DETERMINERS = frozenset("the a an my his her our their your this that".split())
# Things and bodies that "say" in news copy: "the report said", "the campaign said".
SPEAKING_THINGS = frozenset("""
report statement letter memo study survey poll ad advertisement commercial article editorial column
tweet post filing complaint lawsuit suit indictment ruling decision order document release transcript
book paper newspaper magazine network station website site blog campaign committee company firm
agency department ministry government administration court party group organization union board
council team office commission coalition association foundation institute center centre university
school bank police army military church panel caucus senate house congress parliament cabinet
embassy white newsletter video broadcast clip footage family audit review analysis investigation inquiry
""".split())
# Verbs by which a study reports, and the studies that do ("the audit found that ...").
FINDING_VERBS = frozenset("find show reveal".split())
STUDY_NOUNS = frozenset("report study survey poll review audit analysis investigation research inquiry".split())
# Documents that speak for whoever wrote or issued them.
DOCUMENTS = frozenset("statement report release transcript memo letter filing tweet post note brief".split())
# Verbs by which someone puts out a document: its subject is the document's source.
ISSUING_VERBS = frozenset("issue release publish send post put write sign file circulate deliver".split())
# Nouns that name a body only together with their "of" phrase.
COLLECTIVE_NOUNS = frozenset("group coalition team band panel number couple pair handful dozen bunch".split())
# Object forms, read as their subject forms: "the clip shows him saying ..." is "he" saying it.
SUBJECT_FORMS = {"him": "he", "her": "she", "them": "they", "us": "we", "me": "i"}
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
# Reporting-verb forms that a title-case headline gets tagged into a name ("Obama Says ...").
HEADLINE_VERBS = frozenset("says said tells told warns urges asks calls claims slams blasts sees".split())


# --- glossary names ---

# Words that name an office or occupation. Before a name they are a title (cut
# from the name, kept as the role); they also mark the head of an appositive.
ROLE_WORDS = frozenset(
    """
    president vice-president vice prime minister secretary senator sen rep representative
    congressman congresswoman gov governor mayor chancellor premier ambassador envoy
    diplomat speaker chairman chairwoman chair chief commissioner attorney lawyer judge
    justice prosecutor general gen lt col colonel maj capt captain sgt adm admiral
    commander king queen prince princess emperor sheikh emir pope cardinal bishop rev
    reverend rabbi imam spokesman spokeswoman spokesperson director ceo founder cofounder
    executive manager official officer adviser advisor aide analyst economist historian
    researcher professor prof scientist expert editor reporter correspondent journalist
    columnist author writer activist candidate nominee challenger incumbent leader
    head deputy coach sheriff detective inspector agent counsel councilman
    councilwoman lawmaker legislator delegate strategist pollster consultant mr mrs ms
    miss dr sir dame lord veteran member scholar owner investor partner fellow
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

# Last words that make a name a body, whatever the model says ("John Birch Society" as a person,
# "United Nations" as a place).
BODIES = frozenset(
    """
    society association institute institution college university academy council committee commission
    party league agency department ministry fund foundation corporation company coalition caucus bureau
    federation nations
    """.split()
)

# Last words of a newspaper's or a broadcaster's name ("Chicago Tribune" is no place).
PRESS = frozenset("tribune times journal herald gazette chronicle examiner telegraph inquirer observer courier post "
                  "news".split())


# Last words that make a person-tagged name a body or a place ("Bush Center", "Charlotte Panthers").
INSTITUTIONS = BODIES | frozenset(
    """
    center centre school stadium hall museum library hospital trust group inc corp llc administration
    airport church club union court
    """.split()
)


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

# Generation suffixes a short form leaves out ("John G. Roberts Jr." is "Roberts").
GENERATIONS = frozenset("jr sr ii iii iv".split())

# What a quote after a colon can be: "... rated this statement by Lee: '...'".
STATEMENT_NOUNS = frozenset("statement claim remark comment tweet quote words assertion".split())

# Honorifics and ranks with no meaning of their own as a role.
ADDRESS_FORMS = frozenset("mr mrs ms miss dr sir dame".split())

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

# Relative pronouns: a subject that names no one.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})

# Family names written first (Chinese, Korean, Vietnamese): "Xi Jinping" is filed under X in the A-Z of names.
# Names Western usage also gives first (Lee, Park, Long, Song, King, Moon) are left out.
SURNAME_FIRST = frozenset("""
wang li zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo liang zheng xie han tang feng
dong xiao cao yuan deng fu shen zeng peng lu su jiang cai jia ding wei xue yan pan du dai xia zhong tian fan
fang shi yao tan liao zou xiong jin hao kong bai cui qiu qin gu hou shao meng duan lei qian yin xi mao
kim choi jung cho yoon jang lim seo shin kwon hwang ahn
nguyen tran pham
""".split())
