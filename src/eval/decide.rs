//! Assembling the decision: requirements decide `in_aanmerking`; the other
//! rules of the request kind fill deskundigen, bedragen, termijnen,
//! waarschuwingen and uitkomsten; the workflow gives the next statuses.

use super::trace::{Onderwerp, Stap, Trace, Uitkomst};
use super::{Ctx, EvalError};
use crate::check::model::{Aanvraag, Rule, RuleKind, TExpr, Transition, Workflow};
use crate::compile::Program;
use crate::decision::*;
use crate::dossier::Dossier;
use crate::value::{FieldSet, Value, V};
use std::sync::Arc;

/// The rule id of the reason given when a region has no rules for a request kind.
pub const ONBEKENDE_SOORT: &str = "aanvraag.onbekende_soort";

/// Engine version in every receipt.
pub const ENGINE: &str = concat!("passend ", env!("CARGO_PKG_VERSION"));

/// Decides one dossier under one program. An error in a rule (an amount out
/// of range) is that rule's entry in `fouten`; the rest of the decision stands.
pub fn decide(program: &Program, dossier: &Dossier) -> Decision {
    let mut run = Run { ctx: Ctx::new(program, dossier), d: empty(program, dossier), stappen: None };
    run.all();
    run.d
}

/// Decides one dossier and gives the trace of every rule with it.
pub fn decide_traced<'p>(program: &'p Program, dossier: &'p Dossier) -> (Decision, Trace<'p>) {
    let mut run = Run { ctx: Ctx::new(program, dossier), d: empty(program, dossier), stappen: Some(Vec::new()) };
    let onbekende_soort = !run.all();
    let mut stappen = run.stappen.take().unwrap_or_default();
    run.ctx.complete(&mut stappen);
    (run.d, Trace { program, stappen, onbekende_soort })
}

fn empty(program: &Program, dossier: &Dossier) -> Decision {
    let h = &program.header;
    Decision {
        regio: h.regio.clone(),
        regelset: Regelset {
            naam: h.naam.clone(),
            versie: h.versie.clone(),
            bron: h.bron.clone(),
            regio: h.regio.clone(),
            handboek: h.handboek.clone(),
            geldig_vanaf: h.geldig_vanaf,
            hash: program.hash.clone(),
            engine: ENGINE,
            bron_regels: Arc::from(crate::engine::BUILT_IN),
            json: program.regelset_json.clone(),
        },
        peildatum: dossier.peildatum,
        aanvraag: dossier.soort.clone(),
        in_aanmerking: None,
        redenen: Vec::new(),
        ontbreekt: Vec::new(),
        onbekend: Vec::new(),
        deskundigen: Vec::new(),
        bedragen: Vec::new(),
        volgende_statussen: Vec::new(),
        termijnen: Vec::new(),
        waarschuwingen: Vec::new(),
        uitkomsten: Uitkomsten::default(),
        niet_bepaald: Vec::new(),
        fouten: Vec::new(),
    }
}

/// One evaluation: the context, the decision being filled and, when a
/// trace is asked for, its steps.
struct Run<'p> {
    ctx: Ctx<'p>,
    d: Decision,
    stappen: Option<Vec<Stap<'p>>>,
}

/// What the evaluator concluded about one rule, for the trace.
struct Outcome<'p> {
    uitkomst: Uitkomst,
    onbekend: FieldSet,
    /// The condition that came out false.
    onwaar: Option<&'p TExpr>,
}

impl<'p> Outcome<'p> {
    fn new(uitkomst: Uitkomst) -> Self {
        Outcome { uitkomst, onbekend: FieldSet::default(), onwaar: None }
    }
    fn open(uitkomst: Uitkomst, onbekend: FieldSet) -> Self {
        Outcome { uitkomst, onbekend, onwaar: None }
    }
    fn false_by(uitkomst: Uitkomst, cond: &'p TExpr) -> Self {
        Outcome { uitkomst, onbekend: FieldSet::default(), onwaar: Some(cond) }
    }
}

impl<'p> Run<'p> {
    /// Every rule of the request kind; `false` when the region has none for it.
    fn all(&mut self) -> bool {
        let program = self.ctx.program;
        let dossier = self.ctx.dossier;
        let aanvraag = dossier.soort_index.and_then(|i| program.by_soort.get(i).copied().flatten()).and_then(|i| program.aanvragen.get(i));
        let Some(aanvraag) = aanvraag else {
            unknown_kind(program, dossier, &mut self.d);
            return false;
        };
        self.eligibility(aanvraag);
        for rule in &aanvraag.rules {
            if matches!(rule.kind, RuleKind::Eis { .. }) {
                continue;
            }
            let result = output(&mut self.ctx, rule, &mut self.d);
            self.settle(Onderwerp::Regel(rule), result);
        }
        if let Some(wi) = aanvraag.workflow {
            if let Some(wf) = program.workflows.get(wi) {
                self.workflow(wi, wf);
            }
        }
        engine_warnings(program, dossier, &mut self.d);
        true
    }

