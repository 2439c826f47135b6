//! `explain --voor ouder|school`: a decision for the people it is about, in
//! plain Dutch. The answer first (Ja / Nee / Nog niet te zeggen, with the
//! amount, the deadlines with their dates, the next step and who takes it),
//! then why (the requirements that are met as one short list; those not met
//! with what would change them), then what is still needed (the questions
//! that finish the decision, and the smallest changes that give `ja`).
//! No rule ids, file names or field paths: fields are named by their
//! `label` in the vocabulary, questions by their `vraag`. The citations stay
//! available under "Bronnen".
//!
//! Everything comes from the evaluator: the trace for the requirements,
//! `vragen` and `wat_als` for what is still needed.

pub use super::publiek_html::{publiek_html, wat_als_html};
use super::kandidaten::{fields_of, is_eis};
use super::vragen::{vragen, OpenVraag};
use super::wat_als::{wat_is_nodig, Alternatief, Wijziging};
use crate::check::model::RuleKind;
use crate::decision::Decision;
use crate::dossier::{Dossier, DossierError};
use crate::engine::Engine;
use crate::eval::trace::{Onderwerp, Trace};
use crate::eval::Uitkomst;
use crate::value::{format_money, Value};
use crate::vocab::{FieldId, Vocabulary};
use chrono::NaiveDate;
use serde::Serialize;

/// Who reads the explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Voor {
    Ouder,
    School,
}

/// The explanation for a parent or school.
#[derive(Debug, Clone, Serialize)]
pub struct Publiek {
    pub voor: Voor,
    /// `Ja`, `Nee` or `Nog niet te zeggen`.
    pub antwoord: &'static str,
    /// What the request is, in words.
    pub aanvraag: String,
    pub peildatum: NaiveDate,
    /// Amounts in words: `€ 3.000,00: <regeling>, voor <ontvanger>`.
    pub bedragen: Vec<String>,
    /// Deadlines with their dates.
    pub termijnen: Vec<String>,
    /// Next steps, each with who takes it.
    pub volgende_stappen: Vec<String>,
    /// Deskundigen (for the school).
    pub deskundigen: Vec<String>,
    /// Requirements met (their `tekst`).
    pub voldaan: Vec<String>,
    /// Requirements not met, each with what would change it.
    pub niet_voldaan: Vec<Tekort>,
    /// Requirements that cannot be judged yet.
    pub nog_open: Vec<String>,
    /// The questions that finish the decision, in order.
    pub vragen: Vec<PubliekeVraag>,
    /// The smallest changes that give `ja`.
    pub wat_is_nodig: Vec<Alternatief>,
    /// The same, in words.
    pub wat_is_nodig_tekst: Vec<String>,
    pub let_op: Vec<String>,
    /// Each requirement and conclusion with its handbook citation.
    pub bronnen: Vec<BronRegel>,
    /// The rule set, in words: `<naam> (versie <versie>)`.
    pub regels: String,
}

/// A requirement not met.
#[derive(Debug, Clone, Serialize)]
pub struct Tekort {
    pub eis: String,
    /// Changes that would meet it (in words), from the verified alternatives.
    pub wat_helpt: Vec<String>,
}

/// A question with its answers in words.
#[derive(Debug, Clone, Serialize)]
pub struct PubliekeVraag {
    #[serde(flatten)]
    pub vraag: OpenVraag,
    /// The answers in words, in the order of `antwoorden`.
    pub antwoord_teksten: Vec<String>,
    /// For a follow-up: the earlier question and answer, in words.
    pub alleen_als: Option<String>,
}

/// A text with its handbook citation.
#[derive(Debug, Clone, Serialize)]
pub struct BronRegel {
    pub tekst: String,
    pub bron: String,
}

