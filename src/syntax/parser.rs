//! Lowers pest pairs to the syntax tree, one function per grammar rule.
//! Syntax errors become located `Problem`s with words a person understands.

use super::ast::*;
use super::hints;
use crate::diagnostics::{Code, Problem};
use crate::source::{SourceFile, Span};
use chrono::NaiveDate;
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser;
use std::sync::OnceLock;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/passend.pest"]
struct PassendParser;

fn pratt() -> &'static PrattParser<Rule> {
    static PRATT: OnceLock<PrattParser<Rule>> = OnceLock::new();
    PRATT.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::op_of, Assoc::Left))
            .op(Op::infix(Rule::op_en, Assoc::Left))
            .op(Op::prefix(Rule::op_niet))
            .op(Op::infix(Rule::op_eq, Assoc::Left)
                | Op::infix(Rule::op_ne, Assoc::Left)
                | Op::infix(Rule::op_lt, Assoc::Left)
                | Op::infix(Rule::op_le, Assoc::Left)
                | Op::infix(Rule::op_gt, Assoc::Left)
                | Op::infix(Rule::op_ge, Assoc::Left)
                | Op::infix(Rule::op_in, Assoc::Left))
            .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
            .op(Op::infix(Rule::op_mul, Assoc::Left))
            .op(Op::prefix(Rule::op_neg))
    })
}

/// Largest rule file (bytes) that is parsed; the biggest bundled one is under 50 KiB.
pub const MAX_FILE_SIZE: usize = 1024 * 1024;

/// Parses one rule file. On a syntax error, returns that one located problem.
pub fn parse_file(source: &SourceFile) -> Result<File, Vec<Problem>> {
    if source.text.len() > MAX_FILE_SIZE {
        // Underline (at most 200 bytes of) the first line, ending on a character boundary.
        let first_line = source
            .text
            .char_indices()
            .take_while(|(i, c)| *i < 200 && *c != '\n')
            .last()
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        return Err(vec![Problem::new(
            Code::TeGroot,
            source,
            Span::new(0, first_line),
            format!("dit regelbestand is {} bytes, meer dan de grens van {MAX_FILE_SIZE} bytes (1 MiB)", source.text.len()),
        )
        .label("dit bestand is te groot")
        .help("verdeel de regels over meerdere bestanden in dezelfde versiemap")]);
    }
    let dates = hints::dutch_dates(source);
    let mut pairs = match PassendParser::parse(Rule::file, &source.text) {
        Ok(p) => p,
        Err(e) => {
            let mut problems = dates;
            problems.extend(hints::explain_failure(source));
            if problems.is_empty() {
                problems.push(syntax_problem(source, e));
            }
            return Err(problems);
        }
    };
    let mut lower = Lower { source, problems: dates, depth: 0 };
    let mut blocks = Vec::new();
    if let Some(file) = pairs.next() {
        for pair in file.into_inner() {
            if pair.as_rule() == Rule::block {
                blocks.push(lower.block(pair));
            }
        }
    }
    if lower.problems.is_empty() {
        Ok(File { blocks })
    } else {
        Err(lower.problems)
    }
}

fn span_of(pair: &Pair<Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

/// Deepest syntax tree (nested expressions and operators, nested blocks) the
/// parser builds; deeper input is a located `passend::te_diep`, never a stack
/// overflow. Far above what the checker allows (`check::MAX_DEPTH`).
pub const MAX_NESTING: usize = 256;

struct Lower<'s> {
    source: &'s SourceFile,
    problems: Vec<Problem>,
    /// How deep the tree being built is nested at this point.
    depth: usize,
}

