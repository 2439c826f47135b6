//! A decision as compact JSON, byte for byte what `serde_json::to_writer`
//! writes for it (the `Serialize` derive in the parent module is the
//! reference; a test compares both on every bundled example and thousands of
//! generated dossiers), but faster: the texts of the rules are copied from
//! the JSON escaped when the rules were compiled ([`StaticTexts`]) instead of
//! being escaped again for every dossier, and field names are constants.
//!
//! Keep the field order here the order of the struct definitions.

use super::escape::{write_str, StaticTexts};
use super::*;
use serde_json::Value;

/// Appends `d` as one line of compact JSON (no newline) to `out`.
pub fn write_decision(d: &Decision, out: &mut Vec<u8>) -> serde_json::Result<()> {
    let rs = &d.regelset.json;
    out.extend_from_slice(b"{\"regio\":");
    rs.write(out, &d.regio);
    out.extend_from_slice(b",\"regelset\":");
    regelset(out, &d.regelset);
    fields(out, rs, false, &[("peildatum", Date(d.peildatum)), ("aanvraag", Text(&d.aanvraag)), ("in_aanmerking", OptBool(d.in_aanmerking))]);
    out.extend_from_slice(b",\"redenen\":");
    list(out, &d.redenen, |out, r| object(out, &r.json, &[("regel", Text(&r.regel)), ("tekst", Text(&r.tekst)), ("bron", Text(&r.bron))]));
    out.extend_from_slice(b",\"ontbreekt\":");
    list(out, &d.ontbreekt, |out, o| object(out, &o.json, &[("eis", Text(&o.eis)), ("bron", Text(&o.bron)), ("regel", Text(&o.regel))]));
    out.extend_from_slice(b",\"onbekend\":");
    list(out, &d.onbekend, |out, t| write_str(out, t));
    out.extend_from_slice(b",\"deskundigen\":");
    list(out, &d.deskundigen, deskundige);
    out.extend_from_slice(b",\"bedragen\":");
    list(out, &d.bedragen, bedrag);
    out.extend_from_slice(b",\"volgende_statussen\":");
    list(out, &d.volgende_statussen, volgende_status);
    out.extend_from_slice(b",\"termijnen\":");
    list(out, &d.termijnen, termijn);
    out.extend_from_slice(b",\"waarschuwingen\":");
    list(out, &d.waarschuwingen, |out, w| object(out, &w.json, &[("tekst", Text(&w.tekst)), ("regel", Text(&w.regel)), ("bron", Text(&w.bron))]));
    out.extend_from_slice(b",\"uitkomsten\":");
    uitkomsten(out, &d.uitkomsten)?;
    out.extend_from_slice(b",\"niet_bepaald\":");
    list(out, &d.niet_bepaald, |out, n| object(out, &n.json, &[("regel", Text(&n.regel)), ("onbekend", Texts(&n.onbekend))]));
    if !d.fouten.is_empty() {
        // Rare (an amount out of range): serde writes them.
        out.extend_from_slice(b",\"fouten\":");
        serde_json::to_writer(&mut *out, &d.fouten)?;
    }
    out.push(b'}');
    Ok(())
}

