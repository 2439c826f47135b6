//! Assembling the decision: requirements decide `in_aanmerking`; the other
//! rules of the request kind fill deskundigen, bedragen, termijnen,
//! waarschuwingen and uitkomsten; the workflow gives the next statuses.

use super::{Ctx, EvalError};
use crate::check::model::{Aanvraag, Rule, RuleKind, TExpr, Workflow};
use crate::compile::Program;
use crate::decision::*;
use crate::dossier::Dossier;
use crate::value::{FieldSet, Value, V};
use std::sync::Arc;

/// Engine version in every receipt.
pub const ENGINE: &str = concat!("passend ", env!("CARGO_PKG_VERSION"));

/// Decides one dossier under one program.
pub fn decide(program: &Program, dossier: &Dossier) -> Result<Decision, EvalError> {
    let h = &program.header;
    let mut d = Decision {
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
    };
    let aanvraag = program.by_soort.get(dossier.soort_index).copied().flatten().and_then(|i| program.aanvragen.get(i));
    let Some(aanvraag) = aanvraag else {
        unknown_kind(program, dossier, &mut d);
        return Ok(d);
    };
    let mut ctx = Ctx::new(program, dossier);
    eligibility(&mut ctx, aanvraag, &mut d)?;
    for rule in &aanvraag.rules {
        output(&mut ctx, rule, &mut d)?;
    }
    if let Some(wf) = aanvraag.workflow.and_then(|i| program.workflows.get(i)) {
        workflow(&mut ctx, wf, &mut d)?;
    }
    engine_warnings(program, dossier, &mut d);
    Ok(d)
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
    d.redenen.push(Reden { regel: Arc::from("aanvraag.onbekende_soort"), tekst: tekst.clone(), bron: h.bron.clone() });
    d.ontbreekt.push(Ontbreekt { eis: tekst, bron: h.bron.clone(), regel: Arc::from("aanvraag.onbekende_soort") });
    engine_warnings(program, dossier, d);
}

