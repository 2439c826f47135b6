//! A deterministic generator of realistic dossiers, for benchmarks and for
//! impact runs (`passend diff --dossiers`).
//!
//! Every dossier names one of the vocabulary's regions and, mostly, a request
//! kind that region's rules know (sometimes one it does not). It fills the
//! contract fields those rules read, each with a value of the field's type
//! drawn from the vocabulary, and leaves some out (unknown). The peildatum lies
//! around the `geldig_vanaf` of one of the region's versions or a date on
//! which a dated parameter value starts, and the other dates around the
//! peildatum. Same seed and index, same dossier, on every
//! machine: the PRNG (splitmix64) is written here.
//!
//! No handbook knowledge lives here: no amounts, terms or rules, only the
//! shapes the contract gives its fields (a birth date lies years back, a
//! period ends after it starts, a percentage is 0 to 100).

use crate::check::model::{RuleKind, TExpr};
use crate::compile::Program;
use crate::engine::Engine;
use crate::types::Type;
use crate::vocab::{FieldId, Node};
use chrono::{Datelike, Days, Months, NaiveDate};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

/// Dossier `i` of the stream with this seed, from the built-in rules.
pub fn dossier(seed: u64, i: usize) -> Value {
    match default_plan() {
        Some(plan) => plan.dossier(seed, i),
        None => Value::Null,
    }
}

/// The first `n` dossiers of the stream with this seed, from the built-in rules.
pub fn dossiers(seed: u64, n: usize) -> Vec<Value> {
    (0..n).map(|i| dossier(seed, i)).collect()
}

fn default_plan() -> Option<&'static Plan> {
    static PLAN: OnceLock<Option<Plan>> = OnceLock::new();
    PLAN.get_or_init(|| Engine::embedded().ok().map(|e| Plan::new(&e))).as_ref()
}

/// A generator over a loaded engine's vocabulary and rules.
pub struct Generator {
    plan: Plan,
    seed: u64,
}

impl Generator {
    pub fn new(engine: &Engine, seed: u64) -> Generator {
        Generator { plan: Plan::new(engine), seed }
    }

    /// Only dossiers of this region (no effect when the vocabulary does not know it).
    pub fn only_region(mut self, regio: &str) -> Generator {
        if self.plan.regions.iter().any(|r| &*r.id == regio) {
            self.plan.regions.retain(|r| &*r.id == regio);
        }
        self
    }

    /// Only dossiers asking for this request kind (with the facts the region's
    /// rules for it read); `Err` with the known kinds when there is no such kind.
    pub fn only_kind(mut self, soort: &str) -> Result<Generator, Vec<Arc<str>>> {
        match self.plan.all_kinds.iter().find(|k| &***k == soort) {
            Some(k) => {
                self.plan.kind = Some(k.clone());
                Ok(self)
            }
            None => Err(self.plan.all_kinds.clone()),
        }
    }

    /// Only peildatums from `van` to `tot` (both included), spread evenly,
    /// so an impact run can aim at a change that takes effect on a date.
    pub fn peildatum_between(mut self, van: NaiveDate, tot: NaiveDate) -> Generator {
        self.plan.peildatums = Some((van.min(tot), van.max(tot)));
        self
    }

    /// The ids of the regions this generator draws from.
    pub fn regions(&self) -> Vec<Arc<str>> {
        self.plan.regions.iter().map(|r| r.id.clone()).collect()
    }

    /// Dossier `i` of this generator's stream.
    pub fn dossier(&self, i: usize) -> Value {
        self.plan.dossier(self.seed, i)
    }

    /// The endless stream of dossiers 0, 1, 2, ...; take what you need.
    pub fn iter(&self) -> impl Iterator<Item = Value> + '_ {
        (0..).map(move |i| self.dossier(i))
    }
}

/// splitmix64 (Steele, Lea, Flood 2014): small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn for_dossier(seed: u64, i: usize) -> Rng {
        let mut r = Rng(seed ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0 ..= n-1 (0 when n is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    /// lo ..= hi
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo).max(0) as u64 + 1;
        lo + (self.next() % span) as i64
    }
    /// true with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Where a field's value goes in the dossier JSON.
