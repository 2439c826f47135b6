//! `passend explain --voor ouder|school` and `--wat-als`: the explanation
//! for the people a decision is about, and the smallest changes that give
//! `ja`. Also `--antwoord veld=waarde`, which fills in an answer before the
//! dossier is decided (the command the HTML answer form offers).

use super::EXIT_RULES;
use passend::dossier::Dossier;
use passend::explain::publiek::{in_woorden, publiek, publiek_html, publiek_text, Voor};
use passend::explain::wat_als::wat_is_nodig;
use passend::Engine;
use std::io::Write;
use std::path::Path;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Html,
}

/// The dossier JSON with each `veld=waarde` answer filled in. `waarde` is
/// read as JSON (`true`, `12`, `"so"`) and otherwise taken as text.
pub fn with_answers(mut json: serde_json::Value, answers: &[String]) -> Result<serde_json::Value, String> {
    for a in answers {
        let Some((veld, waarde)) = a.split_once('=') else {
            return Err(format!("`{a}` is geen antwoord; schrijf veld=waarde"));
        };
        let value = serde_json::from_str(waarde).unwrap_or_else(|_| serde_json::Value::String(waarde.to_string()));
        let mut node = &mut json;
        let parts: Vec<&str> = veld.split('.').collect();
        for (i, part) in parts.iter().enumerate() {
            let Some(obj) = node.as_object_mut() else {
                return Err(format!("`{veld}`: het dossier heeft hier geen object"));
            };
            if i + 1 == parts.len() {
                obj.insert((*part).to_string(), value.clone());
                break;
            }
            node = obj.entry((*part).to_string()).or_insert_with(|| serde_json::json!({}));
        }
    }
    Ok(json)
}

pub fn run(engine: &Engine, dossier: &Dossier, voor: Option<Voor>, wat_als: bool, format: Format, file: Option<&Path>) -> i32 {
    let out = if wat_als && voor.is_none() {
        match wat_is_nodig(engine, dossier) {
            Ok(alts) => match format {
                Format::Json => match serde_json::to_string_pretty(&alts) {
                    Ok(s) => s + "\n",
                    Err(e) => {
                        eprintln!("fout: {e}");
                        return EXIT_RULES;
                    }
                },
                Format::Text | Format::Html => {
                    let lines: Vec<String> = alts
                        .iter()
                        .enumerate()
                        .map(|(i, a)| format!("{}. {}", i + 1, a.wijzigingen.iter().map(|w| in_woorden(engine, w)).collect::<Vec<_>>().join(", en ")))
                        .collect();
                    let text = if lines.is_empty() { "Geen kleine wijziging gevonden die het antwoord Ja geeft.".to_string() } else { lines.join("\n") };
                    if format == Format::Html {
                        passend::explain::publiek::wat_als_html(&text)
                    } else {
                        format!("Wat is er nodig om Ja te krijgen? Elk van deze mogelijkheden is nagerekend:\n{text}\n")
                    }
                }
            },
            Err(e) => {
                super::output::refused(&e);
                return 1;
            }
        }
    } else {
        let voor = voor.unwrap_or(Voor::School);
        let p = match publiek(engine, dossier, voor) {
            Ok((_, p)) => p,
            Err(e) => {
                super::output::refused(&e);
                return 1;
            }
        };
        let bestand = file.map(|f| f.display().to_string()).unwrap_or_else(|| "dossier.json".into());
        match format {
            Format::Text => publiek_text(&p),
            Format::Html => publiek_html(&p, &bestand),
            Format::Json => match serde_json::to_string_pretty(&p) {
                Ok(s) => s + "\n",
                Err(e) => {
                    eprintln!("fout: {e}");
                    return EXIT_RULES;
                }
            },
        }
    };
    if let Err(e) = std::io::stdout().lock().write_all(out.as_bytes()) {
        eprintln!("fout: kan niet schrijven: {e}");
        return EXIT_RULES;
    }
    0
}