/// Kleene conjunction of the applicable requirements.
fn eligibility(ctx: &mut Ctx, aanvraag: &Aanvraag, d: &mut Decision) -> Result<(), EvalError> {
    let mut any_false = false;
    let mut missing = FieldSet::default();
    for rule in &aanvraag.rules {
        let RuleKind::Eis { tekst, voorwaarde } = &rule.kind else { continue };
        let applies = match &rule.alleen_als {
            Some(c) => ctx.eval(c)?,
            None => V::Known(Value::Bool(true)),
        };
        if applies == V::Known(Value::Bool(false)) {
            continue;
        }
        let holds = ctx.eval(voorwaarde)?;
        match (&applies, &holds) {
            (_, V::Known(Value::Bool(true))) => {
                d.redenen.push(Reden { regel: rule.id.clone(), tekst: tekst.clone(), bron: rule.bron.clone() });
            }
            (V::Known(_), V::Known(_)) => {
                any_false = true;
                d.ontbreekt.push(Ontbreekt { eis: tekst.clone(), bron: rule.bron.clone(), regel: rule.id.clone() });
            }
            (a, h) => {
                for v in [a, h] {
                    if let V::Unknown(f) = v {
                        missing = missing.union(*f);
                    }
                }
            }
        }
    }
    d.in_aanmerking = if any_false {
        Some(false)
    } else if missing.is_empty() {
        Some(true)
    } else {
        d.onbekend = names(ctx.program, missing);
        None
    };
    ctx.in_aanmerking = Some(match d.in_aanmerking {
        Some(b) => V::Known(Value::Bool(b)),
        None => V::Unknown(missing),
    });
    Ok(())
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

fn output(ctx: &mut Ctx, rule: &Rule, d: &mut Decision) -> Result<(), EvalError> {
    if matches!(rule.kind, RuleKind::Eis { .. }) {
        return Ok(());
    }
    if matches!(rule.kind, RuleKind::Bedrag { .. }) && d.in_aanmerking != Some(true) {
        return Ok(());
    }
    let mut missing = FieldSet::default();
    if let Some(c) = &rule.alleen_als {
        match value(ctx, c, &mut missing)? {
            Some(Value::Bool(true)) => {}
            Some(_) => return Ok(()),
            None => {
                d.niet_bepaald.push(NietBepaald { regel: rule.id.clone(), onbekend: names(ctx.program, missing) });
                return Ok(());
            }
        }
    }
    let (regel, bron) = (rule.id.clone(), rule.bron.clone());
    let fired: Option<Arc<str>> = match &rule.kind {
        RuleKind::Eis { .. } => None,
        RuleKind::Deskundige { rol, disciplines, onafhankelijk, organisatie, vorm } => {
            let rol = text(value(ctx, rol, &mut missing)?);
            let disciplines = value(ctx, disciplines, &mut missing)?;
            let onafhankelijk = match value(ctx, onafhankelijk, &mut missing)? {
                Some(Value::Bool(b)) => Some(b),
                _ => None,
            };
            let organisatie = text(value(ctx, organisatie, &mut missing)?);
            let vorm = text(value(ctx, vorm, &mut missing)?);
            match (rol, disciplines) {
                (Some(rol), Some(Value::List(list))) => {
                    let disciplines: Vec<Arc<str>> = list.iter().filter_map(|v| text(Some(v.clone()))).collect();
                    let wie = if disciplines.is_empty() { organisatie.as_deref().unwrap_or("").to_string() } else { disciplines.join(", ") };
                    let tekst = Arc::from(format!("Deskundige ({rol}): {wie}"));
                    d.deskundigen.push(Deskundige { rol, disciplines, onafhankelijk, organisatie, vorm, regel: regel.clone(), bron: bron.clone() });
                    Some(tekst)
                }
                _ => None,
            }
        }
        RuleKind::Bedrag { regeling, bedrag, ontvanger, berekening } => {
            let bedrag = value(ctx, bedrag, &mut missing)?;
            let regeling = text(value(ctx, regeling, &mut missing)?);
            let ontvanger = text(value(ctx, ontvanger, &mut missing)?);
            let berekening = text(value(ctx, berekening, &mut missing)?);
            match (bedrag, regeling, ontvanger, berekening) {
                (Some(Value::Money(c)), Some(regeling), Some(ontvanger), Some(berekening)) => {
                    let tekst = Arc::from(format!("{regeling}: {} ({berekening})", crate::value::format_money(c)));
                    d.bedragen.push(Bedrag { regeling, bedrag_cent: c, ontvanger, berekening, regel: regel.clone(), bron: bron.clone() });
                    Some(tekst)
                }
                _ => None,
            }
        }
        RuleKind::Termijn { wat, uiterlijk, grondslag, soort, voldaan, indicatief } => {
            let uiterlijk = value(ctx, uiterlijk, &mut missing)?;
            let wat = text(value(ctx, wat, &mut missing)?);
            let grondslag = text(value(ctx, grondslag, &mut missing)?);
            let soort = text(value(ctx, soort, &mut missing)?).unwrap_or_else(|| Arc::from("uiterlijk"));
            // Whether the termijn was met is optional information: unknown is `null`, not a gap.
            let voldaan = match voldaan {
                Some(e) => match ctx.eval(e)? {
                    V::Known(Value::Bool(b)) => Some(b),
                    _ => None,
                },
                None => None,
            };
            let indicatief = matches!(value(ctx, indicatief, &mut missing)?, Some(Value::Bool(true)));
            match (uiterlijk, wat, grondslag) {
                (Some(Value::Date(u)), Some(wat), Some(grondslag)) => {
                    let tekst = Arc::from(format!("{wat}: {soort} {}", Value::Date(u).display()));
                    d.termijnen.push(Termijn { wat, uiterlijk: u, grondslag, soort, voldaan, indicatief, regel: regel.clone() });
                    Some(tekst)
                }
                _ => None,
            }
        }
        RuleKind::Waarschuwing { tekst } => match text(value(ctx, tekst, &mut missing)?) {
            Some(t) => {
                d.waarschuwingen.push(Waarschuwing { tekst: t.clone(), regel: regel.clone(), bron: bron.clone() });
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
    if let Some(tekst) = fired {
        d.redenen.push(Reden { regel, tekst, bron });
    }
    if !missing.is_empty() {
        d.niet_bepaald.push(NietBepaald { regel: rule.id.clone(), onbekend: names(ctx.program, missing) });
    }
    Ok(())
}

/// Status texts match after trimming, folding white space and one final '.'.
fn norm(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.strip_suffix('.').unwrap_or(&folded).to_lowercase()
}

fn workflow(ctx: &mut Ctx, wf: &Workflow, d: &mut Decision) -> Result<(), EvalError> {
    let current = match ctx.dossier.slots.get(wf.volgt).cloned().flatten() {
        None => None,
        Some(v) => {
            let shown = v.display();
            let n = norm(&shown);
            match wf.statuses.iter().position(|s| *s.id == *shown || norm(&s.tekst) == n) {
                Some(i) => Some(i),
                None => {
                    d.waarschuwingen.push(Waarschuwing {
                        tekst: Arc::from(format!("De status '{shown}' komt niet voor in workflow '{}'; de volgende status is niet te bepalen.", wf.name)),
                        regel: Arc::from(format!("workflow.{}", wf.name)),
                        bron: wf.bron.clone(),
                    });
                    return Ok(());
                }
            }
        }
    };
    let mut next_ids = Vec::new();
    for t in wf.transitions.iter().filter(|t| t.van == current) {
        let mut missing = FieldSet::default();
        if let Some(c) = &t.voorwaarde {
            if let Some(Value::Bool(false)) = value(ctx, c, &mut missing)? {
                continue;
            }
        }
        let Some(naar) = wf.statuses.get(t.naar) else { continue };
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
            regel: Arc::from(format!("workflow.{}.{}", wf.name, t.id)),
            bron: t.bron.clone(),
        });
        next_ids.push(Value::Text(naar.id.clone()));
        if !missing.is_empty() {
            d.niet_bepaald.push(NietBepaald { regel: Arc::from(format!("workflow.{}.{}", wf.name, t.id)), onbekend: names(ctx.program, missing) });
        }
    }
    if let Some(name) = &wf.uitkomst {
        let v = match next_ids.len() {
            0 => None,
            1 => next_ids.pop(),
            _ => Some(Value::List(next_ids.into())),
        };
        if let Some(v) = v {
            d.uitkomsten.0.push((name.clone(), v.to_json()));
        }
    }
    Ok(())
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
            });
        }
    }
    if dossier.peildatum_vandaag {
        d.waarschuwingen.push(Waarschuwing {
            tekst: Arc::from("Het dossier noemt geen peildatum; de datum van vandaag is gebruikt."),
            regel: Arc::from("dossier.peildatum"),
            bron: Arc::from("contract"),
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
        });
    }
    if dossier.genegeerd_meer > 0 {
        d.waarschuwingen.push(Waarschuwing {
            tekst: Arc::from(format!("Nog {} andere onbekende velden zijn niet gebruikt.", dossier.genegeerd_meer)),
            regel: Arc::from("dossier.onbekend_veld"),
            bron: Arc::from("regions/vocabulaire.toml"),
        });
    }
}
