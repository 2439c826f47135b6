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
    out.extend_from_slice(b",\"peildatum\":");
    date(out, d.peildatum);
    out.extend_from_slice(b",\"aanvraag\":");
    write_str(out, &d.aanvraag);
    out.extend_from_slice(b",\"in_aanmerking\":");
    opt_bool(out, d.in_aanmerking);
    out.extend_from_slice(b",\"redenen\":");
    list(out, &d.redenen, reden);
    out.extend_from_slice(b",\"ontbreekt\":");
    list(out, &d.ontbreekt, ontbreekt);
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
    list(out, &d.waarschuwingen, waarschuwing);
    out.extend_from_slice(b",\"uitkomsten\":");
    uitkomsten(out, &d.uitkomsten)?;
    out.extend_from_slice(b",\"niet_bepaald\":");
    list(out, &d.niet_bepaald, niet_bepaald);
    if !d.fouten.is_empty() {
        // Rare (an amount out of range): serde writes them.
        out.extend_from_slice(b",\"fouten\":");
        serde_json::to_writer(&mut *out, &d.fouten)?;
    }
    out.push(b'}');
    Ok(())
}

fn regelset(out: &mut Vec<u8>, r: &Regelset) {
    let j = &r.json;
    out.extend_from_slice(b"{\"naam\":");
    j.write(out, &r.naam);
    out.extend_from_slice(b",\"versie\":");
    j.write(out, &r.versie);
    out.extend_from_slice(b",\"bron\":");
    j.write(out, &r.bron);
    out.extend_from_slice(b",\"regio\":");
    j.write(out, &r.regio);
    out.extend_from_slice(b",\"handboek\":");
    j.write(out, &r.handboek);
    out.extend_from_slice(b",\"geldig_vanaf\":");
    date(out, r.geldig_vanaf);
    out.extend_from_slice(b",\"hash\":");
    j.write(out, &r.hash);
    out.extend_from_slice(b",\"engine\":");
    write_str(out, r.engine);
    out.extend_from_slice(b",\"bron_regels\":");
    j.write(out, &r.bron_regels);
    out.push(b'}');
}

fn reden(out: &mut Vec<u8>, r: &Reden) {
    let j = &r.json;
    out.extend_from_slice(b"{\"regel\":");
    j.write(out, &r.regel);
    out.extend_from_slice(b",\"tekst\":");
    j.write(out, &r.tekst);
    out.extend_from_slice(b",\"bron\":");
    j.write(out, &r.bron);
    out.push(b'}');
}

fn ontbreekt(out: &mut Vec<u8>, o: &Ontbreekt) {
    let j = &o.json;
    out.extend_from_slice(b"{\"eis\":");
    j.write(out, &o.eis);
    out.extend_from_slice(b",\"bron\":");
    j.write(out, &o.bron);
    out.extend_from_slice(b",\"regel\":");
    j.write(out, &o.regel);
    out.push(b'}');
}

fn deskundige(out: &mut Vec<u8>, d: &Deskundige) {
    let j = &d.json;
    out.extend_from_slice(b"{\"rol\":");
    j.write(out, &d.rol);
    out.extend_from_slice(b",\"disciplines\":");
    list(out, &d.disciplines, |out, t| j.write(out, t));
    out.extend_from_slice(b",\"onafhankelijk\":");
    opt_bool(out, d.onafhankelijk);
    out.extend_from_slice(b",\"organisatie\":");
    opt_text(out, j, &d.organisatie);
    out.extend_from_slice(b",\"vorm\":");
    opt_text(out, j, &d.vorm);
    regel_bron(out, j, &d.regel, &d.bron);
}

fn bedrag(out: &mut Vec<u8>, b: &Bedrag) {
    let j = &b.json;
    out.extend_from_slice(b"{\"regeling\":");
    j.write(out, &b.regeling);
    out.extend_from_slice(b",\"bedrag_cent\":");
    out.extend_from_slice(b.bedrag_cent.to_string().as_bytes());
    out.extend_from_slice(b",\"ontvanger\":");
    j.write(out, &b.ontvanger);
    out.extend_from_slice(b",\"berekening\":");
    j.write(out, &b.berekening);
    regel_bron(out, j, &b.regel, &b.bron);
}

fn volgende_status(out: &mut Vec<u8>, s: &VolgendeStatus) {
    let j = &s.json;
    out.extend_from_slice(b"{\"status\":");
    j.write(out, &s.status);
    out.extend_from_slice(b",\"door\":");
    j.write(out, &s.door);
    out.extend_from_slice(b",\"voorwaarde\":");
    opt_text(out, j, &s.voorwaarde);
    out.extend_from_slice(b",\"omschrijving\":");
    opt_text(out, j, &s.omschrijving);
    out.extend_from_slice(b",\"stap\":");
    j.write(out, &s.stap);
    regel_bron(out, j, &s.regel, &s.bron);
}

fn termijn(out: &mut Vec<u8>, t: &Termijn) {
    let j = &t.json;
    out.extend_from_slice(b"{\"wat\":");
    j.write(out, &t.wat);
    out.extend_from_slice(b",\"uiterlijk\":");
    date(out, t.uiterlijk);
    out.extend_from_slice(b",\"grondslag\":");
    j.write(out, &t.grondslag);
    out.extend_from_slice(b",\"soort\":");
    j.write(out, &t.soort);
    out.extend_from_slice(b",\"voldaan\":");
    opt_bool(out, t.voldaan);
    out.extend_from_slice(if t.indicatief { b",\"indicatief\":true,\"regel\":" } else { b",\"indicatief\":false,\"regel\":" });
    j.write(out, &t.regel);
    out.push(b'}');
}

fn waarschuwing(out: &mut Vec<u8>, w: &Waarschuwing) {
    let j = &w.json;
    out.extend_from_slice(b"{\"tekst\":");
    j.write(out, &w.tekst);
    regel_bron(out, j, &w.regel, &w.bron);
}

fn niet_bepaald(out: &mut Vec<u8>, n: &NietBepaald) {
    out.extend_from_slice(b"{\"regel\":");
    n.json.write(out, &n.regel);
    out.extend_from_slice(b",\"onbekend\":");
    list(out, &n.onbekend, |out, t| write_str(out, t));
    out.push(b'}');
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

/// `,"regel":…,"bron":…}`: the end of most items.
fn regel_bron(out: &mut Vec<u8>, j: &StaticTexts, regel: &Arc<str>, bron: &Arc<str>) {
    out.extend_from_slice(b",\"regel\":");
    j.write(out, regel);
    out.extend_from_slice(b",\"bron\":");
    j.write(out, bron);
    out.push(b'}');
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

fn opt_bool(out: &mut Vec<u8>, b: Option<bool>) {
    out.extend_from_slice(match b {
        Some(true) => b"true",
        Some(false) => b"false",
        None => b"null",
    });
}

fn opt_text(out: &mut Vec<u8>, j: &StaticTexts, t: &Option<Arc<str>>) {
    match t {
        Some(t) => j.write(out, t),
        None => out.extend_from_slice(b"null"),
    }
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
