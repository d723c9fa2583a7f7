"""A corpus for the privacy guard: identifiers as a busy professional types them, inside
notes, and ordinary notes that carry none.

`corpus()` gives (kind, note, start, end): the note holds one identifier of that kind at
[start, end). Several hundred per kind, generated with a fixed seed, plus the hand-written
variants from issue 19. `ordinary()` gives plain notes a youth-care professional writes.
Used by tests/bot/test_privacy_corpus.py and tests/bench/bench_privacy_guard.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import phonenumbers
from stdnum import iban as stdnum_iban

from bot.domain.privacy_guard import NOT_POSTCODE

KINDS = ("bsn", "phone", "email", "postcode", "address", "date", "name", "iban")
PER_KIND = 300

NBSP = "\u00a0"
NNBSP = "\u202f"
EN_DASH = "\u2013"

# Sentences around an identifier: {} stands for it.
_CONTEXTS = (
    "{}",
    "Gegevens: {}",
    "Zie {} voor meer info.",
    "Graag contact, {} is bekend bij ons.",
    "Moeder gaf door: {}.",
    "Afspraak bevestigd ({}), school is op de hoogte",
    "{} — bellen na 15:00",
    "Overleg met school; {} volgt.",
    "Intake gedaan. {}",
    "Nog terugbellen over {} aub",
)

# Popular children's first names in the Netherlands, with the families the teams meet.
CHILD_NAMES = [
    "Emma",
    "Noah",
    "Julia",
    "Luca",
    "Mila",
    "Sem",
    "Tess",
    "Liam",
    "Yara",
    "Daan",
    "Saar",
    "Lucas",
    "Nora",
    "Finn",
    "Zoë",
    "Levi",
    "Sara",
    "Milan",
    "Evi",
    "Bram",
    "Noud",
    "Fenna",
    "Jesse",
    "Lieke",
    "Thijs",
    "Anna",
    "Sophie",
    "Olivia",
    "Lotte",
    "Jayden",
    "Guus",
    "Jens",
    "Ruben",
    "Sanne",
    "Isa",
    "Femke",
    "Jasmijn",
    "Ilse",
    "Vince",
    "Gijs",
    "Teun",
    "Stijn",
    "Floor",
    "Rosalie",
    "Hailey",
    "Lara",
    "Mohammed",
    "Mohamed",
    "Ayoub",
    "Yassin",
    "Adam",
    "Amira",
    "Fatima",
    "Aya",
    "Nour",
    "Salma",
    "Imane",
    "Hamza",
    "Rayan",
    "Soufiane",
    "Youssef",
    "Bilal",
    "Zeynep",
    "Elif",
    "Emir",
    "Yusuf",
    "Ayse",
    "Mehmet",
    "Ahmet",
    "Burak",
    "Esra",
    "Selin",
    "Kerem",
    "Mert",
    "Defne",
    "Shanice",
    "Dewi",
    "Priya",
    "Rajesh",
    "Anouk",
    "Merel",
    "Iris",
    "Jip",
    "Ties",
    "Siem",
    "Pien",
    "Vera",
    "Lynn",
    "Nina",
    "Kiki",
    "Lisa",
    "Tim",
    "Tom",
    "Rik",
    "Dex",
    "Ilias",
    "Mark",
]
SURNAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "de Bruin",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "Yilmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "El Amrani",
    "Bouzid",
    "Ouali",
    "Ait Taleb",
]
_STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Schoolstraat",
    "Stationsweg",
    "Molenweg",
    "Julianalaan",
    "Beatrixlaan",
    "Wilhelminastraat",
    "Nieuwstraat",
    "Markt",
    "Hoofdstraat",
    "Parallelweg",
    "Kastanjelaan",
    "Eikenlaan",
    "Prinsengracht",
    "Lindenlaan",
    "Burgemeester Visserstraat",
    "Oranjestraat",
    "Sportlaan",
    "Vondelstraat",
    "Mozartlaan",
    "Merelstraat",
    "Lijsterbesstraat",
    "Havenkade",
    "Zeedijk",
    "Brinkweg",
    "Rozenhof",
    "Tulpstraat",
    "Amstelveenseweg",
    "Ringdijk",
    "Kanaalweg",
    "Westersingel",
    "Vaartweg",
    "Spoorlaan",
    "Dorpsplein",
    "Zuiderpark",
    "Prins Hendrikkade",
    "Lange Nieuwstraat",
    "Van Goghstraat",
    "Jan van Galenstraat",
]
_DOMAINS = (
    "gmail.com",
    "hotmail.com",
    "outlook.com",
    "live.nl",
    "ziggo.nl",
    "kpnmail.nl",
    "icloud.com",
    "planet.nl",
    "xs4all.nl",
    "yahoo.com",
    "school.nl",
)
_MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTHS_EN_SHORT = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


def _bsn(rng: random.Random) -> str:
    while True:
        digits = [rng.randrange(10) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


def _bsn_written(rng: random.Random) -> str:
    d = _bsn(rng)
    style = rng.randrange(10)
    sep = rng.choice([".", "-", " ", NBSP, EN_DASH, "/"])
    if style == 0:
        return d
    if style == 1:
        return f"{d[:4]}.{d[4:6]}.{d[6:]}"
    if style == 2:
        return f"{d[:3]}{sep}{d[3:6]}{sep}{d[6:]}"
    if style == 3:
        return f"{d[:4]}{sep}{d[4:6]}{sep}{d[6:]}"
    if style == 4:
        return f"{d[:3]} {d[3:6]} {d[6:]}"
    if style == 5:
        return f"{d[:3]}.{d[3:6]}.{d[6:]}"
    if style == 6:
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"
    if style == 7:
        return f"{d[:3]}{NBSP}{d[3:6]}{NBSP}{d[6:]}"
    if style == 8:
        return f"{d[:2]} {d[2:5]} {d[5:]}"
    return f"{d[:3]}{EN_DASH}{d[3:6]}{EN_DASH}{d[6:]}"


def _valid(region: str, make: Callable[[], str]) -> str:
    while True:
        national = make()
        number = phonenumbers.parse(national, region)
        if phonenumbers.is_valid_number(number):
            return national


def _phone(rng: random.Random) -> str:
    style = rng.randrange(16)
    digits = lambda n: "".join(str(rng.randrange(10)) for _ in range(n))  # noqa: E731
    mobile = "6" + str(rng.randrange(1, 6)) + digits(7)
    area = rng.choice(["10", "20", "30", "40", "70", "50", "513", "172", "294", "45", "76"])
    land = area + digits(9 - len(area))
    sep = rng.choice([" ", "-", NBSP, EN_DASH, "."])
    if style == 0:
        return "0" + mobile
    if style == 1:
        return f"06-{mobile[1:]}"
    if style == 2:
        m = mobile[1:]
        return f"06 {m[:2]} {m[2:4]} {m[4:6]} {m[6:]}"
    if style == 3:
        return f"06{sep}{mobile[1:5]}{sep}{mobile[5:]}"
    if style == 4:
        return f"+31 6 {mobile[1:]}"
    if style == 5:
        return f"+31 (0)6 {mobile[1:5]} {mobile[5:]}"
    if style == 6:
        return f"0031 {mobile}"
    if style == 7:
        return f"+31{mobile}"
    if style == 8:
        return f"wa.me/31{mobile}"
    if style == 9:
        return f"0{area}{sep}{land[len(area) :]}"
    if style == 10:
        return f"(0{area}) {land[len(area) :]}"
    if style == 11:
        be = _valid("BE", lambda: "04" + str(rng.randrange(60, 100)) + digits(6))
        return rng.choice(["+32 ", "0032 ", "+32"]) + f"{be[1:4]} {be[4:6]} {be[6:8]} {be[8:]}"
    if style == 12:
        tr = _valid("TR", lambda: "05" + str(rng.randrange(30, 56)) + digits(7))
        return rng.choice(["+90 ", "0090 ", "+90"]) + f"{tr[1:4]} {tr[4:7]} {tr[7:9]} {tr[9:]}"
    if style == 13:
        ma = _valid("MA", lambda: "06" + digits(8))
        return (
            rng.choice(["+212 ", "00212 ", "+212"])
            + f"{ma[1]} {ma[2:4]} {ma[4:6]} {ma[6:8]} {ma[8:]}"
        )
    if style == 14:
        return f"+31{NBSP}6{NBSP}{mobile[1:5]}{NBSP}{mobile[5:]}"
    return f"0{mobile[:1]}{sep}{mobile[1:3]}{sep}{mobile[3:5]}{sep}{mobile[5:7]}{sep}{mobile[7:]}"


def _email(rng: random.Random) -> str:
    first = rng.choice(CHILD_NAMES).lower().replace("ë", "e")
    last = rng.choice(SURNAMES).lower().replace(" ", "").replace("ş", "s")
    local = rng.choice(
        [
            f"{first}.{last}",
            f"{first}{last}",
            f"{first[0]}.{last}",
            f"{first}{rng.randrange(1, 99)}",
            f"{last}.familie",
            f"{first}_{last}",
        ]
    )
    domain = rng.choice(_DOMAINS)
    name, tld = domain.rsplit(".", 1)
    style = rng.randrange(9)
    if style == 0:
        return f"{local}@{domain}"
    if style == 1:
        return f"{local}(at){domain}"
    if style == 2:
        return f"{local} at {name} dot {tld}"
    if style == 3:
        return f"{local}[at]{domain}"
    if style == 4:
        return f"{local}＠{domain}"
    if style == 5:
        return f"{local} (at) {name} (punt) {tld}"
    if style == 6:
        return f"{local} @ {domain}"
    if style == 7:
        return f"{local}[at]{name}[dot]{tld}"
    return f"{local.upper()}@{domain.upper()}"


# Typed in lowercase after four digits these are words or units ("in 2024 en", "1000 mg"):
# the guard reads them so; the corpus does not pretend otherwise (docs/decisions.md).
_AMBIGUOUS = NOT_POSTCODE


def _postcode(rng: random.Random) -> str:
    digits = str(rng.randrange(1000, 10000))
    while True:
        letters = "".join(rng.choice("ABCDEFGHJKLMNPRTVWXZ") for _ in range(2))
        if letters not in ("SA", "SD", "SS") and letters.lower() not in _AMBIGUOUS:
            break
    return rng.choice(
        [
            f"{digits} {letters}",
            f"{digits}{letters}",
            f"{digits} {letters.lower()}",
            f"{digits}-{letters}",
            f"{digits}{NBSP}{letters}",
            f"{digits}{letters.lower()}",
            f"{digits} - {letters}",
        ]
    )


def _address(rng: random.Random) -> str:
    street = rng.choice(_STREETS)
    number = str(rng.randrange(1, 400))
    suffix = rng.choice(["", "", "a", "B", "-2", " c"])
    street = street.lower() if rng.random() < 0.25 else street
    return f"{street} {number}{suffix}"


def _date(rng: random.Random) -> str:
    year = rng.randrange(2005, 2026)
    month = rng.randrange(1, 13)
    day = rng.randrange(1, 29)
    yy = f"{year % 100:02d}"
    style = rng.randrange(14)
    return [
        f"{day:02d}-{month:02d}-{year}",
        f"{day}-{month}-{year}",
        f"{day:02d}/{month:02d}/{year}",
        f"{day:02d}.{month:02d}.{yy}",
        f"{year}-{month:02d}-{day:02d}",
        f"{day} {_MONTHS_NL[month - 1]} {year}",
        f"{day} {_MONTHS_SHORT[month - 1]} {year}",
        f"{day}-{_MONTHS_SHORT[month - 1]}-{year}",
        f"{day} {_MONTHS_EN_SHORT[month - 1]} {year}",
        f"{day} {_MONTHS_EN[month - 1]} {year}",
        f"{day}{EN_DASH}{month}{EN_DASH}{year}",
        f"{day:02d}/{month:02d}/{yy}",
        f"{day} {_MONTHS_SHORT[month - 1]}. {year}",
        f"{day} {_MONTHS_NL[month - 1].capitalize()} '{yy}",
    ][style]


def _iban(rng: random.Random) -> str:
    bank = rng.choice(["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ"])
    account = "".join(str(rng.randrange(10)) for _ in range(10))
    check = stdnum_iban.calc_check_digits(f"NL00{bank}{account}")
    compact = f"NL{check}{bank}{account}"
    style = rng.randrange(4)
    if style == 0:
        return compact
    grouped = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    if style == 1:
        return grouped
    if style == 2:
        return compact.lower()
    return grouped.replace(" ", NBSP)


def _name(rng: random.Random) -> str:
    first = rng.choice(CHILD_NAMES)
    last = rng.choice(SURNAMES)
    style = rng.randrange(8)
    return [
        first,
        first.lower(),
        f"{first} {last}",
        f"{first.lower()} {last.lower()}" if " " not in last else first.lower(),
        f"{first[0]}. {last}",
        f"mevr. {last}" if rng.random() < 0.5 else f"dhr. {last}",
        f"{first} {last}".upper() if rng.random() < 0.3 else f"{first}",
        f"{first}-{rng.choice(CHILD_NAMES)}",
    ][style]


_MAKERS: dict[str, Callable[[random.Random], str]] = {
    "bsn": _bsn_written,
    "phone": _phone,
    "email": _email,
    "postcode": _postcode,
    "address": _address,
    "date": _date,
    "name": _name,
    "iban": _iban,
}

# Hand-written variants from issue 19 (the guard before it let about half of these pass).
HANDWRITTEN: tuple[tuple[str, str], ...] = (
    ("bsn", "BSN 123.456.782"),
    ("bsn", "bsn 1234.56.782"),
    ("bsn", "bsn 123-456-782"),
    ("bsn", "bsn 123 456 782"),
    ("bsn", f"bsn 123{NBSP}456{NBSP}782"),
    ("bsn", f"bsn 123{EN_DASH}456{EN_DASH}782"),
    ("phone", "tel 06 1234 5678"),
    ("phone", f"tel 06{NBSP}1234{NBSP}5678"),
    ("phone", "tel +31 6 12345678"),
    ("phone", "tel 0031 6 12345678"),
    ("phone", "app via wa.me/31612345678"),
    ("phone", "oma in België: +32 470 12 34 56"),
    ("phone", "vader (Turkije) +90 532 123 45 67"),
    ("phone", "tante Marokko 00212 6 12 34 56 78"),
    ("email", "mail moeder: jan(at)gmail.com"),
    ("email", "mail: jan at gmail dot com"),
    ("email", "mail: jan[at]gmail.com"),
    ("email", "mail: jan＠gmail.com"),
    ("postcode", "postcode 1234 ab"),
    ("postcode", "postcode 1234-AB"),
    ("date", "geboren 3 mrt 2015"),
    ("date", "geboren 3-mrt-2015"),
    ("date", "geboren 3 Mar 2015"),
    ("date", "geboren 03.03.15"),
    ("name", "gesprek met emma over school"),
    ("name", "Daan komt niet meer naar de training"),
    ("iban", "rekening NL91 ABNA 0417 1643 00"),
)


def _handwritten_name_start(note: str) -> int:
    for name in ("emma", "Daan"):
        if name in note:
            return note.index(name)
    raise ValueError(note)


def handwritten_spans() -> Iterator[tuple[str, str, int, int]]:
    """The hand-written variants with the identifier's exact span."""
    labels = (
        "België: ",
        "(Turkije) ",
        "Marokko ",
        "via ",
        "moeder: ",
        "mail: ",
        "rekening ",
        "geboren ",
        "postcode ",
        "tel ",
        "bsn ",
        "BSN ",
    )
    for kind, note in HANDWRITTEN:
        if kind == "name":
            start = _handwritten_name_start(note)
            yield kind, note, start, start + 4
            continue
        label = next(label for label in labels if label in note)
        start = note.index(label) + len(label)
        yield kind, note, start, len(note)