    /// Records a rule's outcome in the trace (if asked for), or its error in the decision.
    fn settle(&mut self, onderwerp: Onderwerp<'p>, result: Result<Outcome<'p>, EvalError>) {
        let outcome = match result {
            Ok(o) => o,
            Err(e) => {
                let bericht: Arc<str> = Arc::from(e.to_string());
                self.d.fouten.push(RegelFout {
                    regel: onderwerp.regel().clone(),
                    plaats: onderwerp.plaats().clone(),
                    code: e.code(),
                    bericht: bericht.clone(),
                });
                if let Some(stappen) = &mut self.stappen {
                    stappen.push(stap(onderwerp, Outcome::new(Uitkomst::Fout), Some(bericht)));
                }
                return;
            }
        };
        if let Some(stappen) = &mut self.stappen {
            stappen.push(stap(onderwerp, outcome, None));
        }
    }

    /// Kleene conjunction of the applicable requirements; a requirement in
    /// error leaves the conjunction open, like an unknown fact.
    fn eligibility(&mut self, aanvraag: &'p Aanvraag) {
        let mut any_false = false;
        let mut failed = false;
        let mut missing = FieldSet::default();
        for rule in &aanvraag.rules {
            let RuleKind::Eis { tekst, voorwaarde } = &rule.kind else { continue };
            let result = requirement(&mut self.ctx, rule, tekst, voorwaarde, &mut self.d);
            match &result {
                Ok(o) if o.uitkomst == Uitkomst::NietVoldaan => any_false = true,
                Ok(o) => missing = missing.union(o.onbekend),
                Err(_) => failed = true,
            }
            self.settle(Onderwerp::Regel(rule), result);
        }
        self.d.in_aanmerking = if any_false {
            Some(false)
        } else if missing.is_empty() && !failed {
            Some(true)
        } else {
            self.d.onbekend = names(self.ctx.program, missing);
            None
        };
        self.ctx.in_aanmerking = Some(match self.d.in_aanmerking {
            Some(b) => V::Known(Value::Bool(b)),
            None => V::Unknown(missing),
        });
    }
}

fn stap<'p>(onderwerp: Onderwerp<'p>, o: Outcome<'p>, fout: Option<Arc<str>>) -> Stap<'p> {
    Stap { onderwerp, uitkomst: o.uitkomst, onbekend: o.onbekend, fout, gelezen: Vec::new(), waarom_niet: Vec::new(), onwaar: o.onwaar }
}

fn names(program: &Program, set: FieldSet) -> Vec<Arc<str>> {
    set.iter().filter_map(|i| program.field_names.get(i).cloned()).collect()
}

fn unknown_kind(program: &Program, dossier: &Dossier, d: &mut Decision) {
    let h = &program.header;
    let tekst: Arc<str> = Arc::from(format!(
        "{} kent geen aanvraag van de soort '{}' ({}).",
        h.naam, dossier.soort, h.handboek
    ));
    d.in_aanmerking = Some(false);
    d.redenen.push(Reden { regel: Arc::from(ONBEKENDE_SOORT), tekst: tekst.clone(), bron: h.bron.clone(), json: program.regelset_json.clone() });
    d.ontbreekt.push(Ontbreekt { eis: tekst, bron: h.bron.clone(), regel: Arc::from(ONBEKENDE_SOORT), json: program.regelset_json.clone() });
    engine_warnings(program, dossier, d);
}

