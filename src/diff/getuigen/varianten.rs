//! Variations of an example dossier for building a witness: the fields a
//! change reads, set to values around the thresholds, dates and durations
//! its rules and parameters name.

use super::voetafdruk::{walk, Voetafdruk};
use crate::eval::trace::rule_exprs;
use crate::check::model::TExpr;
use crate::compile::Program;
use crate::syntax::ast::Unit;
use crate::types::Type;
use crate::value::Value;
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde_json::{json, Value as Json};
use std::collections::BTreeSet;

/// What a search may vary: the fields the change reads and the constants it names.
#[derive(Default)]
pub(super) struct Ingredients {
    fields: BTreeSet<usize>,
    consts: Vec<Value>,
    peildatum: bool,
}

impl Ingredients {
    fn add(&mut self, p: &Program, e: &TExpr, depth: usize) {
        walk(e, &mut |x| match x {
            TExpr::Field(id) | TExpr::Known(id) => {
                self.fields.insert(*id);
            }
            TExpr::Const(v) => self.consts.push(v.clone()),
            TExpr::Param(i) => {
                if let Some(q) = p.params.get(i.index()) {
                    for (from, v) in &q.values {
                        self.consts.push(v.clone());
                        if let Some(d) = from {
                            self.consts.push(Value::Date(*d));
                            self.peildatum = true;
                        }
                    }
                }
            }
            TExpr::Peildatum => self.peildatum = true,
            TExpr::Def(i) if depth < 64 => {
                if let Some(d) = p.defs.get(i.index()) {
                    self.add(p, &d.expr, depth + 1);
                }
            }
            _ => {}
        });
    }

    /// From the rules of the footprint (and the workflow transitions it names), in both programs.
    pub(super) fn of(fp: &Voetafdruk, programs: [&Program; 2]) -> Ingredients {
        let mut ing = Ingredients::default();
        for p in programs {
            for r in p.aanvragen.iter().filter(|a| fp.soorten.is_empty() || fp.soorten.contains(&*a.soort)).flat_map(|a| a.rules.iter()) {
                if fp.hele_beslissing || fp.volgorde || fp.regels.contains(&*r.id) {
                    for e in rule_exprs(r) {
                        ing.add(p, e, 0);
                    }
                }
            }
            for w in &p.workflows {
                for t in &w.transitions {
                    let id = format!("workflow.{}.{}", w.name, t.id);
                    let to = w.statuses.get(t.naar).map(|s| s.id.to_string()).unwrap_or_default();
                    if fp.hele_beslissing || fp.regels.contains(&id) || fp.stappen.contains(&to) {
                        ing.fields.insert(w.volgt);
                        for s in &w.statuses {
                            ing.consts.push(Value::Text(s.id.clone()));
                        }
                        if let Some(e) = &t.voorwaarde {
                            ing.add(p, e, 0);
                        }
                    }
                }
            }
        }
        ing
    }
}

pub(super) fn split_label(label: &str) -> (String, Json) {
    let (p, v) = label.split_once(" = ").unwrap_or((label, "null"));
    (p.to_string(), serde_json::from_str(v).unwrap_or(Json::Null))
}

/// Sets `path` (dotted) in a dossier; `null` removes it.
pub(super) fn set(doc: &mut Json, path: &str, value: Json) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let Some(last) = parts.pop() else { return };
    let mut at = doc;
    for p in parts {
        if !at.is_object() {
            return;
        }
        let Some(o) = at.as_object_mut() else { return };
        at = o.entry(p).or_insert_with(|| json!({}));
        if !at.is_object() {
            *at = json!({});
        }
    }
    if let Some(o) = at.as_object_mut() {
        if value.is_null() {
            o.remove(last);
        } else {
            o.insert(last.to_string(), value);
        }
    }
}

fn get<'j>(doc: &'j Json, path: &str) -> Option<&'j Json> {
    doc.pointer(&format!("/{}", path.replace('.', "/")))
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

fn shift(d: NaiveDate, n: i64, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Dagen => add_days(d, n),
        Unit::Weken => add_days(d, n.checked_mul(7)?),
        Unit::Maanden | Unit::Jaar => {
            let months = if unit == Unit::Jaar { n.checked_mul(12)? } else { n };
            let m = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
            if months >= 0 {
                d.checked_add_months(m)
            } else {
                d.checked_sub_months(m)
            }
        }
    }
}

/// The constants a change names, by kind, with the values around them.
#[derive(Default)]
struct Around {
    ints: BTreeSet<i64>,
    moneys: BTreeSet<i64>,
    texts: BTreeSet<String>,
    durations: Vec<(i64, Unit)>,
    dates: BTreeSet<NaiveDate>,
    daymonths: BTreeSet<(u32, u32)>,
}