def corpus(per_kind: int = PER_KIND, seed: int = 19) -> Iterator[tuple[str, str, int, int]]:
    """The generated samples and the hand-written ones."""
    rng = random.Random(seed)
    for kind, maker in _MAKERS.items():
        for _ in range(per_kind):
            identifier = maker(rng)
            context = rng.choice(_CONTEXTS)
            before = context.split("{}")[0]
            yield kind, context.format(identifier), len(before), len(before) + len(identifier)
    yield from handwritten_spans()


# -- ordinary notes ---------------------------------------------------------------------

_ORDINARY_NOTES = """
Intake gepland, ouders zijn akkoord
Contact gehad met school, volgende week overleg
Ouders zijn akkoord met de aanpak.
Gesprek met moeder gehad, vader was er niet bij.
Jeugdige zit in groep 7 en gaat graag naar school.
Score 7/10 op de vragenlijst, dat is een vooruitgang.
Fase 2-3 van het plan is gestart.
Volgende afspraak over twee weken, om 14:30 bij ons op kantoor.
Huisbezoek gedaan, situatie thuis is rustig.
Overleg met de huisarts over verwijzing naar de GGZ.
Wachtlijst bij de specialistische zorg is ongeveer 12 weken.
Het gezin wil eerst zelf aan de slag, we bellen over een maand.
School meldt dat het verzuim is afgenomen.
De mentor is positief over de laatste periode.
In 2024 is er al eerder hulp geweest, toen via het wijkteam.
Casus besproken in het MDO, besluit: traject voortzetten.
Warme overdracht naar het jeugdteam is rond.
We wachten op toestemming van beide ouders.
Geen bijzonderheden, traject loopt volgens plan.
Zorgcoördinator van school is op de hoogte gebracht.
Jeugdige is 14 jaar en wil zelf meepraten over het plan.
Gezinscoach start volgende week.
Moeder heeft het veiligheidsplan ondertekend.
Er zijn 3 gesprekken geweest, nog 2 te gaan.
Planning: week 12 evaluatie, week 16 afsluiten.
Wijkagent is niet meer betrokken.
De aanmelding is compleet, we plannen de intake.
Vader werkt in ploegendienst, afspraken liefst in de middag.
Budget voor 1 op 1 begeleiding is toegekend.
Twee keer per week naschoolse opvang, 2-3 uur per keer.
Terugkoppeling aan de verwijzer volgt na het gesprek.
Dossier is overgedragen aan de collega van team Noord.
Kind voelt zich veilig op school volgens de IB'er.
Schoolmaatschappelijk werk doet de begeleiding.
Ouders hebben de vragenlijst ingevuld, uitslag 8 van de 10.
Er is een afspraak bij de kinderarts in het ziekenhuis.
Medicatie voor ADHD wordt opnieuw ingesteld.
Eerste gesprek verliep goed, de jeugdige was open.
Hulpvraag: rust in huis en structuur in de dag.
Oma helpt mee met de opvang na school.
We zien verbetering, de doelen zijn voor 70% gehaald.
Evaluatie na 6 weken, daarna besluit over vervolg.
De klas telt 28 leerlingen, de leerkracht heeft weinig tijd.
Geen contact kunnen krijgen, morgen opnieuw proberen.
Ouders zijn gescheiden, beide hebben gezag.
Met de jeugdige een wandeling gemaakt, goed gesprek.
Bijeenkomst met het netwerk gepland voor volgende maand.
Verzoek om extra uren ligt bij de gemeente.
Begeleiding op school door een ambulant begeleider.
Behandeling bij de psycholoog is afgerond.
Vandaag telefonisch contact met de moeder, ze klinkt opgelucht.
Jongere wil liever niet dat school meer weet dan nodig.
Afspraak verzet naar dinsdagmiddag i.v.m. ziekte.
Verslag van het MDO volgt, actiepunten bij de jeugdconsulent.
Leerplicht is ingeschakeld vanwege het verzuim.
Broertje en zusje wonen ook thuis, geen zorgen over hen.
Plan: eerst rust, dan kijken naar dagbesteding.
De vader heeft een nieuwe baan en minder tijd.
Samenwerking met Veilig Thuis loopt, geen acute zorg.
Gezin staat op de wachtlijst voor een gezinshuis.
Graag even bellen als er nieuws is, alvast bedankt!
Situatie stabiel, we bouwen de hulp af.
Traject afgesloten, doelen behaald, ouders tevreden.
Jongere heeft een bijbaan en gaat naar het mbo.
Oudergesprek gepland, tolk Arabisch geregeld.
Tolk Turks nodig bij het volgende gesprek.
Contact met de kinderopvang over de opvang op woensdag.
Voetbaltraining helpt, hij heeft plezier.
Ze heeft vriendinnen in de klas en voelt zich daar thuis.
Zorgen over middelengebruik besproken met de jongere.
Huiswerkbegeleiding start na de herfstvakantie.
Na de kerstvakantie evalueren we opnieuw.
Pleegzorg is in beeld als de situatie thuis niet verbetert.
Jeugdbescherming is niet nodig volgens het team.
Er is 1x per week contact, dat bevalt goed.
Rapportcijfers gaan omhoog, gemiddeld een 6,5.
Ouder geeft aan dat het thuis rustiger is.
Kind slaapt slecht, advies gegeven over een vast ritme.
Logopedie loopt via de school, 30 minuten per week.
De mentor en de zorgcoördinator zijn uitgenodigd.
Aanmelding bij de kinder- en jeugdpsychiatrie is verstuurd.
Eerste indruk: veerkrachtig kind, betrokken ouders.
Hulpverlening eerder via het buurtteam, toen gestopt.
Afspraak gemaakt voor een huisbezoek volgende week woensdag.
Moeder vraagt hulp bij de schuldhulpverlening.
Doel 1 bereikt, doel 2 en 3 lopen nog.
Bij de evaluatie waren 4 mensen aanwezig.
We schalen op naar de teamleider vanwege de wachttijd.
Jongere kiest zelf voor gesprekken op school.
Advies: sociale vaardigheidstraining in groepsverband.
""".strip().splitlines()

