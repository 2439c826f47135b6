//! Checking blocks against the language table (`crate::taal`): which
//! attributes each kind of block has, which are required, what type each
//! value must be, and which blocks nest in which.

use super::located::{ParamAt, RuleAt, WorkflowAt};
use super::model::*;
use super::suggest::did_you_mean;
use super::{Checked, Checker, Reported};
use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Attr, Block, Expr, ExprKind, Item};
use crate::taal::{self, ValueKind};
use crate::types::Type;
use crate::value::Value;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

pub use crate::taal::{RULE_KINDS, TOP_LEVEL};

/// The attributes of one block, by key, after checking which are allowed.
struct Attrs<'b> {
    map: HashMap<&'static str, &'b Attr>,
    /// `waarde` may repeat in a parameter: all of them, in order.
    repeated: Vec<&'b Attr>,
    /// Required keys that are missing (each reported by `attrs`).
    missing: Vec<&'static str>,
    /// The block's name, where a missing attribute is reported.
    at: crate::source::Span,
    /// The block, for problems about it.
    block: &'b Block,
}

impl<'b> Attrs<'b> {
    /// An optional attribute.
    fn get(&self, key: &str) -> Option<&'b Attr> {
        self.map.get(key).copied()
    }
}

impl Checker<'_> {
    /// Collects a block's attributes; reports unknown, doubled and missing
    /// ones, and nested blocks that do not belong in it (all by the table).
    fn attrs<'b>(&mut self, src: &SourceFile, block: &'b Block) -> Attrs<'b> {
        let (spec, nested) = taal::block(&block.kind.name).map_or((&[][..], &[][..]), |k| (k.attrs, k.children));
        let mut map: HashMap<&'static str, &'b Attr> = HashMap::new();
        let mut repeated = Vec::new();
        for item in &block.items {
            match item {
                Item::Attr(a) => {
                    let Some(found) = spec.iter().find(|k| k.name == a.key.name) else {
                        let help = did_you_mean(
                            &a.key.name,
                            spec.iter().map(|k| k.name).chain(nested.iter().copied()),
                            &unknown_attr_help(&block.kind.name, spec, nested),
                        );
                        self.problems.push(
                            Problem::new(Code::OnbekendAttribuut, src, a.key.span, format!("`{}` hoort niet in een `{}`", a.key.name, block.kind.name))
                                .label("onbekend attribuut")
                                .help(help),
                        );
                        continue;
                    };
                    let key = found.name;
                    if found.value == ValueKind::Constant {
                        repeated.push(a);
                        map.entry(key).or_insert(a);
                        continue;
                    }
                    if a.vanaf.is_some() {
                        if let Some((_, span)) = a.vanaf {
                            self.problems.push(
                                Problem::new(Code::Vanaf, src, span, "`vanaf` kan alleen bij de `waarde` van een parameter")
                                    .help("haal `vanaf ...` hier weg"),
                            );
                        }
                    }
                    if map.insert(key, a).is_some() {
                        self.problems.push(
                            Problem::new(Code::Dubbel, src, a.key.span, format!("`{}` staat twee keer in deze `{}`", a.key.name, block.kind.name))
                                .label("tweede keer")
                                .help("houd er één over"),
                        );
                    }
                }
                Item::Block(b) => {
                    if !nested.contains(&b.kind.name.as_str()) {
                        let help = if nested.is_empty() {
                            format!("een `{}` bevat geen blokken", block.kind.name)
                        } else {
                            did_you_mean(&b.kind.name, nested.iter().copied(), &format!("hierin passen: {}", nested.join(", ")))
                        };
                        self.problems.push(
                            Problem::new(Code::OnbekendBlok, src, b.kind.span, format!("`{}` hoort niet in een `{}`", b.kind.name, block.kind.name))
                                .label("niet op deze plek")
                                .help(help),
                        );
                    }
                }
            }
        }
        let mut missing = Vec::new();
        for key in spec.iter().filter(|k| k.required).map(|k| k.name) {
            if !map.contains_key(key) {
                missing.push(key);
                let (code, message, help) = if key == "bron" {
                    (
                        Code::BronOntbreekt,
                        format!("`{} {}` noemt geen bron", block.kind.name, block.name.name),
                        "elke regel en parameter citeert de paragraaf van het handboek: `bron \"<paragraaf>\"`".to_string(),
                    )
                } else {
                    (
                        Code::AttribuutOntbreekt,
                        format!("`{} {}` mist `{key}`", block.kind.name, block.name.name),
                        format!("voeg `{key} ...` toe aan dit blok"),
                    )
                };
                self.problems.push(Problem::new(code, src, block.name.span, message).label("hier").help(help));
            }
        }
        Attrs { map, repeated, missing, at: block.name.span, block }
    }

    /// A required attribute: missing, it was reported by `attrs`.
    fn need<'b>(&mut self, src: &SourceFile, a: &Attrs<'b>, key: &str) -> Checked<&'b Attr> {
        match a.get(key) {
            Some(attr) => Ok(attr),
            None if a.missing.contains(&key) => Err(Reported(())),
            None => self.since(self.reported(), src, a.at, None),
        }
    }

    fn text_literal(&mut self, src: &SourceFile, a: &Attr) -> Checked<Arc<str>> {
        match &a.value.kind {
            ExprKind::Text(t) => Ok(Arc::from(t.as_str())),
            _ => Err(self.report(
                Problem::new(Code::Type, src, a.value.span, format!("`{}` is een tekst tussen aanhalingstekens", a.key.name))
                    .help(format!("schrijf `{} \"...\"`", a.key.name)),
            )),
        }
    }

    /// A required text attribute.
    fn need_text(&mut self, src: &SourceFile, a: &Attrs, key: &str) -> Checked<Arc<str>> {
        let attr = self.need(src, a, key)?;
        self.text_literal(src, attr)
    }

    /// An optional text attribute.
    fn opt_text(&mut self, src: &SourceFile, attr: Option<&Attr>) -> Checked<Option<Arc<str>>> {
        attr.map(|x| self.text_literal(src, x)).transpose()
    }

    /// An expression of type `want`.
    fn typed(&mut self, src: &SourceFile, a: &Attr, want: &Type) -> Checked<TExpr> {
        let before = self.reported();
        let t = self.expect(src, &a.value, want);
        self.since(before, src, a.value.span, t)
    }

    /// A required attribute, of the type the table gives it.
    fn need_typed(&mut self, src: &SourceFile, a: &Attrs, key: &str) -> Checked<TExpr> {
        let attr = self.need(src, a, key)?;
        let want = self.want(src, a, attr)?;
        self.typed(src, attr, &want)
    }

    /// An optional attribute, of the type the table gives it.
    fn opt_typed(&mut self, src: &SourceFile, a: &Attrs, key: &str) -> Checked<Option<TExpr>> {
        let Some(attr) = a.get(key) else { return Ok(None) };
        let want = self.want(src, a, attr)?;
        self.typed(src, attr, &want).map(Some)
    }

    /// The type the table gives an attribute of an expression.
    fn want(&mut self, src: &SourceFile, a: &Attrs, attr: &Attr) -> Checked<Type> {
        let value = taal::attribute(&a.block.kind.name, &attr.key.name).map(|s| s.value);
        Ok(match value {
            Some(ValueKind::Bool) => Type::Bool,
            Some(ValueKind::Text) => Type::Text,
            Some(ValueKind::Money) => Type::Money,
            Some(ValueKind::Date) => Type::Date,
            Some(ValueKind::Keuze(list)) => self.vocab_list(src, a.block, list)?,
            Some(ValueKind::KeuzeList(list)) => Type::List(Box::new(self.vocab_list(src, a.block, list)?)),
            _ => self.since(self.reported(), src, attr.key.span, None)?,
        })
    }

    /// A keuze list the rules depend on; its absence from the vocabulary is a problem at `block`.
    fn vocab_list(&mut self, src: &SourceFile, block: &Block, list: &str) -> Checked<Type> {
        match self.vocab.enum_by_name.get(list) {
            Some(i) => Ok(Type::Enum(*i)),
            None => Err(self.report(
                Problem::new(
                    Code::Vocabulaire,
                    src,
                    block.name.span,
                    format!("`{} {}` heeft de keuzelijst `{list}` nodig, maar regions/vocabulaire.toml heeft die niet", block.kind.name, block.name.name),
                )
                .label("deze regel kan niet gecontroleerd worden")
                .help(format!("zet `{list} = [...]` onder [keuzes] in regions/vocabulaire.toml")),
            )),
        }
    }

    /// A bare name (`workflow terugplaatsing`, `van aanmelding`).
    fn bare_name<'a>(&mut self, src: &SourceFile, a: &'a Attr) -> Checked<(&'a str, &'a Expr)> {
        match &a.value.kind {
            ExprKind::Path(parts) if parts.len() == 1 => {
                let first = parts.first().map(|p| (p.as_str(), &a.value));
                self.since(self.reported(), src, a.value.span, first)
            }
            _ => Err(self.report(
                Problem::new(Code::NaamVerwacht, src, a.value.span, format!("`{}` vraagt een naam", a.key.name))
                    .help(format!("schrijf `{} <naam>` zonder aanhalingstekens", a.key.name)),
            )),
        }
    }

    pub(super) fn header(&mut self, src: &SourceFile, block: &Block, regio: &str) -> Checked<Header> {
        let a = self.attrs(src, block);
        // One region id everywhere: the header names the id the dossiers use,
        // a value of the vocabulary's `regio` list, and the folder's name.
        let known = self.vocab.enum_by_name.get("regio").and_then(|id| self.vocab.enums.get(*id));
        if let Some(list) = known.filter(|l| !l.values.iter().any(|v| **v == *block.name.name)) {
            let help = did_you_mean(&block.name.name, list.values.iter().map(|v| &**v), "de regio's staan in regions/vocabulaire.toml onder `regio`");
            self.problems.push(
                Problem::new(Code::Regio, src, block.name.span, format!("`{}` is geen regio uit de woordenlijst", block.name.name))
                    .label("onbekende regio")
                    .help(help),
            );
        } else if block.name.name != regio {
            self.problems.push(
                Problem::new(Code::Regio, src, block.name.span, format!("dit bestand staat in de map `{regio}` maar noemt regio `{}`", block.name.name))
                    .label("andere regio")
                    .help(format!("schrijf `regio {regio}` of verplaats het bestand")),
            );
        }
        let naam = self.need_text(src, &a, "naam");
        let handboek = self.need_text(src, &a, "handboek");
        let versie = self.need_text(src, &a, "versie");
        let bron = self.need_text(src, &a, "bron");
        let geldig_vanaf = match &self.need(src, &a, "geldig_vanaf")?.value {
            Expr { kind: ExprKind::Date(d), .. } => Ok(*d),
            e => Err(self.report(
                Problem::new(Code::Type, src, e.span, "`geldig_vanaf` is een datum").help("schrijf bijvoorbeeld `geldig_vanaf 2025-08-01`"),
            )),
        };
        Ok(Header { regio: Arc::from(regio), naam: naam?, handboek: handboek?, versie: versie?, bron: bron?, geldig_vanaf: geldig_vanaf? })
    }

    pub(super) fn param(&mut self, src: &SourceFile, block: &Block) -> Checked<Param> {
        let a = self.attrs(src, block);
        let bron = self.need_text(src, &a, "bron");
        self.need(src, &a, "waarde")?;
        let mut values: Vec<(Option<NaiveDate>, Value)> = Vec::new();
        let mut spans: Vec<(Option<Span>, Span)> = Vec::new();
        let mut ty: Option<Type> = None;
        let mut failed = None;
        for attr in &a.repeated {
            if let ExprKind::Int(n) = attr.value.kind {
                self.int_params.entry(block.name.name.clone()).or_insert((src.clone(), attr.value.span, n));
            }
            match self.param_value(src, attr) {
                Ok((value, vty)) => {
                    match &ty {
                        Some(t0) if *t0 != vty => {
                            self.problems.push(
                                Problem::new(Code::Type, src, attr.value.span, "alle waarden van een parameter zijn van hetzelfde soort")
                                    .help("geef elke `waarde` hetzelfde soort (bijvoorbeeld steeds een bedrag)"),
                            );
                        }
                        _ => ty = Some(vty),
                    }
                    values.push((attr.vanaf.map(|(d, _)| d), value));
                    spans.push((attr.vanaf.map(|(_, s)| s), attr.value.span));
                }
                Err(r) => failed = Some(r),
            }
        }
        if values.iter().filter(|(d, _)| d.is_none()).count() > 1 {
            self.problems.push(
                Problem::new(Code::Vanaf, src, block.name.span, "meer dan één `waarde` zonder `vanaf`")
                    .help("geef elke latere waarde de datum waarop zij ingaat: `waarde € 800 vanaf 2026-01-01`"),
            );
        }
        // Stable: values from the same date keep their written order.
        let mut both: Vec<_> = values.into_iter().zip(spans).collect();
        both.sort_by_key(|((d, _), _)| *d);
        let (values, spans): (Vec<_>, Vec<_>) = both.into_iter().unzip();
        let ty = match (ty, failed) {
            (Some(ty), _) => ty,
            (None, Some(r)) => return Err(r),
            (None, None) => self.since(self.reported(), src, block.name.span, None)?,
        };
        let index = ParamId::new(self.param_by_name.len());
        self.param_by_name.insert(block.name.name.clone(), (index, ty));
        let at = ParamAt { source: src.clone(), values: spans };
        Ok(Param { name: Arc::from(block.name.name.as_str()), values, bron: bron?, span: block.name.span, at })
    }

    /// One `waarde` of a parameter: a constant (a negative number or amount included).
    fn param_value(&mut self, src: &SourceFile, attr: &Attr) -> Checked<(Value, Type)> {
        let before = self.reported();
        let checked = self.expr(src, &attr.value, 0);
        let (t, vty) = self.since(before, src, attr.value.span, checked)?;
        let value = match t {
            TExpr::Const(v) => v,
            TExpr::List(ref items) => match constant_list(items) {
                Some(v) => v,
                None => {
                    return Err(self.report(
                        Problem::new(Code::GeenVasteWaarde, src, attr.value.span, "een parameter heeft een vaste waarde")
                            .label("deze lijst wordt per dossier berekend")
                            .help("gebruik een `definitie` voor een waarde die van het dossier afhangt"),
                    ))
                }
            },
            TExpr::Neg(inner) if matches!(*inner, TExpr::Const(Value::Int(_) | Value::Money(_))) => match *inner {
                TExpr::Const(Value::Int(n)) => Value::Int(-n),
                TExpr::Const(Value::Money(n)) => Value::Money(-n),
                _ => return self.since(before, src, attr.value.span, None),
            },
            _ => {
                return Err(self.report(
                    Problem::new(Code::GeenVasteWaarde, src, attr.value.span, "een parameter heeft een vaste waarde")
                        .label("dit wordt per dossier berekend")
                        .help("gebruik een `definitie` voor een waarde die van het dossier afhangt"),
                ))
            }
        };
        if let Some(problem) = period_problem(&value) {
            return Err(self.report(
                Problem::new(Code::Periode, src, attr.value.span, problem)
                    .label("deze periode klopt niet")
                    .help("schrijf elke periode als [begin, einde], bijvoorbeeld [2024-07-06, 2024-08-18]"),
            ));
        }
        Ok((value, vty))
    }

    pub(super) fn def(&mut self, src: &SourceFile, block: &Block) -> Checked<(Def, Type)> {
        let a = self.attrs(src, block);
        let bron = self.need_text(src, &a, "bron");
        let waarde = self.need(src, &a, "waarde")?;
        let before = self.reported();
        let checked = self.expr(src, &waarde.value, self.def_base);
        let (expr, ty) = self.since(before, src, waarde.value.span, checked)?;
        Ok((Def { name: Arc::from(block.name.name.as_str()), expr, bron: bron?, span: block.name.span }, ty))
    }

    pub(super) fn aanvraag(&mut self, src: &SourceFile, block: &Block) -> Checked<Aanvraag> {
        let a = self.attrs(src, block);
        let soort_id = self.vocab.enum_by_name.get("aanvraagsoort").copied();
        if let Some(id) = soort_id {
            if self.vocab.enum_index(id, &block.name.name).is_none() {
                let values = self.vocab.enums.get(id).map(|e| e.values.iter().map(|v| &**v).collect::<Vec<_>>()).unwrap_or_default();
                let help = did_you_mean(&block.name.name, values.iter().copied(), "de soorten staan in regions/vocabulaire.toml onder `aanvraagsoort`");
                self.problems.push(
                    Problem::new(Code::OnbekendeAanvraag, src, block.name.span, format!("`{}` is geen soort aanvraag", block.name.name))
                        .label("onbekende soort")
                        .help(help),
                );
            }
        }
        let bron = self.need_text(src, &a, "bron");
        let workflow = match a.get("workflow").map(|w| self.bare_name(src, w)).transpose()? {
            Some((name, e)) => match self.workflow_index.get(name) {
                Some(i) => Some(*i),
                None => {
                    let help = did_you_mean(name, self.workflow_index.keys().map(String::as_str), "declareer de workflow met `workflow <naam> { ... }`");
                    return Err(self.report(Problem::new(Code::OnbekendeWorkflow, src, e.span, format!("onbekende workflow `{name}`")).help(help)));
                }
            },
            None => None,
        };
        // The rules of the groups it uses come first, then its own, in source order.
        let mut sources: Vec<(SourceFile, Block, Option<Arc<str>>)> = Vec::new();
        for (name, e) in self.group_names(src, a.get("gebruikt")) {
            match self.groups.get(&name).cloned() {
                Some((gsrc, gblock)) => {
                    for item in &gblock.items {
                        if let Item::Block(rb) = item {
                            sources.push((gsrc.clone(), rb.clone(), Some(Arc::from(name.as_str()))));
                        }
                    }
                }
                None => {
                    let help = did_you_mean(&name, self.groups.keys().map(String::as_str), "declareer de groep met `regels <naam> { ... }`");
                    self.problems.push(Problem::new(Code::OnbekendeGroep, src, e, format!("onbekende groep regels `{name}`")).label("niet gevonden").help(help));
                }
            }
        }
        for item in &block.items {
            if let Item::Block(rb) = item {
                sources.push((src.clone(), rb.clone(), None));
            }
        }
        let mut rules = Vec::new();
        let mut ids: HashMap<String, ()> = HashMap::new();
        for (rsrc, rb, group) in &sources {
            if !RULE_KINDS.contains(&rb.kind.name.as_str()) {
                continue;
            }
            if ids.insert(rb.name.name.clone(), ()).is_some() {
                self.problems.push(
                    Problem::new(Code::DubbeleRegel, rsrc, rb.name.span, format!("regel `{}` bestaat al in `aanvraag {}`", rb.name.name, block.name.name))
                        .label("dubbele naam")
                        .help("geef elke regel binnen een aanvraag een eigen naam (ook in de groepen die zij gebruikt)"),
                );
                continue;
            }
            if let Ok(mut rule) = self.rule(rsrc, &block.name.name, rb) {
                rule.at.group = group.clone();
                rules.push(rule);
            }
        }
        Ok(Aanvraag { soort: Arc::from(block.name.name.as_str()), bron: bron?, rules, workflow })
    }

    /// `gebruikt groep` or `gebruikt [groep_a, groep_b]`: the names with their spans.
    fn group_names(&mut self, src: &SourceFile, attr: Option<&Attr>) -> Vec<(String, crate::source::Span)> {
        let Some(a) = attr else { return Vec::new() };
        let items: Vec<&Expr> = match &a.value.kind {
            ExprKind::List(items) => items.iter().collect(),
            _ => vec![&a.value],
        };
        let mut out = Vec::new();
        for e in items {
            match &e.kind {
                ExprKind::Path(parts) if parts.len() == 1 => out.push((parts.join("."), e.span)),
                _ => self.problems.push(
                    Problem::new(Code::NaamVerwacht, src, e.span, "`gebruikt` noemt groepen regels bij naam")
                        .help("schrijf `gebruikt [tlc_toets, deskundigen]` zonder aanhalingstekens"),
                ),
            }
        }
        out
    }

    /// Checks that a `regels` group holds only rules.
    pub(super) fn group(&mut self, src: &SourceFile, block: &Block) {
        self.attrs(src, block);
    }

    fn rule(&mut self, src: &SourceFile, soort: &str, b: &Block) -> Checked<Rule> {
        self.in_output = b.kind.name != "eis";
        let rule = self.rule_inner(src, soort, b);
        self.in_output = false;
        rule
    }

    fn rule_inner(&mut self, src: &SourceFile, soort: &str, b: &Block) -> Checked<Rule> {
        let a = self.attrs(src, b);
        let bron = self.need_text(src, &a, "bron");
        let alleen_als = self.opt_typed(src, &a, "alleen_als");
        let kind = match b.kind.name.as_str() {
            "eis" => {
                let tekst = self.need_text(src, &a, "tekst");
                let voorwaarde = self.need_typed(src, &a, "voorwaarde");
                RuleKind::Eis { tekst: tekst?, voorwaarde: voorwaarde? }
            }
            "deskundige" => self.deskundige(src, b, &a)?,
            "bedrag" => {
                let regeling = self.need_typed(src, &a, "regeling");
                let bedrag = self.need_typed(src, &a, "bedrag");
                let ontvanger = self.need_typed(src, &a, "ontvanger");
                let berekening = self.need_typed(src, &a, "berekening");
                RuleKind::Bedrag { regeling: regeling?, bedrag: bedrag?, ontvanger: ontvanger?, berekening: berekening? }
            }
            "termijn" => self.termijn(src, &a, &bron)?,
            "waarschuwing" => RuleKind::Waarschuwing { tekst: self.need_typed(src, &a, "tekst")? },
            _ => {
                // Uitkomsten named in the vocabulary are checked against their type;
                // others take the type of their value (documented in the README).
                let name = b.name.name.as_str();
                let attr = self.need(src, &a, "waarde")?;
                let waarde = match self.vocab.uitkomsten.get(name).cloned() {
                    Some(want) => self.typed(src, attr, &want)?,
                    None => {
                        let before = self.reported();
                        let checked = self.expr(src, &attr.value, 0).map(|(t, _)| t);
                        self.since(before, src, attr.value.span, checked)?
                    }
                };
                RuleKind::Uitkomst { naam: Arc::from(name), waarde }
            }
        };
        let plaats = plaats(src, b.name.span);
        let at = RuleAt::of(src, b);
        Ok(Rule { id: Arc::from(format!("{soort}.{}", b.name.name)), plaats, bron: bron?, alleen_als: alleen_als?, kind, span: b.name.span, json: Default::default(), at })
    }

    fn deskundige(&mut self, src: &SourceFile, b: &Block, a: &Attrs) -> Checked<RuleKind> {
        // Every keuze list a deskundige needs is reported before its attributes are checked.
        let lists = taal::attributes(&b.kind.name).iter().filter_map(|s| match s.value {
            ValueKind::Keuze(list) | ValueKind::KeuzeList(list) => Some(list),
            _ => None,
        });
        let found: Vec<Checked<Type>> = lists.map(|list| self.vocab_list(src, b, list)).collect();
        found.into_iter().collect::<Checked<Vec<Type>>>()?;
        let rol = self.need_typed(src, a, "rol");
        let disciplines = self.need_typed(src, a, "disciplines");
        let onafhankelijk = self.need_typed(src, a, "onafhankelijk");
        let organisatie = self.need_typed(src, a, "organisatie");
        let vorm = self.need_typed(src, a, "vorm");
        Ok(RuleKind::Deskundige { rol: rol?, disciplines: disciplines?, onafhankelijk: onafhankelijk?, organisatie: organisatie?, vorm: vorm? })
    }

    fn termijn(&mut self, src: &SourceFile, a: &Attrs, bron: &Checked<Arc<str>>) -> Checked<RuleKind> {
        let wat = self.need_typed(src, a, "wat");
        let uiterlijk = self.need_typed(src, a, "uiterlijk");
        let grondslag = match self.opt_typed(src, a, "grondslag") {
            Ok(Some(g)) => Ok(g),
            Ok(None) => bron.clone().map(|s| TExpr::Const(Value::Text(s))),
            Err(r) => Err(r),
        };
        let soort = match a.get("soort") {
            Some(attr) => match self.vocab.enum_by_name.get("termijnsoort") {
                Some(i) => self.typed(src, attr, &Type::Enum(*i)),
                None => Err(self.report(
                    Problem::new(Code::Vocabulaire, src, attr.value.span, "`soort` vraagt de keuzelijst `termijnsoort`, maar regions/vocabulaire.toml heeft die niet")
                        .help("zet `termijnsoort = [\"uiterlijk\", \"vroegst\", \"vanaf\"]` onder [keuzes] in regions/vocabulaire.toml"),
                )),
            },
            None => Ok(TExpr::Const(Value::Text(Arc::from("uiterlijk")))),
        };
        let voldaan = self.opt_typed(src, a, "voldaan");
        let indicatief = self.opt_typed(src, a, "indicatief").map(|i| i.unwrap_or(TExpr::Const(Value::Bool(false))));
        Ok(RuleKind::Termijn { wat: wat?, uiterlijk: uiterlijk?, grondslag: grondslag?, soort: soort?, voldaan: voldaan?, indicatief: indicatief? })
    }

    pub(super) fn workflow(&mut self, src: &SourceFile, block: &Block) -> Checked<Workflow> {
        self.in_output = true;
        let wf = self.workflow_inner(src, block);
        self.in_output = false;
        wf
    }

    fn workflow_inner(&mut self, src: &SourceFile, block: &Block) -> Checked<Workflow> {
        let a = self.attrs(src, block);
        let bron = self.need_text(src, &a, "bron");
        let volgt = self.volgt(src, &a);
        let uitkomst = match a.get("uitkomst").map(|u| self.bare_name(src, u)).transpose() {
            Ok(Some((name, e))) => {
                if !self.vocab.uitkomsten.contains_key(name) {
                    let help = did_you_mean(name, self.vocab.uitkomsten.keys().map(String::as_str), "uitkomsten staan in regions/vocabulaire.toml onder [uitkomsten]");
                    self.problems.push(Problem::new(Code::OnbekendeUitkomst, src, e.span, format!("onbekende uitkomst `{name}`")).help(help));
                }
                Ok(Some(Arc::from(name)))
            }
            Ok(None) => Ok(None),
            Err(r) => Err(r),
        };
        let (statuses, status_index, status_spans) = self.statuses(src, block);
        let mut transitions = Vec::new();
        for item in &block.items {
            let Item::Block(tb) = item else { continue };
            if tb.kind.name == "overgang" {
                if let Ok(t) = self.transition(src, block, tb, &status_index) {
                    transitions.push(t);
                }
            }
        }
        let regel = Arc::from(format!("workflow.{}", block.name.name));
        let at = WorkflowAt { source: src.clone(), name: block.name.span, statuses: status_spans };
        Ok(Workflow { name: Arc::from(block.name.name.as_str()), regel, volgt: volgt?, uitkomst: uitkomst?, bron: bron?, statuses, transitions, at })
    }

    /// `volgt`: the dossier field with the current status.
    fn volgt(&mut self, src: &SourceFile, a: &Attrs) -> Checked<crate::vocab::FieldId> {
        match &self.need(src, a, "volgt")?.value {
            e @ Expr { kind: ExprKind::Path(parts), .. } => match self.vocab.by_path.get(&parts.join(".")) {
                Some(&id) if matches!(self.vocab.field(id).map(|f| &f.ty), Some(Type::Text | Type::Enum(_))) => Ok(id),
                _ => Err(self.report(
                    Problem::new(Code::Type, src, e.span, "`volgt` noemt het dossierveld met de huidige status (een tekst of keuze)")
                        .help("bijvoorbeeld `volgt aanvraag.status`"),
                )),
            },
            e => Err(self.report(Problem::new(Code::NaamVerwacht, src, e.span, "`volgt` vraagt een dossierveld").help("bijvoorbeeld `volgt aanvraag.status`"))),
        }
    }

    /// The statuses of a workflow, their positions by name, and the spans of their names.
    fn statuses(&mut self, src: &SourceFile, block: &Block) -> (Vec<Status>, HashMap<String, StatusId>, Vec<Span>) {
        let mut statuses = Vec::new();
        let mut spans = Vec::new();
        let mut status_index: HashMap<String, StatusId> = HashMap::new();
        for item in &block.items {
            let Item::Block(sb) = item else { continue };
            if sb.kind.name != "status" {
                continue;
            }
            let sa = self.attrs(src, sb);
            let tekst = self.need_text(src, &sa, "tekst");
            let omschrijving = self.opt_typed(src, &sa, "omschrijving");
            let door = self.need_text(src, &sa, "door");
            let sbron = self.need_text(src, &sa, "bron");
            if status_index.contains_key(&sb.name.name) {
                self.problems.push(
                    Problem::new(Code::Dubbel, src, sb.name.span, format!("status `{}` bestaat al", sb.name.name)).help("geef elke status een eigen naam"),
                );
                continue;
            }
            if let (Ok(tekst), Ok(door), Ok(sbron), Ok(omschrijving)) = (tekst, door, sbron, omschrijving) {
                status_index.insert(sb.name.name.clone(), StatusId::new(statuses.len()));
                statuses.push(Status { id: Arc::from(sb.name.name.as_str()), tekst, door, omschrijving, bron: sbron });
                spans.push(sb.name.span);
            }
        }
        (statuses, status_index, spans)
    }

    fn transition(&mut self, src: &SourceFile, block: &Block, tb: &Block, status_index: &HashMap<String, StatusId>) -> Checked<Transition> {
        let ta = self.attrs(src, tb);
        let van = ta.get("van").map(|attr| self.status_ref(src, attr, status_index)).transpose();
        let naar = self.need(src, &ta, "naar").and_then(|attr| self.status_ref(src, attr, status_index));
        let door = self.opt_text(src, ta.get("door"));
        let voorwaarde = self.opt_typed(src, &ta, "voorwaarde");
        let toelichting = self.opt_text(src, ta.get("toelichting"));
        let tbron = self.need_text(src, &ta, "bron");
        let regel = Arc::from(format!("workflow.{}.{}", block.name.name, tb.name.name));
        Ok(Transition {
            id: Arc::from(tb.name.name.as_str()),
            regel,
            plaats: plaats(src, tb.name.span),
            van: van?,
            naar: naar?,
            door: door?,
            voorwaarde: voorwaarde?,
            toelichting: toelichting?,
            bron: tbron?,
            json: Default::default(),
        })
    }

    fn status_ref(&mut self, src: &SourceFile, attr: &Attr, index: &HashMap<String, StatusId>) -> Checked<StatusId> {
        let (name, e) = self.bare_name(src, attr)?;
        if let Some(i) = index.get(name) {
            return Ok(*i);
        }
        let help = did_you_mean(name, index.keys().map(String::as_str), "declareer de status met `status <naam> { tekst \"...\" door \"...\" bron \"...\" }`");
        Err(self.report(
            Problem::new(Code::OnbekendeStatus, src, e.span, format!("status `{name}` bestaat niet in deze workflow"))
                .label("onbekende status")
                .help(help),
        ))
    }
}