/// One member's value.
enum Field<'a> {
    Text(&'a Arc<str>),
    OptText(&'a Option<Arc<str>>),
    Texts(&'a [Arc<str>]),
    Str(&'a str),
    OptBool(Option<bool>),
    Bool(bool),
    Int(i64),
    Date(NaiveDate),
}
use Field::*;

fn regelset(out: &mut Vec<u8>, r: &Regelset) {
    object(out, &r.json, &[("naam", Text(&r.naam)), ("versie", Text(&r.versie)), ("bron", Text(&r.bron)), ("regio", Text(&r.regio)), ("handboek", Text(&r.handboek)), ("geldig_vanaf", Date(r.geldig_vanaf)), ("hash", Text(&r.hash)), ("engine", Str(r.engine)), ("bron_regels", Text(&r.bron_regels))]);
}

fn deskundige(out: &mut Vec<u8>, d: &Deskundige) {
    object(out, &d.json, &[("rol", Text(&d.rol)), ("disciplines", Texts(&d.disciplines)), ("onafhankelijk", OptBool(d.onafhankelijk)), ("organisatie", OptText(&d.organisatie)), ("vorm", OptText(&d.vorm)), ("regel", Text(&d.regel)), ("bron", Text(&d.bron))]);
}

fn bedrag(out: &mut Vec<u8>, b: &Bedrag) {
    object(out, &b.json, &[("regeling", Text(&b.regeling)), ("bedrag_cent", Int(b.bedrag_cent)), ("ontvanger", Text(&b.ontvanger)), ("berekening", Text(&b.berekening)), ("regel", Text(&b.regel)), ("bron", Text(&b.bron))]);
}

fn volgende_status(out: &mut Vec<u8>, s: &VolgendeStatus) {
    object(out, &s.json, &[("status", Text(&s.status)), ("door", Text(&s.door)), ("voorwaarde", OptText(&s.voorwaarde)), ("omschrijving", OptText(&s.omschrijving)), ("stap", Text(&s.stap)), ("regel", Text(&s.regel)), ("bron", Text(&s.bron))]);
}

fn termijn(out: &mut Vec<u8>, t: &Termijn) {
    object(out, &t.json, &[("wat", Text(&t.wat)), ("uiterlijk", Date(t.uiterlijk)), ("grondslag", Text(&t.grondslag)), ("soort", Text(&t.soort)), ("voldaan", OptBool(t.voldaan)), ("indicatief", Bool(t.indicatief)), ("regel", Text(&t.regel))]);
}

/// `{"key":value,...}`; texts are copied from `j` where they are its texts.
fn object(out: &mut Vec<u8>, j: &StaticTexts, members: &[(&str, Field)]) {
    out.push(b'{');
    fields(out, j, true, members);
    out.push(b'}');
}

/// The members, each after a `,` (but the first when `first`).
fn fields(out: &mut Vec<u8>, j: &StaticTexts, first: bool, members: &[(&str, Field)]) {
    for (i, (key, value)) in members.iter().enumerate() {
        if i > 0 || !first {
            out.push(b',');
        }
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":");
        match value {
            Text(t) => j.write(out, t),
            OptText(Some(t)) => j.write(out, t),
            OptText(None) | OptBool(None) => out.extend_from_slice(b"null"),
            Texts(ts) => list(out, ts, |out, t| j.write(out, t)),
            Str(s) => write_str(out, s),
            OptBool(Some(b)) | Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Date(d) => date(out, *d),
        }
    }
}

fn uitkomsten(out: &mut Vec<u8>, u: &Uitkomsten) -> serde_json::Result<()> {
    out.push(b'{');
    for (i, (naam, waarde)) in u.0.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(out, naam);
        out.push(b':');
        match waarde {
            Value::String(s) => write_str(out, s),
            Value::Bool(true) => out.extend_from_slice(b"true"),
            Value::Bool(false) => out.extend_from_slice(b"false"),
            Value::Null => out.extend_from_slice(b"null"),
            other => serde_json::to_writer(&mut *out, other)?,
        }
    }
    out.push(b'}');
    Ok(())
}

fn list<T>(out: &mut Vec<u8>, items: &[T], item: impl Fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// A date as chrono serializes it: `"JJJJ-MM-DD"`, a sign and more digits
/// outside the years 0 to 9999.
fn date(out: &mut Vec<u8>, d: NaiveDate) {
    use chrono::Datelike;
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        out.extend_from_slice(format!("\"{d:?}\"").as_bytes());
        return;
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = y.unsigned_abs();
    out.extend_from_slice(&[
        b'"',
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
        b'"',
    ]);
}