_SUBJECTS = (
    "Moeder",
    "Vader",
    "De ouders",
    "De jeugdige",
    "School",
    "De mentor",
    "De IB'er",
    "De huisarts",
    "Het gezin",
    "De gezinscoach",
    "Oma",
    "De leerkracht",
    "Het wijkteam",
    "De zorgcoördinator",
    "De jeugdarts",
    "De wijkagent",
    "Opa",
    "De voogd",
    "De pleegouders",
    "Het sociaal team",
)
_VERBS = (
    "heeft gebeld over",
    "is akkoord met",
    "maakt zich zorgen over",
    "vraagt om",
    "wil meer weten over",
    "is positief over",
    "twijfelt over",
    "heeft ingestemd met",
    "wacht op",
    "heeft vragen over",
    "is betrokken bij",
    "stuurt een verslag over",
    "is tevreden over",
    "heeft moeite met",
    "plant een gesprek over",
)
_OBJECTS = (
    "de aanpak",
    "het plan van aanpak",
    "de intake",
    "het verzuim",
    "de begeleiding",
    "de wachttijd",
    "de overdracht",
    "de evaluatie",
    "het huiswerk",
    "de slaap",
    "de vrijetijdsbesteding",
    "de sport na school",
    "het gedrag in de klas",
    "de thuissituatie",
    "de opvoeding",
    "het contact met leeftijdsgenoten",
    "de schoolkeuze",
    "de zorg thuis",
    "de medicatie",
    "de dagbesteding",
    "de financiën",
    "het rooster",
    "de taalontwikkeling",
    "de groepstraining",
)
_TAILS = (
    "",
    ".",
    ", volgende week verder.",
    "; afspraak over 2 weken.",
    ", we bellen terug.",
    " en wil een gesprek.",
    ", score 6/10.",
    ", fase 1-2 afgerond.",
    " (groep 8).",
    ", 3 keer per week.",
    ", na de zomer.",
    ", voor de kerst.",
    ", om 10.30 uur.",
    " in week 34.",
    ", sinds 2023.",
    ", vanaf 2025 anders.",
    ", 2 à 3 uur.",
    ", €150 per maand.",
    ", net als in 2022.",
    ", tussen 9 en 12 uur.",
)


