//! Where the parts of a checked rule set were written: the file, the spans
//! of attribute values and of their sub-expressions, and the `regels` group
//! a rule came from. Tools that point at rule text after `check` (lint)
//! read these instead of parsing the files again. The evaluator never
//! reads them.

use crate::fmt::expr::{end_of, start_of};
use crate::source::{SourceFile, Span};
use crate::syntax::ast::{Block, Expr, ExprKind, Item};
use std::fmt;
use std::sync::Arc;

/// The spans of an expression as written, shaped like the expression: one
/// part per operand (the operands of `en`, `niet`, a comparison, a call's
/// arguments, a list's items, `als`/`dan`/`anders`), in written order. The
/// checker keeps that shape when it types an expression, so a tool can walk
/// a `TExpr` and its `SpanTree` side by side.
#[derive(Clone, Debug)]
pub struct SpanTree {
    /// From the first to the last token of the expression.
    pub span: Span,
    pub parts: Vec<SpanTree>,
}

impl SpanTree {
    pub(crate) fn of(e: &Expr) -> SpanTree {
        let parts = match &e.kind {
            ExprKind::List(items) | ExprKind::Call(_, items) => items.iter().map(SpanTree::of).collect(),
            ExprKind::Unary(_, x) => vec![SpanTree::of(x)],
            ExprKind::Binary(_, l, r) => vec![SpanTree::of(l), SpanTree::of(r)],
            ExprKind::If(c, t, o) => vec![SpanTree::of(c), SpanTree::of(t), SpanTree::of(o)],
            _ => Vec::new(),
        };
        SpanTree { span: Span::new(start_of(e), end_of(e)), parts }
    }
}

/// Where a rule was written.
#[derive(Clone)]
pub struct RuleAt {
    pub source: SourceFile,
    /// The rule's own name (its id without the aanvraag).
    pub name: Arc<str>,
    /// The `regels` group it came from (`None`: written in the aanvraag itself).
    /// A group's rule is checked for every aanvraag that uses it, with the same `RuleAt`.
    pub group: Option<Arc<str>>,
    /// Each attribute's value, by key, in written order.
    pub attrs: Vec<(Arc<str>, SpanTree)>,
}

impl RuleAt {
    pub(crate) fn of(src: &SourceFile, b: &Block) -> RuleAt {
        let attrs = b
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Attr(a) => Some((Arc::from(a.key.name.as_str()), SpanTree::of(&a.value))),
                Item::Block(_) => None,
            })
            .collect();
        RuleAt { source: src.clone(), name: Arc::from(b.name.name.as_str()), group: None, attrs }
    }

    /// The spans of attribute `key`'s value.
    pub fn attr(&self, key: &str) -> Option<&SpanTree> {
        self.attrs.iter().find(|(k, _)| &**k == key).map(|(_, t)| t)
    }
}

/// Where a parameter was written.
#[derive(Clone)]
pub struct ParamAt {
    pub source: SourceFile,
    /// For each of `Param::values`, in the same order: the span of its `vanaf`
    /// date (if any) and of its value.
    pub values: Vec<(Option<Span>, Span)>,
}

/// Where a workflow was written.
#[derive(Clone)]
pub struct WorkflowAt {
    pub source: SourceFile,
    /// The workflow's name.
    pub name: Span,
    /// The name of each of `Workflow::statuses`, in the same order.
    pub statuses: Vec<Span>,
}

// Debug names the file, not its text: a program's debug output stays about
// the rules (and two layouts of the same rules differ only in spans).
impl fmt::Debug for RuleAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleAt").field("source", &self.source.name).field("name", &self.name).field("group", &self.group).field("attrs", &self.attrs).finish()
    }
}

impl fmt::Debug for ParamAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParamAt").field("source", &self.source.name).field("values", &self.values).finish()
    }
}

impl fmt::Debug for WorkflowAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WorkflowAt").field("source", &self.source.name).field("name", &self.name).field("statuses", &self.statuses).finish()
    }
}