#[derive(Clone)]
enum Place {
    /// `a.b.c`
    Leaf(Vec<String>),
    /// A list of objects (`ouders.ondertekening`): the path of the list.
    List(Vec<String>),
    /// A member of a list of objects: the list's slot and the member's key.
    Member(FieldId),
}

struct FieldPlan {
    path: Arc<str>,
    ty: Type,
    place: Place,
}

struct KindPlan {
    soort: Arc<str>,
    /// Fields its rules (and the definities and workflow they use) read.
    fields: Vec<FieldId>,
}

struct RegionPlan {
    id: Arc<str>,
    /// `geldig_vanaf` of each version and the start dates of dated parameter values.
    starts: Vec<NaiveDate>,
    kinds: Vec<KindPlan>,
    /// Status texts and ids of the workflows, by the field they follow.
    statuses: BTreeMap<FieldId, Vec<Arc<str>>>,
    /// Texts the rules look for in a list-of-texts field (`"begroting" in school.plan`)
    /// that are not among PLAN_PARTS.
    list_texts: BTreeMap<FieldId, Vec<Arc<str>>>,
}

/// Everything the generator draws from, prepared once.
struct Plan {
    regions: Vec<RegionPlan>,
    all_kinds: Vec<Arc<str>>,
    fields: Vec<FieldPlan>,
    /// Member fields of each list of objects: list slot -> (key, slot).
    members: BTreeMap<FieldId, Vec<(String, FieldId)>>,
    enums: Vec<Vec<Arc<str>>>,
    fixed: [Option<FieldId>; 3],
    /// Only this request kind (`Generator::only_kind`).
    kind: Option<Arc<str>>,
    /// Only peildatums in this range (`Generator::peildatum_between`).
    peildatums: Option<(NaiveDate, NaiveDate)>,
}

/// Text values for free-text fields that name a school (invented names).
const SCHOOL_NAMES: &[&str] = &["SBO De Vlinder", "SO De Brug", "Basisschool De Regenboog", "SBO Het Kompas"];
/// The parts of an arrangement plan the contract names for `school.plan`.
const PLAN_PARTS: &[&str] = &["perspectief", "doelstellingen", "inzet", "evaluatiecriteria", "borging"];

impl Plan {
    fn new(engine: &Engine) -> Plan {
        let vocab = engine.vocab();
        let mut fields: Vec<FieldPlan> =
            vocab.fields.iter().map(|f| FieldPlan { path: f.path.clone(), ty: f.ty.clone(), place: Place::Leaf(Vec::new()) }).collect();
        let mut members = BTreeMap::new();
        place_nodes(&vocab.root, &mut Vec::new(), &mut fields, &mut members);
        let enum_values =
            |name: &str| -> Vec<Arc<str>> { vocab.enum_by_name.get(name).and_then(|i| vocab.enums.get(*i)).map(|e| e.values.clone()).unwrap_or_default() };
        let all_kinds = enum_values("aanvraagsoort");
        let regions = enum_values("regio")
            .into_iter()
            .map(|id| {
                let region = engine.regions().into_iter().find(|r| r.id == id);
                let versions: Vec<&Program> = region.map(|r| r.versions.iter().collect()).unwrap_or_default();
                region_plan(id, &versions, &all_kinds)
            })
            .collect();
        let by = |p: &str| vocab.by_path.get(p).copied();
        Plan {
            regions,
            all_kinds,
            fields,
            members,
            enums: vocab.enums.iter().map(|e| e.values.clone()).collect(),
            fixed: [by("regio"), by("peildatum"), by("aanvraag.soort")],
            kind: None,
            peildatums: None,
        }
    }