/// The help for an attribute a block does not have: what it does have.
fn unknown_attr_help(kind: &str, spec: &[taal::AttrSpec], nested: &[&str]) -> String {
    let attrs = spec.iter().map(|k| k.name).collect::<Vec<_>>().join(", ");
    match (attrs.is_empty(), nested.is_empty()) {
        (false, _) => format!("een `{kind}` heeft: {attrs}"),
        (true, false) => format!("een `{kind}` heeft geen attributen, alleen blokken: {}", nested.join(", ")),
        (true, true) => format!("een `{kind}` heeft geen attributen"),
    }
}

/// `file:line` of a span, as errors and explanations show it.
fn plaats(src: &SourceFile, span: crate::source::Span) -> Arc<str> {
    Arc::from(format!("{}:{}", src.name, src.line_col(span.start as usize).0))
}

/// A list literal of constants (such as a list of school holidays) as one value.
fn constant_list(items: &[TExpr]) -> Option<Value> {
    let values = items.iter().map(|t| match t {
        TExpr::Const(v) => Some(v.clone()),
        TExpr::List(inner) => constant_list(inner),
        _ => None,
    });
    values.collect::<Option<Vec<Value>>>().map(|v| Value::List(v.into()))
}

/// A list of date lists is a list of periods: each exactly `[begin, einde]`, begin not after einde.
fn period_problem(v: &Value) -> Option<String> {
    let Value::List(items) = v else { return None };
    for item in items.iter() {
        let Value::List(pair) = item else { return None };
        if !pair.iter().all(|x| matches!(x, Value::Date(_))) {
            return None;
        }
        match &pair[..] {
            [Value::Date(b), Value::Date(e)] if b <= e => {}
            [Value::Date(b), Value::Date(e)] => return Some(format!("de periode begint ({b}) na haar einde ({e})")),
            _ => return Some(format!("een periode heeft een begin en een einde, geen {} datum(s)", pair.len())),
        }
    }
    None
}

#[cfg(test)]
#[path = "blocks_tests.rs"]
mod tests;