/// Decides `dossier` and explains it for `voor`.
pub fn publiek(engine: &Engine, dossier: &Dossier, voor: Voor) -> Result<(Decision, Publiek), DossierError> {
    let (decision, trace) = engine.evaluate_traced(dossier, None)?;
    let vocab = engine.vocab();
    let alternatieven = wat_is_nodig(engine, dossier)?;
    let eisen = Eisen::from_trace(engine, &trace, &alternatieven, &decision);
    let vragen = vragen(engine, dossier)?.into_iter().map(|v| publieke_vraag(engine, v)).collect();
    let wat_is_nodig_tekst =
        alternatieven.iter().map(|a| a.wijzigingen.iter().map(|w| in_woorden(engine, w)).collect::<Vec<_>>().join(", en ")).collect();
    let h = trace.program.header();
    let publiek = Publiek {
        voor,
        antwoord: match decision.in_aanmerking {
            Some(true) => "Ja",
            Some(false) => "Nee",
            None => "Nog niet te zeggen",
        },
        aanvraag: vocab.waarde_label(&decision.aanvraag),
        peildatum: decision.peildatum,
        bedragen: decision.bedragen.iter().map(|b| format!("{}: {}, voor {}", format_money(b.bedrag_cent), b.regeling, vocab.waarde_label(&b.ontvanger))).collect(),
        termijnen: decision.termijnen.iter().map(termijn).collect(),
        volgende_stappen: volgende_stappen(vocab, &decision),
        deskundigen: match voor {
            Voor::School => deskundigen(vocab, &decision),
            Voor::Ouder => Vec::new(),
        },
        voldaan: eisen.voldaan,
        niet_voldaan: eisen.niet_voldaan,
        nog_open: eisen.nog_open,
        vragen,
        wat_is_nodig: alternatieven,
        wat_is_nodig_tekst,
        let_op: decision.waarschuwingen.iter().map(|w| w.tekst.to_string()).collect(),
        bronnen: eisen.bronnen,
        regels: format!("{} (versie {})", h.naam, h.versie),
    };
    Ok((decision, publiek))
}

/// The requirements of a decision sorted by outcome, with their citations.
struct Eisen {
    voldaan: Vec<String>,
    niet_voldaan: Vec<Tekort>,
    nog_open: Vec<String>,
    bronnen: Vec<BronRegel>,
}

impl Eisen {
    fn from_trace(engine: &Engine, trace: &Trace, alternatieven: &[Alternatief], decision: &Decision) -> Eisen {
        let mut eisen = Eisen { voldaan: Vec::new(), niet_voldaan: Vec::new(), nog_open: Vec::new(), bronnen: Vec::new() };
        for stap in trace.stappen.iter().filter(|s| is_eis(s)) {
            let Onderwerp::Regel { rule, .. } = stap.onderwerp else { continue };
            let RuleKind::Eis { tekst, .. } = &rule.kind else { continue };
            let tekst = tekst.to_string();
            match stap.uitkomst {
                Uitkomst::Voldaan => eisen.voldaan.push(tekst.clone()),
                Uitkomst::NietVoldaan => {
                    let wat_helpt = wat_helpt(engine, &fields_of(trace.program, stap), alternatieven);
                    eisen.niet_voldaan.push(Tekort { eis: tekst.clone(), wat_helpt });
                }
                Uitkomst::Onbekend | Uitkomst::Fout => eisen.nog_open.push(tekst.clone()),
                _ => continue,
            }
            eisen.bronnen.push(BronRegel { tekst, bron: rule.bron.to_string() });
        }
        // A request kind the region has no rules for: the reason is in `ontbreekt`.
        if eisen.niet_voldaan.is_empty() && decision.in_aanmerking == Some(false) {
            for o in &decision.ontbreekt {
                eisen.niet_voldaan.push(Tekort { eis: o.eis.to_string(), wat_helpt: Vec::new() });
                eisen.bronnen.push(BronRegel { tekst: o.eis.to_string(), bron: o.bron.to_string() });
            }
        }
        for r in &decision.redenen {
            if !eisen.bronnen.iter().any(|b| *b.tekst == *r.tekst) {
                eisen.bronnen.push(BronRegel { tekst: r.tekst.to_string(), bron: r.bron.to_string() });
            }
        }
        eisen
    }
}

/// The verified alternatives in words, each limited to the changes of the requirement's own fields.
fn wat_helpt(engine: &Engine, fields: &[FieldId], alternatieven: &[Alternatief]) -> Vec<String> {
    let mut wat_helpt: Vec<String> = Vec::new();
    for alt in alternatieven {
        let relevant: Vec<&Wijziging> = alt.wijzigingen.iter().filter(|w| fields.contains(&w.slot)).collect();
        let words = relevant.iter().map(|w| in_woorden(engine, w)).collect::<Vec<_>>().join(" en ");
        if !words.is_empty() && !wat_helpt.contains(&words) {
            wat_helpt.push(words);
        }
    }
    wat_helpt
}