    fn dossier(&self, seed: u64, i: usize) -> Value {
        let mut r = Rng::for_dossier(seed, i);
        let Some(region) = r.pick(&self.regions) else { return Value::Null };
        let peildatum = match (self.peildatums, r.pick(&region.starts)) {
            (Some((van, tot)), _) => shift(van, r.range(0, (tot - van).num_days())),
            (None, Some(start)) => shift(*start, r.range(-150, 400)),
            (None, None) => shift(NaiveDate::from_ymd_opt(2024, 8, 1).unwrap_or_default(), r.range(0, 700)),
        };
        let known_kind = match &self.kind {
            Some(k) => region.kinds.iter().find(|x| x.soort == *k),
            None if r.chance(90) => r.pick(&region.kinds),
            None => None,
        };
        let (soort, mut wanted): (Arc<str>, BTreeSet<FieldId>) = match known_kind {
            Some(k) => (k.soort.clone(), k.fields.iter().copied().collect()),
            None => {
                let picked = || r.pick(&self.all_kinds).cloned().unwrap_or_else(|| Arc::from("tlv"));
                let soort = self.kind.clone().unwrap_or_else(picked);
                // A kind the region may not know: the facts of some kind it does know.
                let fields = r.pick(&region.kinds).map(|k| k.fields.iter().copied().collect()).unwrap_or_default();
                (soort, fields)
            }
        };
        for _ in 0..r.below(3) {
            wanted.insert(r.below(self.fields.len()));
        }
        for f in self.fixed.iter().flatten() {
            wanted.remove(f);
        }
        let mut out = Map::new();
        out.insert("regio".into(), json!(&*region.id));
        out.insert("peildatum".into(), json!(iso(peildatum)));
        put(&mut out, &["aanvraag", "soort"], json!(&*soort));
        let mut dates: BTreeMap<Arc<str>, NaiveDate> = BTreeMap::new();
        let mut lists_done = BTreeSet::new();
        // Start dates before the end dates that follow them ("van" before "tot").
        let (ends, starts): (Vec<FieldId>, Vec<FieldId>) = wanted.iter().partition(|f| self.is_end_date(**f));
        for id in starts.into_iter().chain(ends) {
            if r.chance(12) {
                continue; // unknown: left out
            }
            let Some(field) = self.fields.get(id) else { continue };
            match &field.place {
                Place::Leaf(path) => {
                    let value = self.value(&mut r, id, &field.ty, region, peildatum, &mut dates);
                    let parts: Vec<&str> = path.iter().map(String::as_str).collect();
                    put(&mut out, &parts, value);
                }
                Place::List(path) => self.object_list(&mut r, id, path, region, peildatum, &mut out, &mut lists_done),
                Place::Member(list) => {
                    if let Some(FieldPlan { place: Place::List(path), .. }) = self.fields.get(*list) {
                        self.object_list(&mut r, *list, path, region, peildatum, &mut out, &mut lists_done);
                    }
                }
            }
        }
        Value::Object(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn object_list(
        &self,
        r: &mut Rng,
        list: FieldId,
        path: &[String],
        region: &RegionPlan,
        peildatum: NaiveDate,
        out: &mut Map<String, Value>,
        done: &mut BTreeSet<FieldId>,
    ) {
        if !done.insert(list) {
            return;
        }
        let mut items = Vec::new();
        for n in 0..r.range(1, 2) {
            let mut item = Map::new();
            for (key, id) in self.members.get(&list).map(Vec::as_slice).unwrap_or_default() {
                let ty = match self.fields.get(*id).map(|f| &f.ty) {
                    Some(Type::List(inner)) => (**inner).clone(),
                    Some(t) => t.clone(),
                    None => continue,
                };
                let value = if matches!(ty, Type::Text) {
                    json!((n + 1).to_string()) // e.g. `ouder`: "1", "2"
                } else {
                    self.value(r, *id, &ty, region, peildatum, &mut BTreeMap::new())
                };
                item.insert(key.clone(), value);
            }
            items.push(Value::Object(item));
        }
        let parts: Vec<&str> = path.iter().map(String::as_str).collect();
        put(out, &parts, Value::Array(items));
    }

    fn is_end_date(&self, id: FieldId) -> bool {
        self.fields.get(id).is_some_and(|f| f.ty == Type::Date && end_of(&f.path).is_some())
    }

    fn value(&self, r: &mut Rng, id: FieldId, ty: &Type, region: &RegionPlan, peildatum: NaiveDate, dates: &mut BTreeMap<Arc<str>, NaiveDate>) -> Value {
        let path: &str = self.fields.get(id).map(|f| &*f.path).unwrap_or("");
        let last = path.rsplit('.').next().unwrap_or(path);
        match ty {
            Type::Bool => json!(r.chance(70)),
            Type::Int => json!(int_for(r, last, peildatum)),
            Type::Money => json!(r.range(0, 5_000) * 100),
            Type::Date => {
                let d = self.date_for(r, path, last, peildatum, dates);
                dates.insert(Arc::from(path), d);
                json!(iso(d))
            }
            Type::Text => match region.statuses.get(&id).filter(|s| !s.is_empty()) {
                Some(statuses) if r.chance(90) => json!(statuses.get(r.below(statuses.len())).map(|s| &**s).unwrap_or("")),
                Some(_) => json!("een status die de regels niet kennen"),
                None if last.contains("school") => json!(SCHOOL_NAMES.get(r.below(SCHOOL_NAMES.len())).copied().unwrap_or("")),
                None => json!(format!("tekst {}", r.below(10))),
            },
            Type::Enum(e) => {
                let values = self.enums.get(*e).map(Vec::as_slice).unwrap_or_default();
                json!(values.get(r.below(values.len())).map(|s| &**s).unwrap_or(""))
            }
            Type::List(inner) => match &**inner {
                Type::Enum(e) => {
                    let values = self.enums.get(*e).map(Vec::as_slice).unwrap_or_default();
                    Value::Array(values.iter().filter(|_| r.chance(40)).map(|v| json!(&**v)).collect())
                }
                Type::Text => {
                    let extra = region.list_texts.get(&id).map(Vec::as_slice).unwrap_or_default();
                    let parts = PLAN_PARTS.iter().copied().chain(extra.iter().map(|t| &**t));
                    Value::Array(parts.filter(|_| r.chance(80)).map(|v| json!(v)).collect())
                }
                other => Value::Array((0..r.below(3)).map(|_| self.value(r, id, other, region, peildatum, dates)).collect()),
            },
            Type::Duration | Type::DayMonth | Type::Empty => Value::Null,
        }
    }

    fn date_for(&self, r: &mut Rng, path: &str, last: &str, peil: NaiveDate, dates: &BTreeMap<Arc<str>, NaiveDate>) -> NaiveDate {
        if last == "geboortedatum" {
            return shift(peil.checked_sub_months(Months::new(12 * r.range(3, 14) as u32)).unwrap_or(peil), -r.range(0, 364));
        }
        if let Some(start) = end_of(path).and_then(|p| dates.get(p.as_str())) {
            // An end: a whole number of months after the start, at a month's end, or a few weeks later.
            return if r.chance(70) {
                let months = r.range(0, 14) as u32;
                let first = start.with_day(1).unwrap_or(*start);
                shift(first.checked_add_months(Months::new(months + 1)).unwrap_or(first), -1)
            } else {
                shift(*start, r.range(0, 120))
            };
        }
        if last == "van" && r.chance(70) {
            // A period mostly starts on the 1st of a month near the peildatum.
            let d = shift(peil, r.range(-40, 120));
            return d.with_day(1).unwrap_or(d);
        }
        shift(peil, r.range(-200, 40))
    }
}

/// The start-date sibling of an end-date field (`x.tot` -> `x.van`).
fn end_of(path: &str) -> Option<String> {
    const PAIRS: &[(&str, &str)] = &[("tot", "van"), ("einddatum", "ingangsdatum"), ("bezwaar_op", "datum")];
    let (prefix, last) = path.rsplit_once('.')?;
    PAIRS.iter().find(|(end, _)| *end == last).map(|(_, start)| format!("{prefix}.{start}"))
}

fn int_for(r: &mut Rng, last: &str, peil: NaiveDate) -> i64 {
    if last.ends_with("pct") {
        r.range(0, 100)
    } else if last.contains("cluster") {
        r.range(1, 4)
    } else if last == "jaar" {
        i64::from(peil.year()) - r.range(0, 1)
    } else if last.starts_with("leerlingen") {
        r.range(0, 40)
    } else if last.ends_with("maanden") {
        r.range(0, 120)
    } else if last.contains("uren") {
        r.range(0, 40)
    } else {
        r.range(0, 6)
    }
}

fn shift(d: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs())).unwrap_or(d)
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Sets `value` at a nested path, creating the objects on the way.
fn put(obj: &mut Map<String, Value>, path: &[&str], value: Value) {
    match path {
        [] => {}
        [last] => {
            obj.insert((*last).to_string(), value);
        }
        [first, rest @ ..] => {
            let entry = obj.entry((*first).to_string()).or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(inner) = entry {
                put(inner, rest, value);
            }
        }
    }
}

/// Records where each vocabulary field goes in the JSON, walking the slot tree.
fn place_nodes(
    nodes: &std::collections::HashMap<String, Node>,
    prefix: &mut Vec<String>,
    fields: &mut [FieldPlan],
    members: &mut BTreeMap<FieldId, Vec<(String, FieldId)>>,
) {
    let mut keys: Vec<&String> = nodes.keys().collect();
    keys.sort();
    for key in keys {
        let Some(node) = nodes.get(key) else { continue };
        prefix.push(key.clone());
        match node {
            Node::Leaf(id) => {
                if let Some(f) = fields.get_mut(*id) {
                    f.place = Place::Leaf(prefix.clone());
                }
            }
            Node::Object(inner) => place_nodes(inner, prefix, fields, members),
            Node::ObjectList(list, inner) => {
                if let Some(f) = fields.get_mut(*list) {
                    f.place = Place::List(prefix.clone());
                }
                let mut ms: Vec<(String, FieldId)> = inner.iter().map(|(k, v)| (k.clone(), *v)).collect();
                ms.sort();
                for (_, id) in &ms {
                    if let Some(f) = fields.get_mut(*id) {
                        f.place = Place::Member(*list);
                    }
                }
                members.insert(*list, ms);
            }
        }
        prefix.pop();
    }
}

fn region_plan(id: Arc<str>, versions: &[&Program], all_kinds: &[Arc<str>]) -> RegionPlan {
    let mut kinds: BTreeMap<Arc<str>, BTreeSet<FieldId>> = BTreeMap::new();
    let mut statuses: BTreeMap<FieldId, Vec<Arc<str>>> = BTreeMap::new();
    let mut list_texts: BTreeMap<FieldId, Vec<Arc<str>>> = BTreeMap::new();
    for program in versions {
        for aanvraag in &program.aanvragen {
            let fields = kinds.entry(aanvraag.soort.clone()).or_default();
            let mut seen = vec![false; program.defs.len()];
            for rule in &aanvraag.rules {
                for e in rule_exprs(&rule.kind).into_iter().chain(rule.alleen_als.as_ref()) {
                    fields_of(e, program, fields, &mut seen);
                    texts_in_lists(e, program, &mut list_texts, &mut vec![false; program.defs.len()]);
                }
            }
            if let Some(wf) = aanvraag.workflow.and_then(|i| program.workflows.get(i)) {
                fields.insert(wf.volgt);
                for t in &wf.transitions {
                    if let Some(v) = &t.voorwaarde {
                        fields_of(v, program, fields, &mut seen);
                    }
                }
                for s in &wf.statuses {
                    if let Some(o) = &s.omschrijving {
                        fields_of(o, program, fields, &mut seen);
                    }
                }
            }
        }
        for wf in &program.workflows {
            let list = statuses.entry(wf.volgt).or_default();
            for s in &wf.statuses {
                for v in [&s.tekst, &s.id] {
                    if !list.contains(v) {
                        list.push(v.clone());
                    }
                }
            }
        }
    }
    if kinds.is_empty() {
        // No rules for this region: any kind, no particular facts.
        for k in all_kinds {
            kinds.insert(k.clone(), BTreeSet::new());
        }
    }
    RegionPlan {
        id,
        // Around a version's start, and around a date a parameter value starts, so that
        // impact runs see periods on both sides of a dated change.
        starts: versions
            .iter()
            .flat_map(|p| std::iter::once(p.header.geldig_vanaf).chain(p.params.iter().flat_map(|x| x.values.iter().filter_map(|(d, _)| *d))))
            .collect::<BTreeSet<NaiveDate>>()
            .into_iter()
            .collect(),
        kinds: kinds.into_iter().map(|(soort, f)| KindPlan { soort, fields: f.into_iter().collect() }).collect(),
        statuses,
        list_texts,
    }
}

/// Every `"tekst" in veld` of an expression (through its definities) whose text is not
/// one of PLAN_PARTS, by field: so generated dossiers can meet such a rule.
fn texts_in_lists(e: &TExpr, program: &Program, out: &mut BTreeMap<FieldId, Vec<Arc<str>>>, seen_defs: &mut [bool]) {
    each_node(e, program, seen_defs, &mut |e| {
        if let TExpr::In(a, b) = e {
            if let (TExpr::Const(crate::value::Value::Text(t)), TExpr::Field(id)) = (&**a, &**b) {
                let list = out.entry(*id).or_default();
                if !PLAN_PARTS.contains(&&**t) && !list.contains(t) {
                    list.push(t.clone());
                }
            }
        }
    });
}

/// The expressions of a rule (besides `alleen_als`).
fn rule_exprs(kind: &RuleKind) -> Vec<&TExpr> {
    match kind {
        RuleKind::Eis { tekst: _, voorwaarde } => vec![voorwaarde],
        RuleKind::Deskundige { rol, disciplines, onafhankelijk, organisatie, vorm } => vec![rol, disciplines, onafhankelijk, organisatie, vorm],
        RuleKind::Bedrag { regeling, bedrag, ontvanger, berekening } => vec![regeling, bedrag, ontvanger, berekening],
        RuleKind::Termijn { wat, uiterlijk, grondslag, soort, voldaan, indicatief } => {
            let mut v = vec![wat, uiterlijk, grondslag, soort, indicatief];
            v.extend(voldaan.as_ref());
            v
        }
        RuleKind::Waarschuwing { tekst } => vec![tekst],
        RuleKind::Uitkomst { naam: _, waarde } => vec![waarde],
    }
}

/// The dossier fields an expression reads, through the definities it uses.
fn fields_of(e: &TExpr, program: &Program, out: &mut BTreeSet<FieldId>, seen_defs: &mut [bool]) {
    each_node(e, program, seen_defs, &mut |e| {
        if let TExpr::Field(id) | TExpr::Known(id) = e {
            out.insert(*id);
        }
    });
}

/// Calls `visit` on every node of `e`, and of each definitie it uses that `seen_defs` has not
/// marked yet (each definitie once; marked as it is entered).
fn each_node(e: &TExpr, program: &Program, seen_defs: &mut [bool], visit: &mut impl FnMut(&TExpr)) {
    visit(e);
    match e {
        TExpr::Def(i) => {
            if let Some(seen @ false) = seen_defs.get_mut(i.index()) {
                *seen = true;
                if let Some(def) = program.defs.get(i.index()) {
                    each_node(&def.expr, program, seen_defs, visit);
                }
            }
        }
        TExpr::Field(_) | TExpr::Known(_) | TExpr::Const(_) | TExpr::Param(_) | TExpr::Peildatum | TExpr::InAanmerking => {}
        TExpr::Not(a) | TExpr::Neg(a) => each_node(a, program, seen_defs, visit),
        TExpr::And(a, b) | TExpr::Or(a, b) | TExpr::Cmp(_, a, b) | TExpr::In(a, b) | TExpr::Arith(_, a, b) => {
            each_node(a, program, seen_defs, visit);
            each_node(b, program, seen_defs, visit);
        }
        TExpr::If(c, a, b) => {
            for x in [c, a, b] {
                each_node(x, program, seen_defs, visit);
            }
        }
        TExpr::List(items) | TExpr::Call(_, items) => {
            for x in items {
                each_node(x, program, seen_defs, visit);
            }
        }
    }
}
