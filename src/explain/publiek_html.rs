//! The explanation for a parent or school as one self-contained HTML page:
//! no network, readable on a phone (the answer and amount come first, at the
//! top of the screen), printable. The answer form asks only the questions
//! whose answer can change the decision (a follow-up appears when the answer
//! it depends on is chosen) and offers the command that decides again.

use super::html::escape;
use super::publiek::{answer_and_why, Opmaak, Publiek, Tekort};

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:.75rem;line-height:1.45;color:#111}\
h1{font-size:1.6rem;margin:.2rem 0}.antwoord{border-radius:.5rem;padding:.6rem .8rem;margin:.2rem 0 .8rem}\
.ja{background:#e3f4e6;border:2px solid #2e7d32}.nee{background:#fdeaea;border:2px solid #c62828}.open{background:#fff6dd;border:2px solid #b8860b}\
.bedrag{font-size:1.25rem;font-weight:bold;margin:.3rem 0}h2{font-size:1.15rem;margin:1rem 0 .3rem}ul{padding-left:1.2rem;margin:.2rem 0}\
li{margin:.2rem 0}.helpt{color:#333;font-style:italic}label{display:block;margin:.5rem 0 .2rem}select,input{font-size:1rem;padding:.3rem;max-width:100%}\
details{margin:1rem 0}code{display:block;white-space:pre-wrap;word-break:break-all;background:#f3f3f3;padding:.5rem}\
@media print{form,.opdracht{display:none}details{display:block}details>*{display:block}}";

/// The page for `p`; `bestand` is the dossier file the offered command reads.
pub fn publiek_html(p: &Publiek, bestand: &str) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.push_str(&format!("<title>{}: {}</title><style>{STYLE}</style></head><body>\n", escape(p.antwoord), escape(&p.aanvraag)));
    let class = match p.antwoord {
        "Ja" => "ja",
        "Nee" => "nee",
        _ => "open",
    };
    h.push_str(&format!("<section id=\"conclusie\" class=\"antwoord {class}\"><h1 id=\"antwoord\">{}</h1>", escape(p.antwoord)));
    let zin = super::publiek::zin(p);
    let zin = zin.split_once(": ").map_or(zin.as_str(), |(_, rest)| rest);
    h.push_str(&format!("<p>{}</p>", escape(zin)));
    for b in &p.bedragen {
        h.push_str(&format!("<p class=\"bedrag\" id=\"bedrag\">{}</p>", escape(b)));
    }
    if !p.vragen.is_empty() {
        let wat = super::publiek::aantal_vragen(p.vragen.len());
        h.push_str(&format!("<p><a href=\"#vragen\">Beantwoord nog {wat}</a> om het antwoord te krijgen.</p>"));
    }
    h.push_str("</section>\n");
    answer_and_why(p, &mut HtmlOpmaak(&mut h));
    form(&mut h, p, bestand);
    if !p.wat_is_nodig_tekst.is_empty() {
        h.push_str("<h3>Zo wordt het antwoord Ja</h3><p>Elk van deze mogelijkheden is nagerekend:</p><ol>");
        for w in &p.wat_is_nodig_tekst {
            h.push_str(&format!("<li>{}</li>", escape(w)));
        }
        h.push_str("</ol>\n");
    }
    list(&mut h, "Let op", &p.let_op);
    h.push_str("<details id=\"bronnen\"><summary>Bronnen</summary><ul>");
    for b in &p.bronnen {
        h.push_str(&format!("<li>{}<br><small>{}</small></li>", escape(&b.tekst), escape(&b.bron)));
    }
    h.push_str(&format!("</ul><p><small>Beoordeeld op {} met de regels {}.</small></p></details>\n", p.peildatum.format("%d-%m-%Y"), escape(&p.regels)));
    h.push_str("</body></html>\n");
    h
}

struct HtmlOpmaak<'a>(&'a mut String);

impl Opmaak for HtmlOpmaak<'_> {
    fn heading(&mut self, title: &str) {
        self.0.push_str(&format!("<h2>{}</h2>\n", escape(title)));
    }

    fn list(&mut self, title: &str, items: &[String]) {
        list(self.0, title, items);
    }

    fn niet_voldaan(&mut self, tekorten: &[Tekort]) {
        self.0.push_str("<h3>Dit is niet in orde</h3><ul>");
        for t in tekorten {
            self.0.push_str(&format!("<li>{}", escape(&t.eis)));
            for w in &t.wat_helpt {
                self.0.push_str(&format!("<br><span class=\"helpt\">Dit verandert het: {}</span>", escape(w)));
            }
            self.0.push_str("</li>");
        }
        self.0.push_str("</ul>\n");
    }
}

