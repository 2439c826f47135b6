//! The block kinds of the rule language, with their attributes.

use super::{AttrSpec, BlockKind, NameOf, ValueKind as V};

/// Block kinds at the top of a rule file, in the order help texts list them.
pub const TOP_LEVEL: &[&str] = &["regio", "parameter", "definitie", "regels", "aanvraag", "workflow"];
/// Rule kinds: inside an `aanvraag` or a `regels` group.
pub const RULE_KINDS: &[&str] = &["eis", "deskundige", "bedrag", "termijn", "waarschuwing", "uitkomst"];

const fn req(name: &'static str, value: V, doc: &'static str) -> AttrSpec {
    AttrSpec { name, required: true, value, doc }
}

const fn opt(name: &'static str, value: V, doc: &'static str) -> AttrSpec {
    AttrSpec { name, required: false, value, doc }
}

const BRON: AttrSpec = req("bron", V::TextLiteral, "de paragraaf van het handboek, met een letterlijk citaat");
const ALLEEN_ALS: AttrSpec = opt("alleen_als", V::Bool, "de regel geldt alleen als dit waar is");

const REGIO: &[AttrSpec] = &[
    req("naam", V::TextLiteral, "de naam van het samenwerkingsverband"), req("handboek", V::TextLiteral, "de titel van het handboek"),
    req("versie", V::TextLiteral, "de versie van de regelset"), BRON,
    req("geldig_vanaf", V::DateLiteral, "de eerste dag waarop deze versie geldt"),
];

const DESKUNDIGE: &[AttrSpec] = &[
    req("rol", V::Keuze("deskundige_rol"), "eerste of tweede deskundige"), req("disciplines", V::KeuzeList("discipline"), "de disciplines die in aanmerking komen"),
    req("onafhankelijk", V::Bool, "of de deskundige onafhankelijk moet zijn"), req("organisatie", V::Text, "namens welke organisatie"),
    req("vorm", V::Keuze("deskundige_vorm"), "advies, addendum of uitgebreid advies"), ALLEEN_ALS, BRON,
];

const BEDRAG: &[AttrSpec] = &[
    req("regeling", V::Text, "de naam van de regeling"), req("bedrag", V::Money, "het bedrag"),
    req("ontvanger", V::Text, "wie het bedrag ontvangt"), req("berekening", V::Text, "de berekening in woorden"),
    ALLEEN_ALS, BRON,
];

const TERMIJN: &[AttrSpec] = &[
    req("wat", V::Text, "wat er voor de datum moet gebeuren"), req("uiterlijk", V::Date, "de datum"),
    opt("soort", V::Keuze("termijnsoort"), "uiterlijk, vroegst of vanaf (zonder: uiterlijk)"), opt("voldaan", V::Bool, "wanneer de termijn gehaald is"),
    opt("indicatief", V::Bool, "of de termijn een richtlijn is (zonder: nee)"), opt("grondslag", V::Text, "waar de termijn op rust (zonder: de bron)"),
    ALLEEN_ALS, BRON,
];

const STATUS: &[AttrSpec] = &[
    req("tekst", V::TextLiteral, "de tekst van de status"), req("door", V::TextLiteral, "wie deze stap zet"),
    opt("omschrijving", V::Text, "wat de statusomschrijving moet zeggen"), BRON,
];

const OVERGANG: &[AttrSpec] = &[
    opt("van", V::Name(NameOf::Status), "de status waar de overgang begint (zonder: bij de start)"), req("naar", V::Name(NameOf::Status), "de status waar de overgang heen gaat"),
    opt("door", V::TextLiteral, "wie de overgang maakt"), opt("voorwaarde", V::Bool, "wanneer de overgang mogelijk is"),
    opt("toelichting", V::TextLiteral, "uitleg"), BRON,
];

/// Every block kind, top-level kinds first.
pub const BLOCKS: &[BlockKind] = &[
    BlockKind { name: "regio", doc: "de kop van een regelset: welke regio, welk handboek, welke versie, vanaf wanneer", attrs: REGIO, children: &[] },
    BlockKind {
        name: "parameter",
        doc: "een vaste waarde uit het handboek (bedrag, termijn, getal), eventueel met `vanaf`-datums",
        attrs: &[req("waarde", V::Constant, "de waarde; een latere waarde met `vanaf JJJJ-MM-DD` erachter"), BRON],
        children: &[],
    },
    BlockKind { name: "definitie", doc: "een waarde die per dossier wordt berekend", attrs: &[req("waarde", V::Any, "hoe de waarde berekend wordt"), BRON], children: &[] },
    BlockKind { name: "regels", doc: "een groep regels die aanvragen met `gebruikt` delen", attrs: &[], children: RULE_KINDS },
    BlockKind {
        name: "aanvraag",
        doc: "de regels voor één soort aanvraag",
        attrs: &[
            BRON,
            opt("workflow", V::Name(NameOf::Workflow), "de workflow van deze aanvraag"),
            opt("gebruikt", V::Names(NameOf::Groep), "groepen regels die deze aanvraag deelt"),
        ],
        children: RULE_KINDS,
    },
    BlockKind {
        name: "workflow",
        doc: "statussen en overgangen van een procedure",
        attrs: &[
            req("volgt", V::Field, "het dossierveld met de huidige status"),
            opt("uitkomst", V::Name(NameOf::Uitkomst), "de uitkomst waarin de volgende statussen komen"),
            BRON,
        ],
        children: &["status", "overgang"],
    },
    BlockKind {
        name: "eis",
        doc: "een voorwaarde waaraan de aanvraag moet voldoen",
        attrs: &[req("tekst", V::TextLiteral, "de eis in woorden"), req("voorwaarde", V::Bool, "wanneer aan de eis is voldaan"), ALLEEN_ALS, BRON],
        children: &[],
    },
    BlockKind { name: "deskundige", doc: "welke deskundige advies geeft", attrs: DESKUNDIGE, children: &[] },
    BlockKind { name: "bedrag", doc: "een bedrag dat wordt toegekend", attrs: BEDRAG, children: &[] },
    BlockKind { name: "termijn", doc: "een datum waarvoor (of waarna) iets moet gebeuren", attrs: TERMIJN, children: &[] },
    BlockKind {
        name: "waarschuwing",
        doc: "een waarschuwing voor de behandelaar",
        attrs: &[req("tekst", V::Text, "de waarschuwing"), ALLEEN_ALS, BRON],
        children: &[],
    },
    BlockKind {
        name: "uitkomst",
        doc: "een benoemde uitkomst in de beslissing",
        attrs: &[req("waarde", V::Any, "de waarde van de uitkomst (van het soort dat regions/vocabulaire.toml noemt)"), ALLEEN_ALS, BRON],
        children: &[],
    },
    BlockKind { name: "status", doc: "een status van de workflow", attrs: STATUS, children: &[] },
    BlockKind { name: "overgang", doc: "een overgang van de ene status naar de andere", attrs: OVERGANG, children: &[] },
];
