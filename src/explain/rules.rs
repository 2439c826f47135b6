//! The evaluation trace (`eval::trace`) as an explanation: each step of the
//! trace becomes a `RegelUitleg` with its outcome, the facts it read, the
//! false parts of a failed condition and its error. The evaluator decided
//! every outcome; the texts of conclusions are read from the decision by
//! rule id, so the explanation says what the decision says.

use super::facts::{facts, rule_kind};
use super::print::expr_text;
use super::questions::{question, Vraag};
use super::{RegelUitleg, Tekort, Text};
use crate::check::model::{Rule, RuleKind};
use crate::compile::Program;
use crate::decision::Decision;
use crate::engine::Engine;
use crate::eval::trace::{Onderwerp, Stap, Trace, Uitkomst};
use crate::value::{format_money, FieldSet, Value};

/// Every rule of the request kind, explained.
pub struct Traced {
    pub eisen: Vec<RegelUitleg>,
    pub gevolgen: Vec<RegelUitleg>,
    /// The region has no rules for this kind of request.
    pub onbekende_soort: bool,
}

/// The trace's steps as explanations: the requirements, then what follows.
pub fn from_trace(t: &Trace, d: &Decision) -> Traced {
    let mut eisen = Vec::new();
    let mut gevolgen = Vec::new();
    for stap in &t.stappen {
        let r = explain_step(t.program, stap, d);
        match stap.onderwerp {
            Onderwerp::Regel { rule: Rule { kind: RuleKind::Eis { .. }, .. }, .. } => eisen.push(r),
            _ => gevolgen.push(r),
        }
    }
    Traced { eisen, gevolgen, onbekende_soort: t.onbekende_soort }
}

fn explain_step(program: &Program, stap: &Stap, d: &Decision) -> RegelUitleg {
    let u = stap.uitkomst;
    let mut feiten = facts(&stap.gelezen);
    let (soort, tekst) = match stap.onderwerp {
        Onderwerp::Regel { rule, .. } => {
            if u.beslist() {
                // The rule reached its outcome without these: an unknown fact did not matter here.
                feiten.retain(|f| f.bekend);
            }
            let tekst = match (&rule.kind, u) {
                (RuleKind::Eis { tekst, .. }, _) => tekst.to_string(),
                (_, Uitkomst::Toegepast) => conclusion_of(rule, d),
                _ => describe_rule(program, rule),
            };
            (rule_kind(rule), tekst)
        }
        // An unknown condition still offers the transition, so unknown facts stay.
        Onderwerp::Overgang { id, overgang } => {
            let offered = d.volgende_statussen.iter().find(|s| s.regel == overgang.regel);
            let naar = program.workflow(id.workflow).and_then(|w| w.status(overgang.naar));
            let tekst = match (offered, naar) {
                (Some(s), _) => {
                    let mut x = format!("Volgende status: {} (door {})", s.status, s.door);
                    if let Some(v) = &s.voorwaarde {
                        x.push_str(&format!("; {v}"));
                    }
                    x
                }
                (None, Some(n)) => format!("Volgende status: {}", n.tekst),
                (None, None) => String::new(),
            };
            ("overgang", tekst)
        }
    };
    let onbekend = match u {
        Uitkomst::Onbekend | Uitkomst::NietBepaald => names(program, stap.onbekend),
        _ => Vec::new(),
    };
    RegelUitleg {
        regel: stap.onderwerp.regel().clone(),
        soort,
        uitkomst: u.as_str(),
        tekst,
        bron: match stap.onderwerp {
            Onderwerp::Regel { rule, .. } => rule.bron.clone(),
            Onderwerp::Overgang { overgang, .. } => overgang.bron.clone(),
        },
        plaats: Some(stap.onderwerp.plaats().to_string()),
        feiten,
        waarom_niet: stap.waarom_niet.iter().map(|p| Tekort { voorwaarde: expr_text(program, p.voorwaarde), feiten: facts(&p.gelezen) }).collect(),
        onbekend,
        fout: stap.fout.clone(),
    }
}

fn names(program: &Program, set: FieldSet) -> Vec<Text> {
    set.iter().filter_map(|i| program.field_name(i).cloned()).collect()
}

/// What a rule that did not fire would give, in words.
fn describe_rule(p: &Program, rule: &Rule) -> String {
    match &rule.kind {
        RuleKind::Eis { tekst, .. } => tekst.to_string(),
        RuleKind::Deskundige { rol, .. } => format!("Deskundige ({})", plain(expr_text(p, rol))),
        RuleKind::Bedrag { regeling, .. } => format!("Bedrag: {}", plain(expr_text(p, regeling))),
        RuleKind::Termijn { wat, .. } => format!("Termijn: {}", plain(expr_text(p, wat))),
        RuleKind::Waarschuwing { tekst } => plain(expr_text(p, tekst)),
        RuleKind::Uitkomst { naam, .. } => format!("Uitkomst {naam}"),
    }
}

/// A literal text without its quotes.
fn plain(s: String) -> String {
    match s.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner.to_string(),
        _ => s,
    }
}