impl Lower<'_> {
    fn ident(&self, pair: Pair<Rule>) -> Ident {
        Ident { name: pair.as_str().to_string(), span: span_of(&pair) }
    }

    fn too_deep(&mut self, span: Span) {
        if !self.problems.iter().any(|p| p.code == Code::TeDiep) {
            self.problems.push(
                Problem::new(Code::TeDiep, self.source, span, format!("dit is dieper genest dan {MAX_NESTING} niveaus"))
                    .label("te diep genest")
                    .help("splits de uitdrukking op in definities, of haal blokken uit elkaar"),
            );
        }
    }

    fn block(&mut self, pair: Pair<Rule>) -> Block {
        let span = span_of(&pair);
        if self.depth >= MAX_NESTING {
            self.too_deep(span);
            let empty = Ident { name: String::new(), span };
            return Block { kind: empty.clone(), name: empty, items: Vec::new(), span };
        }
        self.depth += 1;
        let block = self.block_inner(pair, span);
        self.depth -= 1;
        block
    }

    fn block_inner(&mut self, pair: Pair<Rule>, span: Span) -> Block {
        let mut inner = pair.into_inner();
        let kind = inner.next().map(|p| self.ident(p));
        let name = inner.next().map(|p| self.ident(p));
        let mut items = Vec::new();
        for p in inner {
            match p.as_rule() {
                Rule::block => items.push(Item::Block(self.block(p))),
                Rule::attr => {
                    let attr = self.attr(p);
                    self.keyword_as_key(&attr.key);
                    items.push(Item::Attr(attr));
                }
                _ => {}
            }
        }
        let missing = Ident { name: String::new(), span };
        Block { kind: kind.unwrap_or_else(|| missing.clone()), name: name.unwrap_or(missing), items, span }
    }

    /// `voorwaarde a od b` parses as two attributes, `voorwaarde a` and
    /// `od b`: a "key" in the middle of a line that is one typo away from a
    /// keyword was meant as that keyword.
    fn keyword_as_key(&mut self, key: &Ident) {
        let start = key.span.start as usize;
        let line_start = self.source.text[..start].rfind('\n').map_or(0, |n| n + 1);
        if self.source.text[line_start..start].trim().is_empty() {
            return;
        }
        if let Some(keyword) = hints::keyword_like(&key.name) {
            self.problems.push(
                Problem::new(Code::Sleutelwoord, self.source, key.span, format!("`{}` is geen woord van de regeltaal", key.name))
                    .label("onbekend woord")
                    .help(format!("bedoel je `{keyword}`?")),
            );
        }
    }

    fn attr(&mut self, pair: Pair<Rule>) -> Attr {
        let span = span_of(&pair);
        let mut key = Ident { name: String::new(), span };
        let mut value = Expr { kind: ExprKind::Bool(false), span };
        let mut vanaf = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::ident => key = self.ident(p),
                Rule::expr => value = self.expr(p),
                Rule::vanaf => {
                    if let Some(d) = p.into_inner().find(|q| q.as_rule() == Rule::date) {
                        let s = span_of(&d);
                        vanaf = Some((self.date(d.as_str(), s), s));
                    }
                }
                _ => {}
            }
        }
        Attr { key, value, vanaf, span }
    }

    fn expr(&mut self, pair: Pair<Rule>) -> Expr {
        // A flat run of k operators nests the tree up to k deep (and pest's
        // Pratt parser recurses once per prefix operator): count them first.
        let span = span_of(&pair);
        let operators = pair.clone().into_inner().filter(|p| is_operator(p.as_rule())).count();
        if self.depth + operators + 1 > MAX_NESTING {
            self.too_deep(span);
            return Expr { kind: ExprKind::Bool(false), span };
        }
        self.depth += operators + 1;
        let expr = self.expr_inner(pair);
        self.depth -= operators + 1;
        expr
    }

    fn expr_inner(&mut self, pair: Pair<Rule>) -> Expr {
        let pairs = pair.into_inner();
        // The Pratt parser takes closures that cannot all borrow `self` mutably;
        // collect problems through a RefCell-free detour: lower primaries first.
        let this = std::cell::RefCell::new(self);
        pratt()
            .map_primary(|p| this.borrow_mut().primary(p))
            .map_prefix(|op, rhs| {
                let span = Span::new(op.as_span().start(), rhs.span.end as usize);
                let op = if op.as_rule() == Rule::op_niet { UnOp::Niet } else { UnOp::Neg };
                Expr { kind: ExprKind::Unary(op, Box::new(rhs)), span }
            })
            .map_infix(|lhs, op, rhs| {
                let span = Span::new(lhs.span.start as usize, rhs.span.end as usize);
                let op = match op.as_rule() {
                    Rule::op_of => BinOp::Of,
                    Rule::op_en => BinOp::En,
                    Rule::op_eq => BinOp::Cmp(Cmp::Eq),
                    Rule::op_ne => BinOp::Cmp(Cmp::Ne),
                    Rule::op_lt => BinOp::Cmp(Cmp::Lt),
                    Rule::op_le => BinOp::Cmp(Cmp::Le),
                    Rule::op_gt => BinOp::Cmp(Cmp::Gt),
                    Rule::op_ge => BinOp::Cmp(Cmp::Ge),
                    Rule::op_in => BinOp::In,
                    Rule::op_add => BinOp::Add,
                    Rule::op_sub => BinOp::Sub,
                    _ => BinOp::Mul,
                };
                Expr { kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)), span }
            })
            .parse(pairs)
    }

    fn primary(&mut self, pair: Pair<Rule>) -> Expr {
        let span = span_of(&pair);
        let kind = match pair.as_rule() {
            Rule::expr => return self.expr(pair),
            Rule::boolean => ExprKind::Bool(pair.as_str().trim() == "ja"),
            Rule::number => match pair.as_str().parse::<i64>() {
                Ok(n) => ExprKind::Int(n),
                Err(_) => {
                    self.problems.push(
                        Problem::new(Code::Getal, self.source, span, "dit getal is te groot")
                            .help("gebruik een getal tot 9.223.372.036.854.775.807"),
                    );
                    ExprKind::Int(0)
                }
            },
            Rule::money | Rule::money_bare => {
                let digits = pair.into_inner().map(|p| p.as_str().to_string()).next().unwrap_or_default();
                ExprKind::Money(self.money(&digits, span))
            }
            Rule::duration => {
                let mut it = pair.into_inner();
                let n = it.next().and_then(|p| p.as_str().parse::<i64>().ok()).unwrap_or(0);
                let unit = crate::taal::unit(it.next().map(|p| p.as_str()).unwrap_or("")).unwrap_or(Unit::Jaar);
                ExprKind::Duration(n, unit)
            }
            Rule::daymonth => {
                let mut it = pair.into_inner();
                let day = it.next().and_then(|p| p.as_str().parse::<u32>().ok()).unwrap_or(0);
                let month = month_number(it.next().map(|p| p.as_str()).unwrap_or(""));
                if NaiveDate::from_ymd_opt(2024, month, day).is_none() {
                    self.problems.push(
                        Problem::new(Code::Datum, self.source, span, "deze dag bestaat niet in die maand")
                            .help("schrijf een bestaande dag, bijvoorbeeld `31 juli` of `1 april`"),
                    );
                }
                ExprKind::DayMonth(day, month)
            }
            Rule::date => ExprKind::Date(self.date(pair.as_str(), span)),
            Rule::string => {
                let raw = pair.into_inner().next().map(|p| p.as_str()).unwrap_or("");
                ExprKind::Text(unescape(raw))
            }
            Rule::list => ExprKind::List(pair.into_inner().map(|p| self.expr(p)).collect()),
            Rule::path => ExprKind::Path(pair.as_str().split('.').map(str::to_string).collect()),
            Rule::call => {
                let mut it = pair.into_inner();
                let name = it.next().map(|p| self.ident(p)).unwrap_or(Ident { name: String::new(), span });
                let args = it.map(|p| self.expr(p)).collect();
                ExprKind::Call(name, args)
            }
            Rule::if_expr => {
                let mut parts: Vec<Expr> =
                    pair.into_inner().filter(|p| p.as_rule() == Rule::expr).map(|p| self.expr(p)).collect();
                let otherwise = parts.pop();
                let then = parts.pop();
                let cond = parts.pop();
                match (cond, then, otherwise) {
                    (Some(c), Some(t), Some(o)) => {
                        // pest counts trailing white space into the rule; end at the last branch
                        let span = Span::new(span.start as usize, o.span.end as usize);
                        return Expr { kind: ExprKind::If(Box::new(c), Box::new(t), Box::new(o)), span };
                    }
                    _ => ExprKind::Bool(false),
                }
            }
            _ => ExprKind::Bool(false),
        };
        Expr { kind, span }
    }

    fn date(&mut self, text: &str, span: Span) -> NaiveDate {
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => {
                self.problems.push(
                    Problem::new(Code::Datum, self.source, span, format!("`{text}` is geen bestaande datum"))
                        .label("geen bestaande datum")
                        .help("schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2025-08-01"),
                );
                NaiveDate::MIN
            }
        }
    }

    fn money(&mut self, digits: &str, span: Span) -> i64 {
        // `750,-` is the handbooks' way of writing whole euros.
        let (euros, cents) = match digits.split_once(',') {
            Some((e, "-")) => (e, "00"),
            Some((e, c)) => (e, c),
            None => (digits, "00"),
        };
        let euros: String = euros.chars().filter(|c| *c != '.').collect();
        let value = euros
            .parse::<i64>()
            .ok()
            .and_then(|e| e.checked_mul(100))
            .and_then(|e| cents.parse::<i64>().ok().and_then(|c| e.checked_add(c)));
        match value {
            Some(v) => v,
            None => {
                self.problems.push(
                    Problem::new(Code::Bedrag, self.source, span, "dit bedrag is te groot")
                        .help("bedragen worden in hele centen gerekend; schrijf bijvoorbeeld `€ 50.000`"),
                );
                0
            }
        }
    }
}

