//! `passend schema`: JSON Schema (draft 2020-12) of the dossier, generated
//! from the vocabulary (`regions/vocabulaire.toml`: every field with its
//! type, the keuze lists as enums), and of the decision (the contract's
//! fields plus those passend adds: `regel` on every item, `niet_bepaald`, the
//! receipt in `regelset`, `stap`, `omschrijving`, termijn `soort`/`voldaan`/
//! `indicatief`), so a service can validate before it calls.
//!
//! Both schemas are strict (`additionalProperties: false`): the engine
//! ignores a dossier field it does not know (with a warning), the schema
//! rejects it, so a misspelt field is caught before the call. A dossier field
//! may be `null`, which the engine reads as absent (unknown).

use crate::decision::RegelFoutCode;
use crate::dossier::DossierError;
use crate::engine::Engine;
use crate::types::Type;
use crate::vocab::{Node, Vocabulary};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The draft every schema declares.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// The schema of a dossier (contract input).
pub fn dossier(vocab: &Vocabulary) -> Value {
    let mut root = headed(
        "passend dossier",
        "Een dossier voor `passend eval`. Een veld dat ontbreekt of null is, is onbekend (niet onwaar). Bedragen in hele centen, datums JJJJ-MM-DD.",
        object(vocab, &vocab.root, ""),
    );
    if let Value::Object(m) = &mut root {
        m.insert("type".into(), json!("object"));
        m.insert("required".into(), json!(["regio", "aanvraag"]));
        // regio, aanvraag and aanvraag.soort are required: no null there.
        if let Some(Value::Object(props)) = m.get_mut("properties") {
            if let Some(regio) = props.get_mut("regio") {
                drop_null(regio);
            }
            if let Some(Value::Object(aanvraag)) = props.get_mut("aanvraag") {
                aanvraag.insert("type".into(), json!("object"));
                aanvraag.insert("required".into(), json!(["soort"]));
                if let Some(Value::Object(inner)) = aanvraag.get_mut("properties") {
                    if let Some(soort) = inner.get_mut("soort") {
                        drop_null(soort);
                    }
                }
            }
        }
    }
    root
}

/// `$schema`, `title` and `description` first, then the keys of `body`.
fn headed(title: &str, description: &str, body: Value) -> Value {
    let mut m = Map::new();
    m.insert("$schema".into(), json!(DIALECT));
    m.insert("title".into(), json!(title));
    m.insert("description".into(), json!(description));
    if let Value::Object(b) = body {
        m.extend(b);
    }
    Value::Object(m)
}

/// Removes `null` from a property's `type` and `enum`.
fn drop_null(schema: &mut Value) {
    if let Some(Value::Array(types)) = schema.get_mut("type") {
        types.retain(|t| t != "null");
    }
    if let Some(Value::Array(values)) = schema.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
}

/// The schema of an object node of the vocabulary (nullable), properties sorted by name.
fn object(vocab: &Vocabulary, nodes: &HashMap<String, Node>, prefix: &str) -> Value {
    let mut names: Vec<&String> = nodes.keys().collect();
    names.sort();
    let mut props = Map::new();
    for name in names {
        let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
        let schema = match nodes.get(name) {
            Some(Node::Leaf(id)) => vocab.fields.get(*id).map(|f| leaf(vocab, &f.ty, true)).unwrap_or(json!({})),
            Some(Node::Object(children)) => object(vocab, children, &path),
            Some(Node::ObjectList(_, members)) => {
                let mut member_names: Vec<&String> = members.keys().collect();
                member_names.sort();
                let mut item_props = Map::new();
                for m in member_names {
                    let ty = members.get(m).and_then(|id| vocab.fields.get(*id)).map(|f| match &f.ty {
                        Type::List(inner) => (**inner).clone(),
                        other => other.clone(),
                    });
                    item_props.insert(m.clone(), ty.map(|t| leaf(vocab, &t, true)).unwrap_or(json!({})));
                }
                json!({
                    "type": ["array", "null"],
                    "description": format!("lijst van objecten (`{path}`)"),
                    "items": {"type": "object", "properties": item_props, "additionalProperties": false}
                })
            }
            None => json!({}),
        };
        props.insert(name.clone(), schema);
    }
    json!({"type": ["object", "null"], "properties": props, "additionalProperties": false})
}