impl Around {
    fn of(consts: &[Value]) -> Around {
        let mut around = Around::default();
        for v in consts {
            match v {
                Value::List(items) => items.iter().for_each(|x| around.add(x)),
                other => around.add(other),
            }
        }
        around
    }

    fn add(&mut self, v: &Value) {
        match v {
            Value::Int(n) => self.ints.extend([n - 1, *n, n + 1]),
            Value::Money(c) => self.moneys.extend([c - 1, *c, c + 1]),
            Value::Text(t) => {
                self.texts.insert(t.to_string());
            }
            Value::Duration(n, u) => self.durations.push((*n, *u)),
            Value::Date(d) => self.dates.extend(day_around(*d)),
            Value::DayMonth(d, m) => {
                self.daymonths.insert((*d, *m));
            }
            _ => {}
        }
    }

    /// Dates around every date the dossier holds, moved by each duration the
    /// rules name and placed on each day-month they name; and those they name.
    fn dates(&self, base: &Json, vocab: &crate::vocab::Vocabulary) -> BTreeSet<NaiveDate> {
        let mut anchors: Vec<NaiveDate> = Vec::new();
        anchors.extend(get(base, "peildatum").and_then(Json::as_str).and_then(|s| s.parse::<NaiveDate>().ok()));
        for f in vocab.fields.iter().filter(|f| f.ty == Type::Date) {
            anchors.extend(get(base, &f.path).and_then(Json::as_str).and_then(|s| s.parse::<NaiveDate>().ok()));
        }
        let mut moved: BTreeSet<NaiveDate> = self.dates.clone();
        for a in &anchors {
            moved.extend(day_around(*a));
            for (n, u) in &self.durations {
                for d in [1, -1].into_iter().filter_map(|sign| shift(*a, sign * n, *u)) {
                    moved.extend(day_around(d));
                }
            }
            for (day, month) in &self.daymonths {
                for d in [a.year() - 1, a.year(), a.year() + 1].into_iter().filter_map(|y| NaiveDate::from_ymd_opt(y, *month, *day)) {
                    moved.extend(day_around(d));
                }
            }
        }
        moved
    }

    /// The values to try for a field of type `ty` (`dates`: from `Around::dates`).
    fn values(&self, ty: &Type, dates: &BTreeSet<NaiveDate>, vocab: &crate::vocab::Vocabulary) -> Vec<Json> {
        let enum_values = |id: &usize| vocab.enums.get(*id).map(|e| e.values.clone()).unwrap_or_default();
        match ty {
            Type::Bool => vec![json!(true), json!(false)],
            Type::Int => self.ints.iter().chain([0, 1].iter()).map(|n| json!(n)).collect(),
            Type::Money => self.moneys.iter().map(|c| json!(c)).collect(),
            Type::Date => dates.iter().map(|d| json!(d.to_string())).collect(),
            Type::Text => self.texts.iter().map(|t| json!(t)).collect(),
            Type::Enum(id) => enum_values(id).iter().map(|v| json!(&**v)).collect(),
            Type::List(inner) => {
                let mut out = vec![json!([])];
                match &**inner {
                    Type::Enum(id) => out.extend(enum_values(id).iter().map(|v| json!([&**v]))),
                    _ => out.extend(self.texts.iter().map(|t| json!([t]))),
                }
                out
            }
            _ => Vec::new(),
        }
    }
}

/// The day before, the day itself and the day after.
fn day_around(d: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    [add_days(d, -1), Some(d), add_days(d, 1)].into_iter().flatten()
}

/// One-field variations of a base dossier: `(label "veld = waarde", dossier)`.
pub(super) fn variations(base: &Json, ing: &Ingredients, vocab: &crate::vocab::Vocabulary) -> Vec<(String, Json)> {
    let around = Around::of(&ing.consts);
    let dates = around.dates(base, vocab);
    let mut paths: Vec<(String, Type)> = ing.fields.iter().filter_map(|id| vocab.fields.get(*id)).filter(|f| !f.path.contains("[]")).map(|f| (f.path.to_string(), f.ty.clone())).collect();
    if ing.peildatum {
        paths.push(("peildatum".into(), Type::Date));
    }
    let mut out = Vec::new();
    for (path, ty) in paths.iter().filter(|(p, _)| p != "regio" && p != "aanvraag.soort") {
        let mut values = around.values(ty, &dates, vocab);
        if path != "peildatum" {
            values.push(Json::Null);
        }
        for v in values {
            if get(base, path) == Some(&v) || (v.is_null() && get(base, path).is_none()) {
                continue;
            }
            let mut doc = base.clone();
            set(&mut doc, path, v.clone());
            out.push((format!("{path} = {v}"), doc));
        }
    }
    out
}
