//! What the editor offers about the rule language itself: the functions with
//! their signature and a one-line Dutch explanation, the block kinds with
//! their attributes, keywords and units. (The checker in `check` decides what
//! is valid; a unit test holds this table to it.)

/// A built-in function: name, signature, one-line explanation.
pub struct Function {
    pub name: &'static str,
    pub signature: &'static str,
    pub doc: &'static str,
}

pub const FUNCTIONS: &[Function] = &[
    Function { name: "bekend", signature: "bekend(veld) → ja/nee", doc: "ja als het dossier dit veld invult (nooit onbekend)" },
    Function { name: "leeftijd", signature: "leeftijd(datum) → geheel", doc: "leeftijd in hele jaren op de peildatum" },
    Function { name: "leeftijd_op", signature: "leeftijd_op(datum, op) → geheel", doc: "leeftijd in hele jaren op de datum `op`" },
    Function { name: "aantal", signature: "aantal(lijst) → geheel", doc: "het aantal elementen van een lijst" },
    Function { name: "alle_gelijk", signature: "alle_gelijk(lijst) → ja/nee", doc: "ja als alle elementen gelijk zijn (ook bij een lege lijst)" },
    Function {
        name: "maanden",
        signature: "maanden(van, tot) → geheel",
        doc: "kalendermaanden van de maand van `van` tot en met de maand van `tot`",
    },
    Function { name: "eerste_van_maand", signature: "eerste_van_maand(datum) → datum", doc: "de eerste dag van die maand" },
    Function {
        name: "eerste_van_volgende_maand",
        signature: "eerste_van_volgende_maand(datum) → datum",
        doc: "de eerste dag van de maand erna",
    },
    Function {
        name: "volgende",
        signature: "volgende(dagmaand, datum) → datum",
        doc: "de eerste keer dat die dag valt op of na `datum`, bijvoorbeeld `volgende(31 juli, d)`",
    },
    Function { name: "vorige", signature: "vorige(dagmaand, datum) → datum", doc: "de laatste keer dat die dag viel op of vóór `datum`" },
    Function { name: "dagen_tussen", signature: "dagen_tussen(a, b) → geheel", doc: "het aantal dagen van `a` tot `b`" },
    Function {
        name: "in_jaar",
        signature: "in_jaar(dagmaand, jaar) → datum",
        doc: "die dag in dat jaar, bijvoorbeeld `in_jaar(15 september, vangnet.jaar)`",
    },
    Function { name: "min", signature: "min(a, b) → zelfde soort", doc: "de kleinste van twee getallen, bedragen of datums" },
    Function { name: "max", signature: "max(a, b) → zelfde soort", doc: "de grootste van twee getallen, bedragen of datums" },
    Function {
        name: "per_maand",
        signature: "per_maand(tarief, van, tot) → bedrag",
        doc: "de periode maand voor maand opgeteld, elke maand tegen het tarief dat op de eerste dag ervan geldt",
    },
    Function { name: "per_week", signature: "per_week(tarief, van, tot) → bedrag", doc: "de periode week voor week opgeteld, zoals `per_maand`" },
    Function { name: "per_jaar", signature: "per_jaar(tarief, van, tot) → bedrag", doc: "de periode jaar voor jaar opgeteld, zoals `per_maand`" },
    Function {
        name: "uitleg",
        signature: "uitleg(per_maand(…)) → tekst",
        doc: "de som uitgeschreven, bijvoorbeeld `1 maand x € 750,00 + 2 maanden x € 800,00`",
    },
    Function {
        name: "waarde_op",
        signature: "waarde_op(parameter, datum) → waarde",
        doc: "de waarde die de parameter op die datum heeft, in plaats van op de peildatum",
    },
    Function {
        name: "schoolweken_na",
        signature: "schoolweken_na(datum, aantal, vakanties) → datum",
        doc: "`aantal` schoolweken na `datum`; de weken in de vakanties (een lijst van periodes) tellen niet mee",
    },
    Function {
        name: "schoolweken_tussen",
        signature: "schoolweken_tussen(van, tot, vakanties) → geheel",
        doc: "het aantal hele schoolweken van `van` tot `tot`, zonder de vakanties",
    },
    Function {
        name: "tekst",
        signature: "tekst(x) → tekst",
        doc: "een waarde uitgeschreven (datums als 1 april 2025, bedragen als € 750,00)",
    },
];

pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// An attribute a block kind takes: key, required, short Dutch explanation.
pub type AttrSpec = (&'static str, bool, &'static str);

/// Block kinds allowed directly inside a block of kind `parent` (`None`: top level).
pub fn block_kinds(parent: Option<&str>) -> &'static [&'static str] {
    match parent {
        None => &["regio", "parameter", "definitie", "regels", "aanvraag", "workflow"],
        Some("aanvraag" | "regels") => &["eis", "deskundige", "bedrag", "termijn", "waarschuwing", "uitkomst"],
        Some("workflow") => &["status", "overgang"],
        Some(_) => &[],
    }
}