/// The JSON type name(s) of a leaf, optionally also `null`.
fn typed(name: &str, nullable: bool) -> Value {
    if nullable {
        json!([name, "null"])
    } else {
        json!(name)
    }
}

/// The schema of a value of type `ty`.
fn leaf(vocab: &Vocabulary, ty: &Type, nullable: bool) -> Value {
    match ty {
        Type::Bool => json!({"type": typed("boolean", nullable)}),
        Type::Int => json!({"type": typed("integer", nullable)}),
        Type::Money => json!({"type": typed("integer", nullable), "description": "bedrag in hele centen"}),
        Type::Date => json!({"type": typed("string", nullable), "format": "date", "pattern": DATE_PATTERN}),
        Type::Text | Type::Duration | Type::DayMonth | Type::Empty => json!({"type": typed("string", nullable)}),
        Type::Enum(id) => {
            let Some(e) = vocab.enums.get(*id) else { return json!({"type": typed("string", nullable)}) };
            let mut values: Vec<Value> = e.values.iter().map(|v| json!(v.to_string())).collect();
            // A keuze value that is a number may also come as a JSON number (the decoder allows it).
            values.extend(e.values.iter().filter_map(|v| v.parse::<i64>().ok()).map(|n| json!(n)));
            if nullable {
                values.push(Value::Null);
            }
            json!({"enum": values, "description": format!("keuze `{}`", e.name)})
        }
        Type::List(inner) => json!({"type": typed("array", nullable), "items": leaf(vocab, inner, false)}),
    }
}

/// A keuze list of the vocabulary as a string enum, or any string when the vocabulary lacks it.
fn keuze(vocab: &Vocabulary, name: &str) -> Value {
    match vocab.enum_by_name.get(name).and_then(|id| vocab.enums.get(*id)) {
        Some(e) => json!({"enum": e.values.iter().map(|v| v.to_string()).collect::<Vec<_>>()}),
        None => json!({"type": "string"}),
    }
}

/// A strict object: every property required, no others.
fn record(props: Value) -> Value {
    let required: Vec<String> = props.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
    json!({"type": "object", "properties": props, "required": required, "additionalProperties": false})
}

fn list_of(item: Value) -> Value {
    json!({"type": "array", "items": item})
}