/// The next steps, each with who takes it. When the rules offer more than one
/// (the dossier does not say which applies), each says when it is the one.
fn volgende_stappen(vocab: &Vocabulary, decision: &Decision) -> Vec<String> {
    let keuze = decision.volgende_statussen.len() > 1;
    decision
        .volgende_statussen
        .iter()
        .map(|s| {
            let wat = s.omschrijving.as_ref().map_or_else(|| capitalize(&vocab.waarde_label(&s.stap)), |o| o.to_string());
            match s.voorwaarde.as_deref().filter(|_| keuze) {
                Some(wanneer) => format!("{wat} (door: {}): {wanneer}", s.door),
                None => format!("{wat} (door: {})", s.door),
            }
        })
        .collect()
}

fn deskundigen(vocab: &Vocabulary, decision: &Decision) -> Vec<String> {
    decision
        .deskundigen
        .iter()
        .map(|d| {
            let wie = if d.disciplines.is_empty() { d.organisatie.as_ref().map_or_else(|| "vak niet genoemd".to_string(), |o| format!("van {o}")) } else { d.disciplines.iter().map(|x| vocab.waarde_label(x)).collect::<Vec<_>>().join(" of ") };
            format!("{} deskundige: {wie}", d.rol)
        })
        .collect()
}

fn termijn(t: &crate::decision::Termijn) -> String {
    let wanneer = match &*t.soort {
        "vroegst" => "op zijn vroegst",
        "vanaf" => "vanaf",
        _ => "uiterlijk",
    };
    let mut s = format!("{}: {wanneer} {}", t.wat, Value::Date(t.uiterlijk).display());
    match t.voldaan {
        Some(true) => s.push_str(" (gehaald)"),
        Some(false) => s.push_str(" (niet gehaald)"),
        None => {}
    }
    if t.indicatief {
        s.push_str(" (een richtdatum)");
    }
    s
}

/// A change in words: `de school betaalt zelf mee: ja`.
pub fn in_woorden(engine: &Engine, w: &Wijziging) -> String {
    let vocab = engine.vocab();
    let label = vocab.veld_uitleg(w.slot).map_or_else(|| "een gegeven".to_string(), |u| u.label.to_string());
    format!("{label}: {}", waarde_in_woorden(engine, &w.nieuw))
}

fn waarde_in_woorden(engine: &Engine, v: &Value) -> String {
    match v {
        Value::Text(t) => engine.vocab().waarde_label(t),
        other => other.display(),
    }
}

fn json_in_woorden(engine: &Engine, v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Bool(true) => "ja".into(),
        serde_json::Value::Bool(false) => "nee".into(),
        serde_json::Value::String(s) => engine.vocab().waarde_label(s),
        other => other.to_string(),
    }
}

fn publieke_vraag(engine: &Engine, v: OpenVraag) -> PubliekeVraag {
    let antwoord_teksten = v.antwoorden.iter().map(|a| json_in_woorden(engine, a)).collect();
    let alleen_als = v.na.as_ref().map(|na| {
        let vraag = engine.vocab().by_path.get(&*na.veld).and_then(|id| engine.vocab().veld_uitleg(*id)).map_or_else(|| "de vorige vraag".to_string(), |u| u.label.to_string());
        format!("alleen als {vraag}: {}", json_in_woorden(engine, &na.waarde))
    });
    PubliekeVraag { vraag: v, antwoord_teksten, alleen_als }
}

/// The first sentence: the answer and what the request is.
pub fn zin(p: &Publiek) -> String {
    let wat = match p.antwoord {
        "Ja" => "komt in aanmerking.",
        "Nee" => "komt niet in aanmerking.",
        _ => "er ontbreken nog gegevens om te beslissen.",
    };
    let aanvraag = capitalize(&p.aanvraag);
    format!("{}: {aanvraag} – {wat}", p.antwoord)
}

