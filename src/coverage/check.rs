//! The assertions of an example's `verwacht` against a decision, exactly as
//! ../shared/contract/check-examples checks them, with each difference as
//! expected against actual.

use serde_json::Value;
use std::fmt;

/// The assertion keys a `verwacht` may hold.
pub const ASSERTION_KEYS: [&str; 9] = [
    "in_aanmerking",
    "onbekend_bevat",
    "bedrag_totaal_cent",
    "bedragen_leeg",
    "deskundigen",
    "statussen_bevat",
    "termijnen_bevat",
    "waarschuwing",
    "uitkomsten",
];

const DESKUNDIGE_KEYS: [&str; 4] = ["rol", "disciplines_bevat", "onafhankelijk", "vorm"];

/// One difference between what an example expects and what the decision says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Afwijking {
    /// The assertion (`in_aanmerking`, `deskundigen[0].vorm`, ...).
    pub sleutel: String,
    pub verwacht: String,
    pub gekregen: String,
}

impl fmt::Display for Afwijking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: verwacht {}, gekregen {}", self.sleutel, self.verwacht, self.gekregen)
    }
}

fn afwijking(sleutel: impl Into<String>, verwacht: impl Into<String>, gekregen: impl Into<String>) -> Afwijking {
    Afwijking { sleutel: sleutel.into(), verwacht: verwacht.into(), gekregen: gekregen.into() }
}

/// Why a `verwacht` object itself is malformed, if it is.
pub fn case_problem(verwacht: &Value) -> Option<String> {
    let Some(w) = verwacht.as_object() else { return Some("`verwacht` is geen object".into()) };
    let unknown: Vec<&str> = w.keys().map(String::as_str).filter(|k| !ASSERTION_KEYS.contains(k)).collect();
    if !unknown.is_empty() {
        return Some(format!("onbekende sleutel(s) in `verwacht`: {}; bekend zijn: {}", unknown.join(", "), ASSERTION_KEYS.join(", ")));
    }
    for role in w.get("deskundigen").and_then(Value::as_array).into_iter().flatten() {
        let ok = role.as_object().is_some_and(|o| o.keys().all(|k| DESKUNDIGE_KEYS.contains(&k.as_str())));
        if !ok {
            return Some(format!("onjuiste deskundige in `verwacht`: {role}"));
        }
    }
    None
}

/// Trimmed, white space folded, one final '.' dropped (as check-examples compares statuses).
fn norm_status(s: &str) -> String {
    let folded = s.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.strip_suffix('.').unwrap_or(&folded).to_string()
}

fn show(v: &Value) -> String {
    v.to_string()
}