/// One requirement: met, not met, open or not applicable.
fn requirement<'p>(ctx: &mut Ctx<'p>, rule: &'p Rule, tekst: &Arc<str>, voorwaarde: &'p TExpr, d: &mut Decision) -> Result<Outcome<'p>, EvalError> {
    let applies = match &rule.alleen_als {
        Some(c) => ctx.eval(c)?,
        None => V::Known(Value::Bool(true)),
    };
    if applies == V::Known(Value::Bool(false)) {
        return Ok(match &rule.alleen_als {
            Some(c) => Outcome::false_by(Uitkomst::NietVanToepassing, c),
            None => Outcome::new(Uitkomst::NietVanToepassing),
        });
    }
    let holds = ctx.eval(voorwaarde)?;
    Ok(match (&applies, &holds) {
        (_, V::Known(Value::Bool(true))) => {
            d.redenen.push(Reden { regel: rule.id.clone(), tekst: tekst.clone(), bron: rule.bron.clone(), json: rule.json.clone() });
            Outcome::new(Uitkomst::Voldaan)
        }
        (V::Known(_), V::Known(_)) => {
            d.ontbreekt.push(Ontbreekt { eis: tekst.clone(), bron: rule.bron.clone(), regel: rule.id.clone(), json: rule.json.clone() });
            Outcome::false_by(Uitkomst::NietVoldaan, voorwaarde)
        }
        (a, h) => Outcome::open(Uitkomst::Onbekend, unknowns(a).union(unknowns(h))),
    })
}

fn unknowns(v: &V) -> FieldSet {
    match v {
        V::Unknown(f) => *f,
        V::Known(_) => FieldSet::default(),
    }
}

/// Evaluates an attribute; an unknown adds its fields to `missing`.
fn value(ctx: &mut Ctx, e: &TExpr, missing: &mut FieldSet) -> Result<Option<Value>, EvalError> {
    Ok(match ctx.eval(e)? {
        V::Known(v) => Some(v),
        V::Unknown(f) => {
            *missing = missing.union(f);
            None
        }
    })
}

fn text(v: Option<Value>) -> Option<Arc<str>> {
    match v? {
        Value::Text(t) => Some(t),
        other => Some(Arc::from(other.display())),
    }
}

/// An output rule: its conclusion goes into the decision; the outcome is for the trace.
fn output<'p>(ctx: &mut Ctx<'p>, rule: &'p Rule, d: &mut Decision) -> Result<Outcome<'p>, EvalError> {
    if matches!(rule.kind, RuleKind::Bedrag { .. }) && d.in_aanmerking != Some(true) {
        return Ok(Outcome::new(Uitkomst::NietBerekend));
    }
    let mut missing = FieldSet::default();
    if let Some(c) = &rule.alleen_als {
        match value(ctx, c, &mut missing)? {
            Some(Value::Bool(true)) => {}
            Some(_) => return Ok(Outcome::false_by(Uitkomst::NietVanToepassing, c)),
            None => {
                d.niet_bepaald.push(NietBepaald { regel: rule.id.clone(), onbekend: names(ctx.program, missing), json: rule.json.clone() });
                return Ok(Outcome::open(Uitkomst::NietBepaald, missing));
            }
        }
    }
    let fired = match &rule.kind {
        RuleKind::Eis { .. } => None,
        RuleKind::Deskundige { .. } => deskundige(ctx, rule, d, &mut missing)?,
        RuleKind::Bedrag { .. } => bedrag(ctx, rule, d, &mut missing)?,
        RuleKind::Termijn { .. } => termijn(ctx, rule, d, &mut missing)?,
        RuleKind::Waarschuwing { tekst } => match text(value(ctx, tekst, &mut missing)?) {
            Some(t) => {
                d.waarschuwingen.push(Waarschuwing { tekst: t.clone(), regel: rule.id.clone(), bron: rule.bron.clone(), json: rule.json.clone() });
                Some(t)
            }
            None => None,
        },
        RuleKind::Uitkomst { naam, waarde } => match value(ctx, waarde, &mut missing)? {
            Some(v) => {
                let tekst = Arc::from(format!("{naam}: {}", v.display()));
                d.uitkomsten.0.push((naam.clone(), v.to_json()));
                Some(tekst)
            }
            None => None,
        },
    };
    let uitkomst = match &fired {
        Some(_) => Uitkomst::Toegepast,
        None if missing.is_empty() => Uitkomst::NietVanToepassing,
        None => Uitkomst::NietBepaald,
    };
    if let Some(tekst) = fired {
        d.redenen.push(Reden { regel: rule.id.clone(), tekst, bron: rule.bron.clone(), json: rule.json.clone() });
    }
    if !missing.is_empty() {
        d.niet_bepaald.push(NietBepaald { regel: rule.id.clone(), onbekend: names(ctx.program, missing), json: rule.json.clone() });
    }
    Ok(Outcome::open(uitkomst, missing))
}