fn is_operator(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::op_niet
            | Rule::op_neg
            | Rule::op_of
            | Rule::op_en
            | Rule::op_eq
            | Rule::op_ne
            | Rule::op_lt
            | Rule::op_le
            | Rule::op_gt
            | Rule::op_ge
            | Rule::op_in
            | Rule::op_add
            | Rule::op_sub
            | Rule::op_mul
    )
}

fn month_number(name: &str) -> u32 {
    crate::value::MONTHS
        .iter().position(|m| *m == name).map(|i| i as u32 + 1).unwrap_or(0)
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the grammar stops matching `source`, if it does (used by `recover`
/// to find the attribute to leave out; the problem itself comes from `parse_file`).
pub(super) fn syntax_error_at(source: &SourceFile) -> Option<usize> {
    use pest::error::InputLocation;
    let err = PassendParser::parse(Rule::file, &source.text).err()?;
    Some(match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    })
}

/// Turns a pest error into a problem that names what was expected in words.
fn syntax_problem(source: &SourceFile, err: pest::error::Error<Rule>) -> Problem {
    use pest::error::{ErrorVariant, InputLocation};
    let (start, end) = match err.location {
        InputLocation::Pos(p) => (p, (p + 1).min(source.text.len()).max(p)),
        InputLocation::Span((s, e)) => (s, e),
    };
    // At the very end there is nothing to underline: point at the last character.
    let len = source.text.len();
    let (start, end) = if start >= len && len > 0 {
        let last = source.text.char_indices().last().map(|(i, _)| i).unwrap_or(0);
        (last, len)
    } else {
        (start, end.max(start))
    };
    let expected = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut words: Vec<&str> = positives.iter().filter_map(|r| rule_words(*r)).collect();
            words.sort();
            words.dedup();
            words
        }
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let found = source.text[start.min(source.text.len())..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .chars()
        .take(20)
        .collect::<String>();
    if let Some((span, keyword, word)) = hints::mistyped_keyword_before(&source.text, start) {
        return Problem::new(Code::Sleutelwoord, source, span, format!("`{word}` is geen woord van de regeltaal"))
            .label("onbekend woord")
            .help(format!("bedoel je `{keyword}`?"));
    }
    let message = if found.is_empty() {
        "het bestand houdt hier onverwacht op".to_string()
    } else {
        format!("onverwacht `{found}`")
    };
    let help = if found.is_empty() {
        "er ontbreekt waarschijnlijk een `}`: elk blok dat met `{` opent, sluit met `}`".to_string()
    } else if expected.is_empty() {
        "controleer de haakjes `{ }` en aanhalingstekens rond deze plek".to_string()
    } else {
        format!("hier wordt {} verwacht", join_or(&expected))
    };
    Problem::new(Code::Syntax, source, Span::new(start, end), message)
        .label("hier loopt het mis")
        .help(help)
}

fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} of {}", rest.join(", "), last),
    }
}