/// The differences between `verwacht` and a decision (as JSON); empty when it passes.
pub fn check(verwacht: &Value, decision: &Value) -> Vec<Afwijking> {
    let mut out = Vec::new();
    if let Some(p) = case_problem(verwacht) {
        return vec![afwijking("verwacht", "een geldig voorbeeld", p)];
    }
    let Some(w) = verwacht.as_object() else { return out };
    let list = |name: &str, out: &mut Vec<Afwijking>| list(decision, name, out);

    if let Some(want) = w.get("in_aanmerking") {
        match decision.get("in_aanmerking") {
            None => out.push(afwijking("in_aanmerking", show(want), "geen veld")),
            Some(got) if got != want => out.push(afwijking("in_aanmerking", show(want), eligibility_context(decision))),
            Some(_) => {}
        }
    }
    if let Some(want) = w.get("onbekend_bevat").and_then(Value::as_array) {
        if let Some(got) = list("onbekend", &mut out) {
            let missing: Vec<String> = want.iter().filter(|f| !got.contains(f)).map(show).collect();
            if !missing.is_empty() {
                out.push(afwijking("onbekend_bevat", format!("ook {}", missing.join(", ")), show(&Value::Array(got))));
            }
        }
    }
    if w.contains_key("bedrag_totaal_cent") || w.contains_key("bedragen_leeg") {
        if let Some(bedragen) = list("bedragen", &mut out) {
            check_bedragen(w, &bedragen, &mut out);
        }
    }
    if let Some(want) = w.get("deskundigen").and_then(Value::as_array) {
        if let Some(got) = list("deskundigen", &mut out) {
            deskundigen(want, &got, &mut out);
        }
    }
    if let Some(want) = w.get("statussen_bevat").and_then(Value::as_array) {
        if let Some(got) = list("volgende_statussen", &mut out) {
            let have: Vec<String> = got.iter().filter_map(|s| s.get("status").and_then(Value::as_str)).map(norm_status).collect();
            let missing: Vec<&str> = want.iter().filter_map(Value::as_str).filter(|s| !have.contains(&norm_status(s))).collect();
            if !missing.is_empty() {
                out.push(afwijking("statussen_bevat", quoted(&missing), if have.is_empty() { "geen volgende statussen".into() } else { quoted(&have) }));
            }
        }
    }
    if let Some(want) = w.get("termijnen_bevat").and_then(Value::as_array) {
        if let Some(got) = list("termijnen", &mut out) {
            let have: Vec<Value> = got.iter().filter_map(|t| t.get("uiterlijk").cloned()).collect();
            let missing: Vec<String> = want.iter().filter(|t| !have.contains(t)).map(show).collect();
            if !missing.is_empty() {
                let gekregen = if got.is_empty() { "geen termijnen".to_string() } else { got.iter().map(termijn).collect::<Vec<_>>().join("; ") };
                out.push(afwijking("termijnen_bevat", missing.join(", "), gekregen));
            }
        }
    }
    if let Some(want) = w.get("waarschuwing").and_then(Value::as_bool) {
        if let Some(got) = list("waarschuwingen", &mut out) {
            if want && got.is_empty() {
                out.push(afwijking("waarschuwing", "minstens één waarschuwing", "geen waarschuwingen"));
            } else if !want && !got.is_empty() {
                let texts: Vec<&str> = got.iter().filter_map(|g| g.get("tekst").and_then(Value::as_str)).collect();
                out.push(afwijking("waarschuwing", "geen waarschuwingen", quoted(&texts)));
            }
        }
    }
    if let Some(want) = w.get("uitkomsten").and_then(Value::as_object) {
        check_uitkomsten(want, decision, &mut out);
    }
    out
}

/// The decision's list `name`, or a difference when it has none.
fn list(decision: &Value, name: &str, out: &mut Vec<Afwijking>) -> Option<Vec<Value>> {
    match decision.get(name) {
        Some(Value::Array(items)) => Some(items.clone()),
        Some(_) => {
            out.push(afwijking(name, "een lijst", "geen lijst"));
            None
        }
        None => {
            out.push(afwijking(name, "een lijst", "geen veld"));
            None
        }
    }
}

/// `bedragen_leeg` and `bedrag_totaal_cent` against the decision's amounts.
fn check_bedragen(w: &serde_json::Map<String, Value>, bedragen: &[Value], out: &mut Vec<Afwijking>) {
    if let Some(leeg) = w.get("bedragen_leeg").and_then(Value::as_bool) {
        if leeg && !bedragen.is_empty() {
            out.push(afwijking("bedragen_leeg", "geen bedragen", format!("{} bedrag(en): {}", bedragen.len(), amounts(bedragen))));
        } else if !leeg && bedragen.is_empty() {
            out.push(afwijking("bedragen_leeg", "minstens één bedrag", "geen bedragen"));
        }
    }
    if let Some(want) = w.get("bedrag_totaal_cent") {
        let cents: Option<Vec<i64>> = bedragen.iter().map(|b| b.get("bedrag_cent").and_then(Value::as_i64)).collect();
        match cents {
            None => out.push(afwijking("bedrag_totaal_cent", show(want), "een bedrag_cent dat geen geheel getal is")),
            Some(c) => {
                let total: i64 = c.iter().sum();
                if Some(total) != want.as_i64() {
                    out.push(afwijking("bedrag_totaal_cent", show(want), format!("{total} ({})", amounts(bedragen))));
                }
            }
        }
    }
}

