//! Typed ids: each is the position of one thing in the list that holds it,
//! so a field slot cannot be used as a rule position, a status as a
//! workflow, and so on. Each says in its doc which list it indexes; the
//! list's owner (`Vocabulary`, `Program`, `Workflow`) is the only one that
//! makes ids, so an id of one program is valid in that program.

/// A position in one list, typed by what the list holds.
macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(usize);

        impl $name {
            /// The id of position `i`.
            pub const fn new(i: usize) -> Self {
                $name(i)
            }
            /// The position it stands for.
            pub const fn index(self) -> usize {
                self.0
            }
        }
    };
}

index_id!(
    /// Slot of a dossier field: its position in `Vocabulary::fields` (and
    /// `Dossier::slots`, `Program::field_name`).
    FieldId
);
index_id!(
    /// Position of a parameter in `RuleSet::params` (and `Program::params`).
    ParamId
);
index_id!(
    /// Position of a definitie in `RuleSet::defs` (and `Program::defs`), in dependency order.
    DefId
);
index_id!(
    /// A request kind as a dossier names it: the position of its value in
    /// the vocabulary's `aanvraagsoort` keuze list.
    SoortId
);
index_id!(
    /// The rules of one request kind: position in `RuleSet::aanvragen` (and `Program::aanvragen`).
    AanvraagId
);
index_id!(
    /// Position of a workflow in `RuleSet::workflows` (and `Program::workflows`).
    WorkflowId
);
index_id!(
    /// Position of a status in its workflow's `statuses`.
    StatusId
);

/// One rule of a program: its request kind and its position in that kind's `rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId {
    pub aanvraag: AanvraagId,
    /// Position in `Aanvraag::rules`.
    pub positie: usize,
}

/// One transition of a program: its workflow and its position in that workflow's `transitions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TransitionId {
    pub workflow: WorkflowId,
    /// Position in `Workflow::transitions`.
    pub positie: usize,
}

/// What a step of the trace, a coverage item or an explanation is about:
/// a rule or a transition of one program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegelId {
    Regel(RuleId),
    Overgang(TransitionId),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_the_position_it_was_made_from() {
        assert_eq!(FieldId::new(7).index(), 7);
        assert_eq!(StatusId::new(0).index(), 0);
        assert!(ParamId::new(1) < ParamId::new(2));
    }

    #[test]
    fn rules_order_by_request_kind_then_position_and_before_transitions() {
        let r = |a, p| RegelId::Regel(RuleId { aanvraag: AanvraagId::new(a), positie: p });
        let t = RegelId::Overgang(TransitionId { workflow: WorkflowId::new(0), positie: 0 });
        let mut ids = vec![t, r(1, 0), r(0, 2), r(0, 1)];
        ids.sort();
        assert_eq!(ids, vec![r(0, 1), r(0, 2), r(1, 0), t]);
    }
}