/// Words for grammar rules, for a person who never saw the grammar.
fn rule_words(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::block => "een blok (`soort naam { ... }`)",
        Rule::attr => "een regel `sleutel waarde`",
        Rule::ident | Rule::block_name => "een naam",
        Rule::expr => "een waarde (getal, bedrag, datum, tekst of veld)",
        Rule::string => "een tekst tussen aanhalingstekens",
        Rule::date => "een datum (JJJJ-MM-DD)",
        Rule::money | Rule::money_bare => "een bedrag (`€ 750`)",
        Rule::number => "een getal",
        Rule::path => "een veld of naam",
        Rule::list => "een lijst `[ ... ]`",
        Rule::EOI => "het einde van het bestand",
        Rule::op_of | Rule::op_en => "`en` of `of`",
        Rule::op_eq | Rule::op_ne | Rule::op_lt | Rule::op_le | Rule::op_gt | Rule::op_ge => {
            "een vergelijking (`=`, `<`, ...)"
        }
        Rule::op_add | Rule::op_sub | Rule::op_mul => "een rekenteken (`+`, `-`, `*`)",
        Rule::op_in => "`in`",
        Rule::kw_dan => "`dan`",
        Rule::kw_anders => "`anders`",
        Rule::vanaf => "`vanaf` met een datum",
        Rule::time_unit => "een tijdseenheid (dagen, weken, maanden, jaar)",
        Rule::month_name => "een maand (januari ... december)",
        _ => return None,
    })
}