/// Each expected uitkomst against the decision's.
fn check_uitkomsten(want: &serde_json::Map<String, Value>, decision: &Value, out: &mut Vec<Afwijking>) {
    match decision.get("uitkomsten").and_then(Value::as_object) {
        None => out.push(afwijking("uitkomsten", "een object", "geen object")),
        Some(got) => {
            for (k, v) in want {
                let have = got.get(k);
                if have != Some(v) {
                    out.push(afwijking(format!("uitkomsten.{k}"), show(v), have.map_or_else(|| "geen waarde".into(), show)));
                }
            }
        }
    }
}

/// `false (niet voldaan: ...)` / `null (onbekend: ...)`: the decision's answer with its reasons.
fn eligibility_context(decision: &Value) -> String {
    let got = decision.get("in_aanmerking").cloned().unwrap_or(Value::Null);
    let texts = |name: &str, key: Option<&str>| -> Vec<String> {
        decision
            .get(name)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| match key {
                        Some(k) => i.get(k).and_then(Value::as_str).map(str::to_string),
                        None => i.as_str().map(str::to_string),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    match &got {
        Value::Bool(false) => {
            let eisen = texts("ontbreekt", Some("eis"));
            if eisen.is_empty() {
                "false".into()
            } else {
                format!("false (niet voldaan: {})", eisen.join(" | "))
            }
        }
        Value::Null => format!("null (onbekend: {})", texts("onbekend", None).join(", ")),
        other => show(other),
    }
}

fn amounts(bedragen: &[Value]) -> String {
    bedragen
        .iter()
        .map(|b| {
            let regeling = b.get("regeling").and_then(Value::as_str).unwrap_or("?");
            let cent = b.get("bedrag_cent").map(show).unwrap_or_default();
            format!("{regeling} {cent}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn termijn(t: &Value) -> String {
    let wat = t.get("wat").and_then(Value::as_str).unwrap_or("?");
    let datum = t.get("uiterlijk").and_then(Value::as_str).unwrap_or("?");
    format!("{datum} ({wat})")
}

fn quoted<S: AsRef<str>>(items: &[S]) -> String {
    items.iter().map(|s| format!("\"{}\"", s.as_ref())).collect::<Vec<_>>().join(", ")
}

fn deskundigen(want: &[Value], got: &[Value], out: &mut Vec<Afwijking>) {
    let roles = |items: &[Value]| -> String {
        let r: Vec<String> = items.iter().map(|d| d.get("rol").and_then(Value::as_str).unwrap_or("?").to_string()).collect();
        format!("[{}]", r.join(", "))
    };
    if want.len() != got.len() {
        out.push(afwijking("deskundigen", format!("{} rol(len) {}", want.len(), roles(want)), format!("{} rol(len) {}", got.len(), roles(got))));
        return;
    }
    for (i, (w, g)) in want.iter().zip(got).enumerate() {
        for key in ["rol", "onafhankelijk", "vorm"] {
            if let Some(v) = w.get(key) {
                let have = g.get(key);
                if have != Some(v) {
                    out.push(afwijking(format!("deskundigen[{i}].{key}"), show(v), have.map_or_else(|| "geen waarde".into(), show)));
                }
            }
        }
        if let Some(ds) = w.get("disciplines_bevat").and_then(Value::as_array) {
            let have = g.get("disciplines").and_then(Value::as_array).cloned().unwrap_or_default();
            let missing: Vec<String> = ds.iter().filter(|d| !have.contains(d)).map(show).collect();
            if !missing.is_empty() {
                out.push(afwijking(format!("deskundigen[{i}].disciplines"), format!("ook {}", missing.join(", ")), show(&Value::Array(have))));
            }
        }
    }
}