fn deskundige(ctx: &mut Ctx, rule: &Rule, d: &mut Decision, missing: &mut FieldSet) -> Result<Option<Arc<str>>, EvalError> {
    let RuleKind::Deskundige { rol, disciplines, onafhankelijk, organisatie, vorm } = &rule.kind else { return Ok(None) };
    let rol = text(value(ctx, rol, missing)?);
    let disciplines = value(ctx, disciplines, missing)?;
    let onafhankelijk = match value(ctx, onafhankelijk, missing)? {
        Some(Value::Bool(b)) => Some(b),
        _ => None,
    };
    let organisatie = text(value(ctx, organisatie, missing)?);
    let vorm = text(value(ctx, vorm, missing)?);
    let (Some(rol), Some(Value::List(list))) = (rol, disciplines) else { return Ok(None) };
    let disciplines: Vec<Arc<str>> = list.iter().filter_map(|v| text(Some(v.clone()))).collect();
    let wie = if disciplines.is_empty() { organisatie.as_deref().unwrap_or("").to_string() } else { disciplines.join(", ") };
    let tekst = Arc::from(format!("Deskundige ({rol}): {wie}"));
    d.deskundigen.push(Deskundige { rol, disciplines, onafhankelijk, organisatie, vorm, regel: rule.id.clone(), bron: rule.bron.clone(), json: rule.json.clone() });
    Ok(Some(tekst))
}

fn bedrag(ctx: &mut Ctx, rule: &Rule, d: &mut Decision, missing: &mut FieldSet) -> Result<Option<Arc<str>>, EvalError> {
    let RuleKind::Bedrag { regeling, bedrag, ontvanger, berekening } = &rule.kind else { return Ok(None) };
    let bedrag = value(ctx, bedrag, missing)?;
    let regeling = text(value(ctx, regeling, missing)?);
    let ontvanger = text(value(ctx, ontvanger, missing)?);
    let berekening = text(value(ctx, berekening, missing)?);
    let (Some(Value::Money(c)), Some(regeling), Some(ontvanger), Some(berekening)) = (bedrag, regeling, ontvanger, berekening) else {
        return Ok(None);
    };
    let tekst = Arc::from(format!("{regeling}: {} ({berekening})", crate::value::format_money(c)));
    d.bedragen.push(Bedrag { regeling, bedrag_cent: c, ontvanger, berekening, regel: rule.id.clone(), bron: rule.bron.clone(), json: rule.json.clone() });
    Ok(Some(tekst))
}

fn termijn(ctx: &mut Ctx, rule: &Rule, d: &mut Decision, missing: &mut FieldSet) -> Result<Option<Arc<str>>, EvalError> {
    let RuleKind::Termijn { wat, uiterlijk, grondslag, soort, voldaan, indicatief } = &rule.kind else { return Ok(None) };
    let uiterlijk = value(ctx, uiterlijk, missing)?;
    let wat = text(value(ctx, wat, missing)?);
    let grondslag = text(value(ctx, grondslag, missing)?);
    let soort = text(value(ctx, soort, missing)?).unwrap_or_else(|| Arc::from("uiterlijk"));
    // Whether the termijn was met is optional information: unknown is `null`, not a gap.
    let voldaan = match voldaan {
        Some(e) => match ctx.eval(e)? {
            V::Known(Value::Bool(b)) => Some(b),
            _ => None,
        },
        None => None,
    };
    let indicatief = matches!(value(ctx, indicatief, missing)?, Some(Value::Bool(true)));
    let (Some(Value::Date(u)), Some(wat), Some(grondslag)) = (uiterlijk, wat, grondslag) else { return Ok(None) };
    let tekst = Arc::from(format!("{wat}: {soort} {}", Value::Date(u).display()));
    d.termijnen.push(Termijn { wat, uiterlijk: u, grondslag, soort, voldaan, indicatief, regel: rule.id.clone(), json: rule.json.clone() });
    Ok(Some(tekst))
}

/// Status texts match after trimming, folding white space and one final '.'.
fn norm(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.strip_suffix('.').unwrap_or(&folded).to_lowercase()
}