/// The schema of a decision (contract output, with the fields passend adds),
/// for the vocabulary and workflows of the loaded rules.
pub fn beslissing(engine: &Engine) -> Value {
    let vocab = engine.vocab();
    let text = json!({"type": "string"});
    let opt_text = json!({"type": ["string", "null"]});
    let date = json!({"type": "string", "format": "date", "pattern": DATE_PATTERN});
    let mut paths: Vec<String> = vocab.fields.iter().map(|f| f.path.to_string()).collect();
    paths.sort();
    let field = json!({"enum": paths});
    let mut uitkomsten = Map::new();
    let mut names: Vec<&String> = vocab.uitkomsten.keys().collect();
    names.sort();
    // A workflow's `uitkomst` holds the next step, or a list when several steps may follow.
    let from_workflow: Vec<&str> =
        engine.regions().into_iter().flat_map(|r| &r.versions).flat_map(|p| &p.workflows).filter_map(|w| w.uitkomst.as_deref()).collect();
    for name in names {
        if let Some(ty) = vocab.uitkomsten.get(name) {
            let one = leaf(vocab, ty, false);
            let schema = if from_workflow.contains(&name.as_str()) {
                json!({"anyOf": [one.clone(), {"type": "array", "items": one}], "description": "de volgende stap; een lijst als er meer stappen kunnen volgen"})
            } else {
                one
            };
            uitkomsten.insert(name.clone(), schema);
        }
    }
    let schema = record(json!({
        "regio": keuze(vocab, "regio"),
        "regelset": record(json!({
            "naam": text, "versie": text, "bron": text, "regio": keuze(vocab, "regio"), "handboek": text,
            "geldig_vanaf": date, "hash": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"}, "engine": text,
            "bron_regels": text
        })),
        "peildatum": date,
        "aanvraag": keuze(vocab, "aanvraagsoort"),
        "in_aanmerking": {"type": ["boolean", "null"]},
        "redenen": list_of(record(json!({"regel": text, "tekst": text, "bron": text}))),
        "ontbreekt": list_of(record(json!({"eis": text, "bron": text, "regel": text}))),
        "onbekend": list_of(field.clone()),
        "deskundigen": list_of(record(json!({
            "rol": keuze(vocab, "deskundige_rol"),
            "disciplines": list_of(keuze(vocab, "discipline")),
            "onafhankelijk": {"type": ["boolean", "null"]},
            "organisatie": opt_text, "vorm": nullable(keuze(vocab, "deskundige_vorm")), "regel": text, "bron": text
        }))),
        "bedragen": list_of(record(json!({
            "regeling": text, "bedrag_cent": {"type": "integer", "description": "hele centen"},
            "ontvanger": text, "berekening": text, "regel": text, "bron": text
        }))),
        "volgende_statussen": list_of(record(json!({
            "status": text, "door": text, "voorwaarde": opt_text, "omschrijving": opt_text, "stap": text, "regel": text, "bron": text
        }))),
        "termijnen": list_of(record(json!({
            "wat": text, "uiterlijk": date, "grondslag": text, "soort": keuze(vocab, "termijnsoort"),
            "voldaan": {"type": ["boolean", "null"]}, "indicatief": {"type": "boolean"}, "regel": text
        }))),
        "waarschuwingen": list_of(record(json!({"tekst": text, "regel": text, "bron": text}))),
        "uitkomsten": {"type": "object", "properties": uitkomsten, "additionalProperties": true},
        "niet_bepaald": list_of(record(json!({"regel": text, "onbekend": list_of(field)})))
    }));
    // Issue 11: written only when a rule's evaluation failed, so not required.
    let mut schema = schema;
    let fouten = list_of(record(json!({"regel": text, "plaats": text, "code": {"enum": RegelFoutCode::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>()}, "bericht": text})));
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        props.insert("fouten".into(), fouten);
    }
    headed(
        "passend beslissing",
        "De beslissing van `passend eval` over één dossier (contract v1, met de velden die passend toevoegt).",
        schema,
    )
}

/// `{"enum": [...]}` with `null` added, or a nullable string.
fn nullable(schema: Value) -> Value {
    match schema {
        Value::Object(mut m) => {
            if let Some(Value::Array(values)) = m.get_mut("enum") {
                values.push(Value::Null);
            } else {
                m.insert("type".into(), json!(["string", "null"]));
            }
            Value::Object(m)
        }
        other => other,
    }
}

/// The error line of `eval --ndjson` for a line that is not a valid dossier.
pub fn fout() -> Value {
    let text = json!({"type": "string"});
    headed("passend fout", "De regel die `passend eval --ndjson` schrijft voor een invoerregel die geen geldig dossier is.", json!({
        "type": "object",
        "properties": {
            "regelnummer": {"type": "integer", "minimum": 1},
            "fout": {
                "type": "object",
                "properties": {"code": {"type": "string", "enum": DossierError::CODES}, "bericht": text, "veld": {"type": ["string", "null"]}},
                "required": ["code", "bericht", "veld"],
                "additionalProperties": false
            }
        },
        "required": ["regelnummer", "fout"],
        "additionalProperties": false
    }))
}
