//! Typing and resolving expressions: names to slots and indices, operators
//! to the typed operations of `model`, string literals checked against the
//! keuze list they are compared with.

use super::model::{Arith, Builtin, TExpr};
use super::suggest::did_you_mean;
use super::Checker;
use crate::diagnostics::{Code, Problem};
use crate::source::SourceFile;
use crate::syntax::ast::{BinOp, Expr, ExprKind, UnOp};
use crate::taal::{self, Function, Params};
use crate::types::Type;
use crate::value::Value;
use std::sync::Arc;

/// Deepest expression nesting a rule file may use.
pub const MAX_DEPTH: usize = 64;

impl Checker<'_> {
    /// Types `e` and checks it fits `want`; literals are checked against keuze lists.
    pub(super) fn expect(&mut self, src: &SourceFile, e: &Expr, want: &Type) -> Option<TExpr> {
        self.expect_at(src, e, want, 0)
    }

    /// `expect` for an expression at `depth` (the operands of `en`/`of`, an
    /// `als`-condition and function arguments count like any operand).
    fn expect_at(&mut self, src: &SourceFile, e: &Expr, want: &Type, depth: usize) -> Option<TExpr> {
        if depth > MAX_DEPTH {
            return self.expr(src, e, depth).map(|(t, _)| t); // reports te_diep
        }
        self.deepest = self.deepest.max(depth);
        let d = depth + 1;
        if let (Type::Enum(id), ExprKind::Text(t)) = (want, &e.kind) {
            return self.enum_literal(src, e, *id, t);
        }
        if let (Type::Enum(_) | Type::List(_), ExprKind::If(c, a, b)) = (want, &e.kind) {
            let c = self.expect_at(src, c, &Type::Bool, d);
            let a = self.expect_at(src, a, want, d);
            let b = self.expect_at(src, b, want, d);
            return Some(TExpr::If(Box::new(c?), Box::new(a?), Box::new(b?)));
        }
        if let (Type::List(inner), ExprKind::List(items)) = (want, &e.kind) {
            let mut out = Vec::new();
            let mut ok = true;
            for item in items {
                match self.expect_at(src, item, inner, d) {
                    Some(t) => out.push(t),
                    None => ok = false,
                }
            }
            return ok.then_some(TExpr::List(out));
        }
        let (t, ty) = self.expr(src, e, depth)?;
        if ty.fits(want) {
            return Some(t);
        }
        // A text built only from literals (e.g. a definitie `als ... dan "a" anders "b"`)
        // fits a keuze list when every literal is one of its values.
        if let (Type::Enum(id), Type::Text) = (want, &ty) {
            if let Some(values) = self.literal_texts(&t) {
                let allowed = self.vocab.enums.get(*id).map(|d| d.values.clone()).unwrap_or_default();
                let bad: Vec<&Arc<str>> = values.iter().filter(|v| !allowed.contains(v)).collect();
                if bad.is_empty() {
                    return Some(t);
                }
                let def_name = self.vocab.enums.get(*id).map(|d| d.name.clone()).unwrap_or_default();
                self.problems.push(
                    Problem::new(Code::Keuze, src, e.span, format!("\"{}\" is geen waarde van `{def_name}`", bad.first().map(|b| &***b).unwrap_or("")))
                        .label("kan hier uitkomen")
                        .help(format!("kies uit {}", allowed.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", "))),
                );
                return None;
            }
        }
        if let (Type::Money, Type::Int) = (want, &ty) {
            if self.bare_number_for_money(src, e) {
                return None;
            }
        }
        {
            let names = self.vocab.enum_names();
            self.problems.push(
                Problem::new(Code::Type, src, e.span, format!("verwacht {}, maar dit is {}", want.describe(&names), ty.describe(&names)))
                    .label(format!("dit is {}", ty.describe(&names)))
                    .help(format!("schrijf hier {}", want.describe(&names))),
            );
            None
        }
    }

    /// A number where an amount is expected (`bedrag 750`, or a parameter
    /// `waarde 750` used as an amount): reported at the number itself.
    fn bare_number_for_money(&mut self, src: &SourceFile, e: &Expr) -> bool {
        let (at_src, span, n) = match &e.kind {
            ExprKind::Int(n) => (src.clone(), e.span, *n),
            ExprKind::Path(parts) if parts.len() == 1 => match parts.first().and_then(|p| self.int_params.get(p.as_str())) {
                Some((s, span, n)) => (s.clone(), *span, *n),
                None => return false,
            },
            _ => return false,
        };
        if self.problems.iter().any(|p| p.code == Code::Bedrag && p.span == span && p.source.name == at_src.name) {
            return true;
        }
        let literal = crate::value::money_literal(n.saturating_mul(100));
        self.problems.push(
            Problem::new(Code::Bedrag, &at_src, span, format!("`{n}` is een getal, hier hoort een bedrag"))
                .label("bedrag zonder €")
                .help(format!("schrijf `{literal}`")),
        );
        true
    }

    /// The texts an expression can produce, when it is built only from text
    /// literals, `als`-branches and definities of those.
    fn literal_texts(&self, t: &TExpr) -> Option<Vec<Arc<str>>> {
        match t {
            TExpr::Const(Value::Text(s)) => Some(vec![s.clone()]),
            TExpr::If(_, a, b) => {
                let mut v = self.literal_texts(a)?;
                v.extend(self.literal_texts(b)?);
                Some(v)
            }
            TExpr::Def(i) => self.defs.get(i.index()).and_then(|d| self.literal_texts(&d.expr)),
            _ => None,
        }
    }

    fn enum_literal(&mut self, src: &SourceFile, e: &Expr, id: usize, text: &str) -> Option<TExpr> {
        let def = self.vocab.enums.get(id)?;
        if let Some(v) = def.values.iter().find(|v| &***v == text) {
            return Some(TExpr::Const(Value::Text(v.clone())));
        }
        let help = did_you_mean(text, def.values.iter().map(|v| &**v), "");
        let allowed = def.values.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ");
        self.problems.push(
            Problem::new(Code::Keuze, src, e.span, format!("\"{text}\" is geen waarde van `{}`", def.name))
                .label("onbekende waarde")
                .help(if help.is_empty() { format!("kies uit {allowed}") } else { format!("{help} Kies uit {allowed}") }),
        );
        None
    }

    /// Types an expression.
    pub(super) fn expr(&mut self, src: &SourceFile, e: &Expr, depth: usize) -> Option<(TExpr, Type)> {
        if depth > MAX_DEPTH {
            self.problems.push(
                Problem::new(Code::TeDiep, src, e.span, format!("deze uitdrukking is dieper genest dan {MAX_DEPTH} niveaus"))
                    .help("splits haar op in definities"),
            );
            return None;
        }
        self.deepest = self.deepest.max(depth);
        let d = depth + 1;
        Some(match &e.kind {
            ExprKind::Bool(b) => (TExpr::Const(Value::Bool(*b)), Type::Bool),
            ExprKind::Int(n) => (TExpr::Const(Value::Int(*n)), Type::Int),
            ExprKind::Money(c) => (TExpr::Const(Value::Money(*c)), Type::Money),
            ExprKind::Duration(n, u) => (TExpr::Const(Value::Duration(*n, *u)), Type::Duration),
            ExprKind::DayMonth(day, m) => (TExpr::Const(Value::DayMonth(*day, *m)), Type::DayMonth),
            ExprKind::Date(date) => (TExpr::Const(Value::Date(*date)), Type::Date),
            ExprKind::Text(t) => (TExpr::Const(Value::Text(Arc::from(t.as_str()))), Type::Text),
            ExprKind::List(items) => {
                let mut out = Vec::new();
                let mut elem = Type::Empty;
                for item in items {
                    let (t, ty) = self.expr(src, item, d)?;
                    if elem == Type::Empty {
                        elem = ty;
                    } else if !ty.fits(&elem) && !elem.fits(&ty) {
                        let names = self.vocab.enum_names();
                        self.problems.push(
                            Problem::new(Code::Type, src, item.span, "alle waarden in een lijst moeten van hetzelfde soort zijn")
                                .label(format!("dit is {}", ty.describe(&names)))
                                .help(format!("de lijst begon met {}", elem.describe(&names))),
                        );
                        return None;
                    }
                    out.push(t);
                }
                (TExpr::List(out), Type::List(Box::new(elem)))
            }
            ExprKind::Path(parts) => self.path(src, e, parts, depth)?,
            ExprKind::Unary(op, inner) => {
                let want = if *op == UnOp::Niet { Type::Bool } else { Type::Int };
                let (t, ty) = self.expr(src, inner, d)?;
                match (op, &ty) {
                    (UnOp::Niet, Type::Bool) => (TExpr::Not(Box::new(t)), Type::Bool),
                    (UnOp::Neg, Type::Int | Type::Money) => (TExpr::Neg(Box::new(t)), ty),
                    _ => {
                        let names = self.vocab.enum_names();
                        self.problems.push(
                            Problem::new(Code::Type, src, inner.span, format!("verwacht {}", want.describe(&names)))
                                .label(format!("dit is {}", ty.describe(&names)))
                                .help(if *op == UnOp::Niet { "`niet` werkt op ja/nee" } else { "`-` werkt op getallen en bedragen" }),
                        );
                        return None;
                    }
                }
            }
            ExprKind::Binary(op, l, r) => self.binary(src, e, *op, l, r, d)?,
            ExprKind::If(c, a, b) => {
                let c = self.expect_at(src, c, &Type::Bool, d);
                let (ta, tya) = self.expr(src, a, d)?;
                let (tb, tyb) = self.branch(src, b, &tya, d)?;
                let ty = if tya == Type::Empty { tyb } else { tya };
                (TExpr::If(Box::new(c?), Box::new(ta), Box::new(tb)), ty)
            }
            ExprKind::Call(name, args) => self.call(src, e, &name.name, args, d)?,
        })
    }

    /// The `anders` branch must have the type of the `dan` branch.
    fn branch(&mut self, src: &SourceFile, e: &Expr, want: &Type, depth: usize) -> Option<(TExpr, Type)> {
        if let Type::Enum(_) = want {
            let t = self.expect_at(src, e, want, depth)?;
            return Some((t, want.clone()));
        }
        let (t, ty) = self.expr(src, e, depth)?;
        if ty.fits(want) || want.fits(&ty) {
            Some((t, ty))
        } else {
            let names = self.vocab.enum_names();
            self.problems.push(
                Problem::new(Code::Type, src, e.span, "`dan` en `anders` geven verschillende soorten waarden")
                    .label(format!("dit is {}", ty.describe(&names)))
                    .help(format!("`dan` geeft {}; geef hier hetzelfde soort", want.describe(&names))),
            );
            None
        }
    }

    fn path(&mut self, src: &SourceFile, e: &Expr, parts: &[String], depth: usize) -> Option<(TExpr, Type)> {
        let dotted = parts.join(".");
        if parts.len() == 1 {
            let name = &parts[0];
            if name == "peildatum" {
                return Some((TExpr::Peildatum, Type::Date));
            }
            if name == "in_aanmerking" {
                if self.in_output {
                    return Some((TExpr::InAanmerking, Type::Bool));
                }
                self.problems.push(
                    Problem::new(Code::InAanmerking, src, e.span, "`in_aanmerking` kan hier niet: het wordt pas na de eisen bepaald")
                        .label("nog niet bekend")
                        .help("gebruik `in_aanmerking` alleen in deskundige, bedrag, termijn, waarschuwing, uitkomst en workflow, niet in een eis of definitie"),
                );
                return None;
            }
            if let Some((i, ty)) = self.param_by_name.get(name) {
                return Some((TExpr::Param(*i), ty.clone()));
            }
            if self.def_index.contains_key(name) {
                let (i, ty) = self.resolve_def(name, src, e.span, depth)?;
                return Some((TExpr::Def(i), ty));
            }
        }
        if let Some(&id) = self.vocab.by_path.get(&dotted) {
            let ty = self.vocab.field(id).map(|f| f.ty.clone())?;
            self.needs_uitleg(src, e.span, id, &dotted);
            return Some((TExpr::Field(id), ty));
        }
        let candidates: Vec<&str> = self
            .vocab
            .fields
            .iter()
            .map(|f| &*f.path)
            .chain(self.param_by_name.keys().map(String::as_str))
            .chain(self.def_index.keys().map(String::as_str))
            .collect();
        let help = did_you_mean(&dotted, candidates, "velden staan in regions/vocabulaire.toml; parameters en definities in de regelbestanden");
        let msg = if parts.len() == 1 {
            format!("onbekende naam `{dotted}`")
        } else {
            format!("onbekend dossierveld `{dotted}`")
        };
        self.problems.push(Problem::new(Code::OnbekendeNaam, src, e.span, msg).label("niet gevonden").help(help));
        None
    }

    fn binary(&mut self, src: &SourceFile, e: &Expr, op: BinOp, l: &Expr, r: &Expr, d: usize) -> Option<(TExpr, Type)> {
        match op {
            BinOp::En | BinOp::Of => {
                let a = self.expect_at(src, l, &Type::Bool, d);
                let b = self.expect_at(src, r, &Type::Bool, d);
                let (a, b) = (Box::new(a?), Box::new(b?));
                Some((if op == BinOp::En { TExpr::And(a, b) } else { TExpr::Or(a, b) }, Type::Bool))
            }
            BinOp::In => {
                let (tl, tyl) = self.expr(src, l, d)?;
                let want = Type::List(Box::new(tyl.clone()));
                let tr = match (&tyl, &r.kind) {
                    (Type::Enum(_), ExprKind::List(_)) => self.expect_at(src, r, &want, d)?,
                    _ => {
                        let (tr, tyr) = self.expr(src, r, d)?;
                        let fits = match &tyr {
                            Type::List(inner) => tyl.fits(inner) || inner.fits(&tyl),
                            _ => false,
                        };
                        if !fits {
                            return self.mismatch(src, e, op, &tyl, &tyr);
                        }
                        tr
                    }
                };
                Some((TExpr::In(Box::new(tl), Box::new(tr)), Type::Bool))
            }
            BinOp::Cmp(cmp) => {
                let (tl, tyl) = self.expr(src, l, d)?;
                // A text literal compared with a keuze field is checked against its list.
                let (tr, tyr) = match (&tyl, &r.kind) {
                    (Type::Enum(_), ExprKind::Text(_)) => (self.expect_at(src, r, &tyl, d)?, tyl.clone()),
                    _ => self.expr(src, r, d)?,
                };
                let tl = match (&tyr, &l.kind) {
                    (Type::Enum(_), ExprKind::Text(_)) => self.expect_at(src, l, &tyr, d)?,
                    _ => tl,
                };
                let ok = if cmp.is_ordered() {
                    tyl == tyr && matches!(tyl, Type::Int | Type::Money | Type::Date)
                } else {
                    tyl.fits(&tyr) || tyr.fits(&tyl) || (matches!(tyl, Type::Enum(_)) && matches!(tyr, Type::Enum(_)))
                };
                if !ok {
                    return self.mismatch(src, e, op, &tyl, &tyr);
                }
                Some((TExpr::Cmp(cmp, Box::new(tl), Box::new(tr)), Type::Bool))
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul => {
                let (tl, tyl) = self.expr(src, l, d)?;
                let (tr, tyr) = self.expr(src, r, d)?;
                let text = |t: &Type| matches!(t, Type::Text | Type::Enum(_));
                let (arith, ty, swap) = match (op, &tyl, &tyr) {
                    (BinOp::Add | BinOp::Sub, Type::Int, Type::Int) => (arith_of(op), Type::Int, false),
                    (BinOp::Add | BinOp::Sub, Type::Money, Type::Money) => (arith_of(op), Type::Money, false),
                    (BinOp::Add, Type::Date, Type::Duration) => (Arith::DatePlus, Type::Date, false),
                    (BinOp::Sub, Type::Date, Type::Duration) => (Arith::DateMinus, Type::Date, false),
                    (BinOp::Add, a, b) if text(a) && text(b) => (Arith::Concat, Type::Text, false),
                    (BinOp::Mul, Type::Int, Type::Int) => (Arith::Mul, Type::Int, false),
                    (BinOp::Mul, Type::Money, Type::Int) => (Arith::Mul, Type::Money, false),
                    (BinOp::Mul, Type::Int, Type::Money) => (Arith::Mul, Type::Money, true),
                    (BinOp::Mul, Type::Duration, Type::Int) => (Arith::MulDuration, Type::Duration, false),
                    (BinOp::Mul, Type::Int, Type::Duration) => (Arith::MulDuration, Type::Duration, true),
                    _ => return self.mismatch(src, e, op, &tyl, &tyr),
                };
                let (a, b) = if swap { (tr, tl) } else { (tl, tr) };
                Some((TExpr::Arith(arith, Box::new(a), Box::new(b)), ty))
            }
        }
    }

    fn mismatch(&mut self, src: &SourceFile, e: &Expr, op: BinOp, l: &Type, r: &Type) -> Option<(TExpr, Type)> {
        let names = self.vocab.enum_names();
        let help = match op {
            BinOp::Add | BinOp::Sub => "tel bedragen bij bedragen, getallen bij getallen, en een duur (`8 weken`) bij een datum",
            BinOp::Mul => "vermenigvuldig een bedrag, getal of duur met een geheel getal",
            BinOp::In => "`x in lijst` vraagt een lijst van hetzelfde soort als x",
            _ => "vergelijk waarden van hetzelfde soort",
        };
        self.problems.push(
            Problem::new(
                Code::Type,
                src,
                e.span,
                format!("`{}` past niet bij {} en {}", op.symbol(), l.describe(&names), r.describe(&names)),
            )
            .label("deze soorten passen niet bij elkaar")
            .help(help),
        );
        None
    }

    /// A call of a built-in function, typed by its entry in the language table.
    fn call(&mut self, src: &SourceFile, e: &Expr, name: &str, args: &[Expr], d: usize) -> Option<(TExpr, Type)> {
        let Some(function) = taal::function(name) else {
            let names: Vec<&str> = taal::FUNCTIONS.iter().map(|f| f.name).collect();
            self.problems.push(
                Problem::new(Code::OnbekendeFunctie, src, e.span, format!("onbekende functie `{name}`"))
                    .label("onbekende functie")
                    .help(did_you_mean(name, names.iter().copied(), &format!("functies: {}", names.join(", ")))),
            );
            return None;
        };
        let (builtin, params, result) = match (function.builtin, function.params) {
            (None, _) => return self.known(src, e, args),
            (Some(Builtin::Uitleg | Builtin::WaardeOp), _) => return self.period_call(src, e, function, args, d),
            (Some(_), Params::Special(_)) => return self.generic_call(src, e, function, args, d),
            (Some(b), Params::Fixed(params, result)) => (b, params, result),
        };
        if !self.arity(src, e, name, args, params.len()) {
            return None;
        }
        let mut out = Vec::new();
        for (a, p) in args.iter().zip(params) {
            out.push(self.expect_at(src, a, &p.to_type(), d));
        }
        let out: Option<Vec<TExpr>> = out.into_iter().collect();
        Some((TExpr::Call(builtin, out?), result.to_type()))
    }

    /// `aantal`, `alle_gelijk`, `tekst`, `min`, `max`: typed by their arguments.
    fn generic_call(&mut self, src: &SourceFile, e: &Expr, function: &Function, args: &[Expr], d: usize) -> Option<(TExpr, Type)> {
        let name = function.name;
        if !self.arity(src, e, name, args, function.params.arity()) {
            return None;
        }
        let mut typed = Vec::new();
        for a in args {
            typed.push(self.expr(src, a, d)?);
        }
        let names = self.vocab.enum_names();
        let first_ty = typed.first().map(|(_, t)| t.clone()).unwrap_or(Type::Empty);
        let builtin = function.builtin?;
        let (result, ok) = match builtin {
            Builtin::Aantal => (Type::Int, matches!(first_ty, Type::List(_))),
            Builtin::AlleGelijk => (Type::Bool, matches!(first_ty, Type::List(_))),
            Builtin::Tekst => (Type::Text, true),
            _ => {
                let same = typed.iter().all(|(_, t)| *t == first_ty);
                (first_ty.clone(), same && matches!(first_ty, Type::Int | Type::Money | Type::Date))
            }
        };
        if !ok {
            let want = match builtin {
                Builtin::Aantal | Builtin::AlleGelijk => "een lijst",
                _ => "twee getallen, bedragen of datums van hetzelfde soort",
            };
            self.problems.push(
                Problem::new(Code::Type, src, e.span, format!("`{name}` verwacht {want}"))
                    .label(format!("dit is {}", first_ty.describe(&names)))
                    .help(format!("geef `{name}` {want}")),
            );
            return None;
        }
        Some((TExpr::Call(builtin, typed.into_iter().map(|(t, _)| t).collect()), result))
    }

    fn arity(&mut self, src: &SourceFile, e: &Expr, name: &str, args: &[Expr], n: usize) -> bool {
        if args.len() == n {
            return true;
        }
        self.problems.push(
            Problem::new(Code::Argumenten, src, e.span, format!("`{name}` krijgt {n} waarde(n), niet {}", args.len()))
                .help("zie de lijst met functies in de README"),
        );
        false
    }

    /// `uitleg(per_maand(...))` (its argument must be a `per_maand`, `per_week` or
    /// `per_jaar`) and `waarde_op(parameter, datum)` (its first argument a parameter).
    fn period_call(&mut self, src: &SourceFile, e: &Expr, function: &Function, args: &[Expr], d: usize) -> Option<(TExpr, Type)> {
        let name = function.name;
        if !self.arity(src, e, name, args, function.params.arity()) {
            return None;
        }
        let first = args.first()?;
        let (t, ty) = self.expr(src, first, d)?;
        if function.builtin == Some(Builtin::Uitleg) {
            if let TExpr::Call(Builtin::PerMaand | Builtin::PerWeek | Builtin::PerJaar, _) = t {
                return Some((TExpr::Call(Builtin::Uitleg, vec![t]), Type::Text));
            }
            self.problems.push(
                Problem::new(Code::Type, src, first.span, "`uitleg` schrijft een bedrag over een periode uit")
                    .label("geen per_maand, per_week of per_jaar")
                    .help("schrijf bijvoorbeeld `uitleg(per_maand(overbrugging_per_maand, aanvraag.periode.van, aanvraag.periode.tot))`"),
            );
            return None;
        }
        if !matches!(t, TExpr::Param(_)) {
            self.problems.push(
                Problem::new(Code::Type, src, first.span, "`waarde_op` vraagt een parameter")
                    .label("geen parameter")
                    .help("schrijf bijvoorbeeld `waarde_op(overbrugging_per_maand, aanvraag.ingediend_op)`"),
            );
            return None;
        }
        let on = self.expect(src, args.get(1)?, &Type::Date)?;
        Some((TExpr::Call(Builtin::WaardeOp, vec![t, on]), ty))
    }

    /// A field a rule reads needs words for parents (issue 14): `[uitleg]` in the vocabulary.
    fn needs_uitleg(&mut self, src: &SourceFile, span: crate::source::Span, id: crate::vocab::FieldId, dotted: &str) {
        if self.vocab.uitleg_verplicht && self.vocab.veld_uitleg(id).is_none() {
            self.problems.push(
                Problem::new(Code::Woordenlijst, src, span, format!("veld `{dotted}` heeft geen uitleg voor ouders en scholen"))
                    .help(format!("zet in regions/vocabulaire.toml onder [uitleg]: \"{dotted}\" = {{ label = \"…\", vraag = \"…?\" }}")),
            );
        }
    }

    fn known(&mut self, src: &SourceFile, e: &Expr, args: &[Expr]) -> Option<(TExpr, Type)> {
        let arity = taal::function("bekend").map_or(1, |f| f.params.arity());
        if !self.arity(src, e, "bekend", args, arity) {
            return None;
        }
        let arg = args.first()?;
        if let ExprKind::Path(parts) = &arg.kind {
            if let Some(&id) = self.vocab.by_path.get(&parts.join(".")) {
                self.needs_uitleg(src, arg.span, id, &parts.join("."));
                return Some((TExpr::Known(id), Type::Bool));
            }
            self.path(src, arg, parts, self.def_base)?;
        }
        self.problems.push(
            Problem::new(Code::Type, src, arg.span, "`bekend` vraagt een dossierveld")
                .help("schrijf bijvoorbeeld `bekend(tlv.afgegeven_op)`"),
        );
        None
    }
}

fn arith_of(op: BinOp) -> Arith {
    if op == BinOp::Sub {
        Arith::Sub
    } else {
        Arith::Add
    }
}