impl<'p> Run<'p> {
    /// The transitions out of the current status: each offered or not, or in error.
    fn workflow(&mut self, wi: usize, wf: &'p Workflow) {
        let current = match self.ctx.dossier.slots.get(wf.volgt).cloned().flatten() {
            None => None,
            Some(v) => {
                let shown = v.display();
                let n = norm(&shown);
                match wf.statuses.iter().position(|s| *s.id == *shown || norm(&s.tekst) == n) {
                    Some(i) => Some(i),
                    None => {
                        self.d.waarschuwingen.push(Waarschuwing {
                            tekst: Arc::from(format!("De status '{shown}' komt niet voor in workflow '{}'; de volgende status is niet te bepalen.", wf.name)),
                            regel: wf.regel.clone(),
                            bron: wf.bron.clone(),
                            json: StaticTexts::default(),
                        });
                        return;
                    }
                }
            }
        };
        let mut next_ids = Vec::new();
        for t in wf.transitions.iter().filter(|t| t.van == current) {
            let result = transition(&mut self.ctx, wf, t, &mut self.d, &mut next_ids);
            self.settle(Onderwerp::Overgang { workflow: wi, overgang: t }, result);
        }
        if let Some(name) = &wf.uitkomst {
            let v = match next_ids.len() {
                0 => None,
                1 => next_ids.pop(),
                _ => Some(Value::List(next_ids.into())),
            };
            if let Some(v) = v {
                self.d.uitkomsten.0.push((name.clone(), v.to_json()));
            }
        }
    }
}

/// One transition: offered (also when its condition is unknown) or not.
fn transition<'p>(ctx: &mut Ctx<'p>, wf: &'p Workflow, t: &'p Transition, d: &mut Decision, next_ids: &mut Vec<Value>) -> Result<Outcome<'p>, EvalError> {
    let mut missing = FieldSet::default();
    if let Some(c) = &t.voorwaarde {
        if let Some(Value::Bool(false)) = value(ctx, c, &mut missing)? {
            return Ok(Outcome::false_by(Uitkomst::NietAangeboden, c));
        }
    }
    let Some(naar) = wf.statuses.get(t.naar) else { return Ok(Outcome::new(Uitkomst::NietAangeboden)) };
    let omschrijving = match &naar.omschrijving {
        Some(e) => text(value(ctx, e, &mut missing)?),
        None => None,
    };
    d.volgende_statussen.push(VolgendeStatus {
        status: naar.tekst.clone(),
        door: t.door.clone().unwrap_or_else(|| naar.door.clone()),
        voorwaarde: t.toelichting.clone(),
        omschrijving,
        stap: naar.id.clone(),
        regel: t.regel.clone(),
        bron: t.bron.clone(),
        json: t.json.clone(),
    });
    next_ids.push(Value::Text(naar.id.clone()));
    if !missing.is_empty() {
        d.niet_bepaald.push(NietBepaald { regel: t.regel.clone(), onbekend: names(ctx.program, missing), json: t.json.clone() });
    }
    Ok(Outcome::open(Uitkomst::Aangeboden, missing))
}

/// Warnings the engine adds whatever the region: a deadline already passed,
/// today taken as peildatum, input fields that were ignored.
fn engine_warnings(program: &Program, dossier: &Dossier, d: &mut Decision) {
    for t in &d.termijnen {
        if &*t.soort == "uiterlijk" && t.voldaan != Some(true) && t.uiterlijk < dossier.peildatum {
            d.waarschuwingen.push(Waarschuwing {
                tekst: Arc::from(format!("De termijn '{}' is verstreken: uiterlijk {}.", t.wat, Value::Date(t.uiterlijk).display())),
                regel: t.regel.clone(),
                bron: t.grondslag.clone(),
                json: t.json.clone(),
            });
        }
    }
    if dossier.peildatum_vandaag {
        d.waarschuwingen.push(Waarschuwing {
            tekst: Arc::from("Het dossier noemt geen peildatum; de datum van vandaag is gebruikt."),
            regel: Arc::from("dossier.peildatum"),
            bron: Arc::from("contract"),
            json: StaticTexts::default(),
        });
    }
    for veld in &dossier.genegeerd {
        let hint = crate::check::suggest::closest_field(veld, program.field_names.iter().map(|f| &**f))
            .map(|f| format!(" Bedoel je '{f}'?"))
            .unwrap_or_default();
        d.waarschuwingen.push(Waarschuwing {
            tekst: Arc::from(format!("Het veld '{veld}' is onbekend en is niet gebruikt.{hint}")),
            regel: Arc::from("dossier.onbekend_veld"),
            bron: Arc::from("regions/vocabulaire.toml"),
            json: StaticTexts::default(),
        });
    }
    if dossier.genegeerd_meer > 0 {
        d.waarschuwingen.push(Waarschuwing {
            tekst: Arc::from(format!("Nog {} andere onbekende velden zijn niet gebruikt.", dossier.genegeerd_meer)),
            regel: Arc::from("dossier.onbekend_veld"),
            bron: Arc::from("regions/vocabulaire.toml"),
            json: StaticTexts::default(),
        });
    }
}