fn form(h: &mut String, p: &Publiek, bestand: &str) {
    if p.vragen.is_empty() {
        return;
    }
    h.push_str("<form id=\"vragen\"><p>Beantwoord deze vragen (de eerste zegt het meest):</p>\n");
    for (i, v) in p.vragen.iter().enumerate() {
        let na = v.vraag.na.as_ref().map(|n| format!(" data-na-veld=\"{}\" data-na-waarde=\"{}\" hidden", escape(&n.veld), escape(&n.waarde.to_string())));
        h.push_str(&format!("<div class=\"vraag\" data-veld=\"{}\"{}>", escape(&v.vraag.veld), na.unwrap_or_default()));
        h.push_str(&format!("<label for=\"v{i}\">{}</label>", escape(&v.vraag.vraag)));
        if v.vraag.antwoorden.is_empty() {
            h.push_str(&format!("<input id=\"v{i}\" name=\"v{i}\">"));
        } else {
            h.push_str(&format!("<select id=\"v{i}\" name=\"v{i}\"><option value=\"\">(weet ik nog niet)</option>"));
            for (a, t) in v.vraag.antwoorden.iter().zip(&v.antwoord_teksten) {
                h.push_str(&format!("<option value=\"{}\">{}</option>", escape(&a.to_string()), escape(t)));
            }
            h.push_str("</select>");
        }
        h.push_str("</div>\n");
    }
    h.push_str("</form>\n<div class=\"opdracht\" id=\"opdracht\" hidden><p>Geef deze opdracht aan de school om opnieuw te laten beoordelen met uw antwoorden:</p><code id=\"commando\"></code></div>\n");
    h.push_str(&format!("<script>const BESTAND={};\n{SCRIPT}</script>\n", serde_json::Value::String(bestand.to_string())));
}

/// Shows follow-up questions when their answer is chosen, and builds the command.
const SCRIPT: &str = r#"function q(s){return "'"+s.replace(/'/g,"'\\''")+"'";}
function bijwerken(){const kies={};const parts=[];
document.querySelectorAll('.vraag').forEach(function(d){const nv=d.dataset.naVeld;
if(nv!==undefined){d.hidden=kies[nv]!==d.dataset.naWaarde;}
const el=d.querySelector('select,input');if(d.hidden||!el.value)return;
let w=el.value;if(el.tagName==='INPUT'){w=JSON.stringify(w);}kies[d.dataset.veld]=w;parts.push('--antwoord '+q(d.dataset.veld+'='+w));});
const o=document.getElementById('opdracht');o.hidden=parts.length===0;
document.getElementById('commando').textContent='passend explain --voor ouder '+parts.join(' ')+' '+q(BESTAND);}
document.getElementById('vragen').addEventListener('change',bijwerken);bijwerken();"#;

fn list(h: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    h.push_str(&format!("<h3>{}</h3><ul>", escape(title)));
    for i in items {
        h.push_str(&format!("<li>{}</li>", escape(i)));
    }
    h.push_str("</ul>\n");
}

/// `explain --wat-als --format html`: the alternatives as a small page.
pub fn wat_als_html(text: &str) -> String {
    let items: String = text.lines().map(|l| format!("<li>{}</li>", escape(l.split_once(". ").map_or(l, |(_, r)| r)))).collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Wat is er nodig?</title><style>{STYLE}</style></head><body><h1>Wat is er nodig om Ja te krijgen?</h1><p>Elk van deze mogelijkheden is nagerekend:</p><ol>{items}</ol></body></html>\n"
    )
}