/// `1 vraag`, `3 vragen`.
pub(super) fn aantal_vragen(n: usize) -> String {
    if n == 1 {
        "1 vraag".to_string()
    } else {
        format!("{n} vragen")
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The explanation as plain text.
pub fn publiek_text(p: &Publiek) -> String {
    let mut s = String::new();
    let zin = zin(p);
    s.push_str(&zin);
    s.push('\n');
    for b in &p.bedragen {
        s.push_str(&format!("Bedrag: {b}\n"));
    }
    if !p.vragen.is_empty() {
        s.push_str(&format!("Beantwoord nog {} (zie Wat nog nodig is).\n", aantal_vragen(p.vragen.len())));
    }
    answer_and_why(p, &mut TextOpmaak(&mut s));
    if !p.vragen.is_empty() {
        s.push_str("Beantwoord deze vragen (de eerste zegt het meest):\n");
        for (i, v) in p.vragen.iter().enumerate() {
            s.push_str(&format!("{}. {}", i + 1, v.vraag.vraag));
            if !v.antwoord_teksten.is_empty() {
                s.push_str(&format!(" ({})", v.antwoord_teksten.join(" / ")));
            }
            if let Some(a) = &v.alleen_als {
                s.push_str(&format!(" – {a}"));
            }
            s.push('\n');
        }
    }
    if !p.wat_is_nodig_tekst.is_empty() {
        s.push_str("Zo wordt het antwoord Ja (elk van deze mogelijkheden is nagerekend):\n");
        for (i, w) in p.wat_is_nodig_tekst.iter().enumerate() {
            s.push_str(&format!("{}. {w}\n", i + 1));
        }
    }
    if !p.let_op.is_empty() {
        s.push('\n');
        list(&mut s, "Let op", &p.let_op);
    }
    s.push_str("\nBronnen\n");
    for b in &p.bronnen {
        s.push_str(&format!("- {}\n  {}\n", b.tekst, b.bron));
    }
    s.push_str(&format!("Beoordeeld op {} met de regels {}.\n", Value::Date(p.peildatum).display(), p.regels));
    s
}

/// How a rendering writes the parts the text and HTML pages share.
pub(super) trait Opmaak {
    /// A section heading.
    fn heading(&mut self, title: &str);
    /// A titled list (nothing when `items` is empty).
    fn list(&mut self, title: &str, items: &[String]);
    /// The requirements not met, each with what would change it (not empty).
    fn niet_voldaan(&mut self, tekorten: &[Tekort]);
}

/// The part both renderings share, in their order: the lists under the answer, "Waarom",
/// and the heading of "Wat nog nodig is" when something is.
pub(super) fn answer_and_why(p: &Publiek, out: &mut impl Opmaak) {
    for (title, items) in answer_lists(p) {
        out.list(title, items);
    }
    out.heading("Waarom");
    if !p.niet_voldaan.is_empty() {
        out.niet_voldaan(&p.niet_voldaan);
    }
    for (title, items) in why_lists(p) {
        out.list(title, items);
    }
    if !p.vragen.is_empty() || !p.wat_is_nodig_tekst.is_empty() {
        out.heading("Wat nog nodig is");
    }
}

struct TextOpmaak<'a>(&'a mut String);

impl Opmaak for TextOpmaak<'_> {
    fn heading(&mut self, title: &str) {
        self.0.push_str(&format!("\n{title}\n"));
    }

    fn list(&mut self, title: &str, items: &[String]) {
        list(self.0, title, items);
    }

    fn niet_voldaan(&mut self, tekorten: &[Tekort]) {
        self.0.push_str("Dit is niet in orde:\n");
        for t in tekorten {
            self.0.push_str(&format!("- {}\n", t.eis));
            for h in &t.wat_helpt {
                self.0.push_str(&format!("  Dit verandert het: {h}\n"));
            }
        }
    }
}

/// The lists under the answer, with their titles, in the order both renderings show them.
fn answer_lists(p: &Publiek) -> [(&'static str, &[String]); 3] {
    [("Termijnen", &p.termijnen), ("Volgende stap", &p.volgende_stappen), ("Deskundigen", &p.deskundigen)]
}

/// The lists under "Waarom" after the requirements not met, with their titles.
fn why_lists(p: &Publiek) -> [(&'static str, &[String]); 2] {
    [("Dit kan nog niet beoordeeld worden", &p.nog_open), ("Dit is in orde", &p.voldaan)]
}

fn list(s: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    s.push_str(&format!("{title}:\n"));
    for i in items {
        s.push_str(&format!("- {i}\n"));
    }
}
