//! Tracing every rule of the requested kind for one dossier: what it did
//! (met, failed, open, not applicable, applied), the facts it read, and the
//! false parts of a failed condition. Conclusions are read from the decision
//! by rule id, so the explanation says what the decision says.

use super::facts::{facts, failing_parts, location, rule_exprs, rule_kind, transition_exprs, Refs};
use super::print::expr_text;
use super::questions::{question, Vraag};
use super::{RegelUitleg, Tekort, Text};
use crate::check::model::{Rule, RuleKind, TExpr, Workflow};
use crate::decision::Decision;
use crate::engine::Engine;
use crate::eval::Ctx;
use crate::value::{format_money, FieldSet, Value, V};
use std::sync::Arc;

/// Every rule of the request kind, traced.
pub struct Traced {
    pub eisen: Vec<RegelUitleg>,
    pub gevolgen: Vec<RegelUitleg>,
    /// The region has no rules for this kind of request.
    pub onbekende_soort: bool,
}

pub fn trace(ctx: &mut Ctx, d: &Decision) -> Traced {
    let program = ctx.program;
    let aanvraag = program.by_soort.get(ctx.dossier.soort_index).copied().flatten().and_then(|i| program.aanvragen.get(i));
    let Some(aanvraag) = aanvraag else {
        return Traced { eisen: Vec::new(), gevolgen: Vec::new(), onbekende_soort: true };
    };
    let mut eisen = Vec::new();
    let mut gevolgen = Vec::new();
    for rule in &aanvraag.rules {
        match &rule.kind {
            RuleKind::Eis { tekst, voorwaarde } => eisen.push(eis(ctx, rule, tekst, voorwaarde)),
            _ => gevolgen.push(output(ctx, rule, d)),
        }
    }
    if let Some(wi) = aanvraag.workflow {
        if let Some(wf) = program.workflows.get(wi) {
            gevolgen.extend(transitions(ctx, wi, wf, d));
        }
    }
    Traced { eisen, gevolgen, onbekende_soort: false }
}

fn base(ctx: &mut Ctx, rule: &Rule, uitkomst: &'static str, tekst: String) -> RegelUitleg {
    let refs = Refs::of(ctx.program, rule_exprs(rule));
    let name = rule.id.rsplit('.').next().unwrap_or(&rule.id);
    let mut feiten = facts(ctx, &refs);
    if decided(uitkomst) {
        // The rule reached its outcome without these: an unknown fact did not matter here.
        feiten.retain(|f| f.bekend);
    }
    RegelUitleg {
        regel: rule.id.clone(),
        soort: rule_kind(rule),
        uitkomst,
        tekst,
        bron: rule.bron.clone(),
        plaats: location(ctx.program, rule.span, name),
        feiten,
        waarom_niet: Vec::new(),
        onbekend: Vec::new(),
    }
}

/// Outcomes reached with the facts at hand (an unknown fact among its inputs did not decide it).
fn decided(uitkomst: &str) -> bool {
    matches!(uitkomst, "voldaan" | "niet_voldaan" | "toegepast" | "niet_van_toepassing")
}

fn unknowns(v: &V) -> FieldSet {
    match v {
        V::Unknown(f) => *f,
        V::Known(_) => FieldSet::default(),
    }
}

fn names(ctx: &Ctx, set: FieldSet) -> Vec<Text> {
    set.iter().filter_map(|i| ctx.program.field_names.get(i).cloned()).collect()
}

fn eval(ctx: &mut Ctx, e: &TExpr) -> V {
    ctx.eval(e).unwrap_or(V::Unknown(FieldSet::default()))
}

/// The false parts of `cond` (which evaluated to `nee`), each with its facts.
fn why_not<'p>(ctx: &mut Ctx<'p>, cond: &'p TExpr) -> Vec<Tekort> {
    let parts = failing_parts(ctx, cond);
    parts
        .into_iter()
        .map(|p| {
            let refs = Refs::of(ctx.program, [p]);
            Tekort { voorwaarde: expr_text(ctx.program, p), feiten: facts(ctx, &refs) }
        })
        .collect()
}