/// The conclusion of a rule that fired, from the decision's item with its id.
fn conclusion_of(rule: &Rule, d: &Decision) -> String {
    let id = &rule.id;
    let reden = || d.redenen.iter().find(|r| r.regel == *id).map(|r| r.tekst.to_string()).unwrap_or_default();
    match &rule.kind {
        RuleKind::Deskundige { .. } => match d.deskundigen.iter().find(|x| x.regel == *id) {
            Some(x) => {
                let wie = if x.disciplines.is_empty() { "discipline niet genoemd".to_string() } else { x.disciplines.join(" of ") };
                let mut s = format!("{} deskundige: {wie}", capitalize(&x.rol));
                if let Some(o) = x.onafhankelijk {
                    s.push_str(if o { "; onafhankelijk" } else { "; niet onafhankelijk" });
                }
                if let Some(o) = &x.organisatie {
                    s.push_str(&format!("; organisatie: {o}"));
                }
                if let Some(v) = &x.vorm {
                    s.push_str(&format!("; vorm: {v}"));
                }
                s
            }
            None => reden(),
        },
        RuleKind::Bedrag { .. } => match d.bedragen.iter().find(|x| x.regel == *id) {
            Some(x) => format!("{}: {} voor {} ({})", x.regeling, format_money(x.bedrag_cent), x.ontvanger, x.berekening),
            None => reden(),
        },
        RuleKind::Termijn { .. } => match d.termijnen.iter().find(|x| x.regel == *id) {
            Some(x) => {
                let wanneer = match &*x.soort {
                    "vroegst" => "op zijn vroegst",
                    "vanaf" => "vanaf",
                    _ => "uiterlijk",
                };
                let ongeveer = if x.indicatief { "ongeveer " } else { "" };
                let gehaald = match x.voldaan {
                    Some(true) => " (gehaald)",
                    Some(false) => " (niet gehaald)",
                    None => "",
                };
                format!("{}: {wanneer} {ongeveer}{}{gehaald}", x.wat, Value::Date(x.uiterlijk).display())
            }
            None => reden(),
        },
        RuleKind::Uitkomst { naam, .. } => match d.uitkomsten.get(naam) {
            Some(v) => format!("{naam}: {}", json_text(v)),
            None => reden(),
        },
        RuleKind::Waarschuwing { .. } | RuleKind::Eis { .. } => reden(),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A JSON value written out for a person.
pub fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Value::Date(d).display(),
            Err(_) => s.clone(),
        },
        serde_json::Value::Array(items) => items.iter().map(json_text).collect::<Vec<_>>().join(", "),
        serde_json::Value::Bool(true) => "ja".into(),
        serde_json::Value::Bool(false) => "nee".into(),
        serde_json::Value::Null => "onbekend".into(),
        other => other.to_string(),
    }
}

/// Whether a traced rule is shown at the default level.
pub fn deciding(r: &RegelUitleg, in_aanmerking: Option<bool>) -> bool {
    match r.uitkomst {
        "voldaan" => in_aanmerking == Some(true),
        "niet_voldaan" => true,
        "onbekend" => in_aanmerking.is_none(),
        "toegepast" | "niet_bepaald" | "aangeboden" | "fout" => true,
        _ => false,
    }
}

/// The answer in one sentence.
pub fn conclusion(d: &Decision, t: &Traced) -> String {
    if t.onbekende_soort {
        let waarom = d.ontbreekt.first().map(|o| o.eis.to_string()).unwrap_or_default();
        return format!("Nee, de aanvraag komt niet in aanmerking: {waarom}");
    }
    let count = |u: &str| t.eisen.iter().filter(|r| r.uitkomst == u).count();
    let eisen = |n: usize| if n == 1 { "1 eis".to_string() } else { format!("{n} eisen") };
    match d.in_aanmerking {
        Some(true) if count("voldaan") == 0 => "Ja, de aanvraag komt in aanmerking: er gelden geen eisen.".into(),
        Some(true) if count("voldaan") == 1 => "Ja, de aanvraag komt in aanmerking: aan de enige eis die geldt is voldaan.".into(),
        Some(true) => format!("Ja, de aanvraag komt in aanmerking: aan alle eisen die gelden ({}) is voldaan.", count("voldaan")),
        Some(false) => format!("Nee, de aanvraag komt niet in aanmerking: aan {} is niet voldaan.", eisen(count("niet_voldaan"))),
        None if count("onbekend") == 0 && count("fout") > 0 => format!(
            "Dat is nog niet te zeggen: bij {} ging het rekenen mis (zie de fout bij de eis).",
            eisen(count("fout"))
        ),
        None => format!(
            "Dat is nog niet te zeggen: voor {} ontbreken gegevens. Beantwoord eerst de vragen hieronder.",
            eisen(count("onbekend"))
        ),
    }
}

/// The questions: every field in `onbekend`, then the fields that left a conclusion open.
pub fn questions(engine: &Engine, d: &Decision, t: &Traced) -> Vec<Vraag> {
    let mut out: Vec<Vraag> = Vec::new();
    let all = t.eisen.iter().chain(&t.gevolgen);
    let fields = d.onbekend.iter().cloned().chain(d.niet_bepaald.iter().flat_map(|n| n.onbekend.iter().cloned()));
    for veld in fields {
        if out.iter().any(|v| v.veld == veld) {
            continue;
        }
        let nodig_voor = all.clone().filter(|r| r.onbekend.contains(&veld)).map(|r| r.regel.clone()).collect();
        out.push(Vraag { vraag: question(engine.vocab(), &veld), veld, nodig_voor });
    }
    out
}

/// The decision's warnings that no waarschuwing rule gave.
pub fn engine_warnings(d: &Decision, t: &Traced) -> Vec<Text> {
    let from_rule = |regel: &Text| t.gevolgen.iter().any(|r| r.soort == "waarschuwing" && r.regel == *regel);
    d.waarschuwingen.iter().filter(|w| !from_rule(&w.regel)).map(|w| w.tekst.clone()).collect()
}