def ordinary(count: int = 400, seed: int = 19) -> list[str]:
    """Plain notes without personal data: the hand-written ones and generated ones."""
    rng = random.Random(seed)
    notes = list(_ORDINARY_NOTES)
    while len(notes) < count:
        note = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_TAILS)}"
        if note not in notes:
            notes.append(note)
    return notes


# -- scoring ----------------------------------------------------------------------------


def caught(
    findings: list[tuple[str, int, int]], kind: str, note: str, start: int, end: int
) -> bool:
    """A finding of the right kind on the identifier, and every letter and digit of the
    identifier inside some finding (what is left unmarked would reach the referrer)."""
    if not any(k == kind and s < end and start < e for k, s, e in findings):
        return False
    covered = set()
    for _, s, e in findings:
        covered.update(range(s, e))
    return all(i in covered for i in range(start, end) if note[i].isalnum())


def score(
    check: Callable[[str], list[tuple[str, int, int]]],
    per_kind: int = PER_KIND,
) -> dict[str, object]:
    """Recall per kind, the false-positive rate on ordinary notes and what went wrong."""
    totals: dict[str, int] = dict.fromkeys(KINDS, 0)
    hits: dict[str, int] = dict.fromkeys(KINDS, 0)
    missed: list[tuple[str, str]] = []
    for kind, note, start, end in corpus(per_kind):
        totals[kind] += 1
        if caught(check(note), kind, note, start, end):
            hits[kind] += 1
        else:
            missed.append((kind, note))
    plain = ordinary()
    flagged = [(note, check(note)) for note in plain]
    flagged = [(note, found) for note, found in flagged if found]
    return {
        "recall": {kind: round(hits[kind] / totals[kind], 4) for kind in KINDS},
        "samples": totals,
        "false_positive_rate": round(len(flagged) / len(plain), 4),
        "ordinary_notes": len(plain),
        "missed": missed,
        "false_positives": flagged,
    }