/// A requirement, classified as the evaluator does (Kleene conjunction).
fn eis<'p>(ctx: &mut Ctx<'p>, rule: &'p Rule, tekst: &Text, voorwaarde: &'p TExpr) -> RegelUitleg {
    let applies = match &rule.alleen_als {
        Some(c) => eval(ctx, c),
        None => V::Known(Value::Bool(true)),
    };
    if applies == V::Known(Value::Bool(false)) {
        let mut r = base(ctx, rule, "niet_van_toepassing", tekst.to_string());
        if let Some(c) = &rule.alleen_als {
            r.waarom_niet = why_not(ctx, c);
        }
        return r;
    }
    let holds = eval(ctx, voorwaarde);
    match (&applies, &holds) {
        (_, V::Known(Value::Bool(true))) => base(ctx, rule, "voldaan", tekst.to_string()),
        (V::Known(_), V::Known(_)) => {
            let mut r = base(ctx, rule, "niet_voldaan", tekst.to_string());
            r.waarom_niet = why_not(ctx, voorwaarde);
            r
        }
        (a, h) => {
            let missing = unknowns(a).union(unknowns(h));
            let mut r = base(ctx, rule, "onbekend", tekst.to_string());
            r.onbekend = names(ctx, missing);
            r
        }
    }
}

/// An output rule: what the decision holds for its id.
fn output<'p>(ctx: &mut Ctx<'p>, rule: &'p Rule, d: &Decision) -> RegelUitleg {
    let id = &rule.id;
    if d.redenen.iter().any(|r| r.regel == *id) {
        let tekst = conclusion_of(rule, d);
        return base(ctx, rule, "toegepast", tekst);
    }
    let describe = describe_rule(ctx, rule);
    if let Some(nb) = d.niet_bepaald.iter().find(|n| n.regel == *id) {
        let mut r = base(ctx, rule, "niet_bepaald", describe);
        r.onbekend = nb.onbekend.clone();
        return r;
    }
    if matches!(rule.kind, RuleKind::Bedrag { .. }) && d.in_aanmerking != Some(true) {
        return base(ctx, rule, "niet_berekend", describe);
    }
    let mut r = base(ctx, rule, "niet_van_toepassing", describe);
    if let Some(c) = &rule.alleen_als {
        if matches!(eval(ctx, c), V::Known(Value::Bool(false))) {
            r.waarom_niet = why_not(ctx, c);
        }
    }
    r
}

/// What a rule that did not fire would give, in words.
fn describe_rule(ctx: &Ctx, rule: &Rule) -> String {
    let p = ctx.program;
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

/// Status texts match after trimming, folding white space and one final '.' (as the evaluator does).
fn norm(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.strip_suffix('.').unwrap_or(&folded).to_lowercase()
}

/// The transitions out of the dossier's current status: offered or not.
fn transitions<'p>(ctx: &mut Ctx<'p>, wi: usize, wf: &'p Workflow, d: &Decision) -> Vec<RegelUitleg> {
    let current = match ctx.dossier.slots.get(wf.volgt).cloned().flatten() {
        None => None,
        Some(v) => {
            let shown = v.display();
            match wf.statuses.iter().position(|s| *s.id == *shown || norm(&s.tekst) == norm(&shown)) {
                Some(i) => Some(i),
                None => return Vec::new(),
            }
        }
    };
    let mut out = Vec::new();
    for t in wf.transitions.iter().filter(|t| t.van == current) {
        let regel: Text = Arc::from(format!("workflow.{}.{}", wf.name, t.id));
        let offered = d.volgende_statussen.iter().find(|s| s.regel == regel);
        let naar = wf.statuses.get(t.naar);
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
        let refs = Refs::of(ctx.program, transition_exprs(ctx.program, wi, t));
        // An unknown condition still offers the transition, so unknown facts stay.
        let feiten = facts(ctx, &refs);
        let mut r = RegelUitleg {
            regel,
            soort: "overgang",
            uitkomst: if offered.is_some() { "aangeboden" } else { "niet_aangeboden" },
            tekst,
            bron: t.bron.clone(),
            plaats: None,
            feiten,
            waarom_niet: Vec::new(),
            onbekend: Vec::new(),
        };
        if offered.is_none() {
            if let Some(c) = &t.voorwaarde {
                r.waarom_niet = why_not(ctx, c);
            }
        }
        out.push(r);
    }
    out
}

/// Whether a traced rule is shown at the default level.
pub fn deciding(r: &RegelUitleg, in_aanmerking: Option<bool>) -> bool {
    match r.uitkomst {
        "voldaan" => in_aanmerking == Some(true),
        "niet_voldaan" => true,
        "onbekend" => in_aanmerking.is_none(),
        "toegepast" | "niet_bepaald" | "aangeboden" => true,
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
        out.push(Vraag { vraag: question(&engine.vocab, &veld), veld, nodig_voor });
    }
    out
}

/// The decision's warnings that no waarschuwing rule gave.
pub fn engine_warnings(d: &Decision, t: &Traced) -> Vec<Text> {
    let from_rule = |regel: &Text| t.gevolgen.iter().any(|r| r.soort == "waarschuwing" && r.regel == *regel);
    d.waarschuwingen.iter().filter(|w| !from_rule(&w.regel)).map(|w| w.tekst.clone()).collect()
}