/// What a block kind is, in one line.
pub fn block_doc(kind: &str) -> &'static str {
    match kind {
        "regio" => "de kop van een regelset: welke regio, welk handboek, welke versie, vanaf wanneer",
        "parameter" => "een vaste waarde uit het handboek (bedrag, termijn, getal), eventueel met `vanaf`-datums",
        "definitie" => "een waarde die per dossier wordt berekend",
        "regels" => "een groep regels die aanvragen met `gebruikt` delen",
        "aanvraag" => "de regels voor één soort aanvraag",
        "workflow" => "statussen en overgangen van een procedure",
        "eis" => "een voorwaarde waaraan de aanvraag moet voldoen",
        "deskundige" => "welke deskundige advies geeft",
        "bedrag" => "een bedrag dat wordt toegekend",
        "termijn" => "een datum waarvoor (of waarna) iets moet gebeuren",
        "waarschuwing" => "een waarschuwing voor de behandelaar",
        "uitkomst" => "een benoemde uitkomst in de beslissing",
        "status" => "een status van de workflow",
        "overgang" => "een overgang van de ene status naar de andere",
        _ => "",
    }
}

/// The attributes of a block kind.
pub fn attributes(kind: &str) -> &'static [AttrSpec] {
    const BRON: AttrSpec = ("bron", true, "de paragraaf van het handboek, met een letterlijk citaat");
    const ALLEEN_ALS: AttrSpec = ("alleen_als", false, "de regel geldt alleen als dit waar is");
    match kind {
        "regio" => &[
            ("naam", true, "de naam van het samenwerkingsverband"),
            ("handboek", true, "de titel van het handboek"),
            ("versie", true, "de versie van de regelset"),
            BRON,
            ("geldig_vanaf", true, "de eerste dag waarop deze versie geldt"),
        ],
        "parameter" | "definitie" => &[("waarde", true, "de waarde (bij een parameter eventueel `vanaf JJJJ-MM-DD`)"), BRON],
        "aanvraag" => &[BRON, ("workflow", false, "de workflow van deze aanvraag"), ("gebruikt", false, "groepen regels die deze aanvraag deelt")],
        "eis" => &[("tekst", true, "de eis in woorden"), ("voorwaarde", true, "wanneer aan de eis is voldaan"), ALLEEN_ALS, BRON],
        "deskundige" => &[
            ("rol", true, "eerste of tweede deskundige"),
            ("disciplines", true, "de disciplines die in aanmerking komen"),
            ("onafhankelijk", true, "of de deskundige onafhankelijk moet zijn"),
            ("organisatie", true, "namens welke organisatie"),
            ("vorm", true, "advies, addendum of uitgebreid advies"),
            ALLEEN_ALS,
            BRON,
        ],
        "bedrag" => &[
            ("regeling", true, "de naam van de regeling"),
            ("bedrag", true, "het bedrag"),
            ("ontvanger", true, "wie het bedrag ontvangt"),
            ("berekening", true, "de berekening in woorden"),
            ALLEEN_ALS,
            BRON,
        ],
        "termijn" => &[
            ("wat", true, "wat er voor de datum moet gebeuren"),
            ("uiterlijk", true, "de datum"),
            ("soort", false, "uiterlijk, vroegst of vanaf"),
            ("voldaan", false, "wanneer de termijn gehaald is"),
            ("indicatief", false, "of de termijn een richtlijn is"),
            ("grondslag", false, "waar de termijn op rust"),
            ALLEEN_ALS,
            BRON,
        ],
        "waarschuwing" => &[("tekst", true, "de waarschuwing"), ALLEEN_ALS, BRON],
        "uitkomst" => &[("waarde", true, "de waarde van de uitkomst"), ALLEEN_ALS, BRON],
        "workflow" => &[
            ("volgt", true, "het dossierveld met de huidige status"),
            ("uitkomst", false, "de uitkomst waarin de volgende statussen komen"),
            BRON,
        ],
        "status" => &[
            ("tekst", true, "de tekst van de status"),
            ("door", true, "wie deze stap zet"),
            ("omschrijving", false, "wat de statusomschrijving moet zeggen"),
            BRON,
        ],
        "overgang" => &[
            ("van", false, "de status waar de overgang begint (leeg: bij de start)"),
            ("naar", true, "de status waar de overgang heen gaat"),
            ("door", false, "wie de overgang maakt"),
            ("voorwaarde", false, "wanneer de overgang mogelijk is"),
            ("toelichting", false, "uitleg"),
            BRON,
        ],
        _ => &[],
    }
}

/// Keywords and special names of expressions.
pub const KEYWORDS: &[(&str, &str)] = &[
    ("en", "beide waar"),
    ("of", "minstens één waar"),
    ("niet", "het omgekeerde"),
    ("in", "komt voor in een lijst"),
    ("als", "als ... dan ... anders ..."),
    ("dan", "als ... dan ... anders ..."),
    ("anders", "als ... dan ... anders ..."),
    ("ja", "waar"),
    ("nee", "niet waar"),
    ("vanaf", "een parameterwaarde die vanaf een datum geldt"),
    ("peildatum", "de peildatum van het dossier"),
    ("in_aanmerking", "of de aanvraag in aanmerking komt (alleen in uitvoerregels en workflows)"),
];

/// Units of a duration, after a number.
pub const UNITS: &[&str] = &["dagen", "dag", "weken", "week", "maanden", "maand", "jaar"];

/// Month names, after a day number (`31 juli`).
pub const MONTHS: &[&str] =
    &["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
