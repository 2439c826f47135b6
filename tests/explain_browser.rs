//! Browser test for `passend explain --voor ouder --format html` (issue 14):
//! headless Chromium renders the page for three bundled examples (Ja, Nee,
//! onbekend) at phone size (390x844). From the rendered DOM it checks that
//! the answer (and for Ja the amount) is above the fold, that the page does
//! not scroll sideways, and that no rule id or field path is visible. The
//! screenshots go to `target/explain-browser/` (kept as CI artifacts).
//!
//! Needs the Debian package `chromium`; `.ci/run` installs it when missing.
//! Without it this test fails and says so.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const VOORBEELDEN: [(&str, &str); 3] = [
    ("ja", "regions/rijnstreek/voorbeelden/overbrugging-advies-drie-maanden.json"),
    ("nee", "regions/rijnstreek/voorbeelden/tlv-directeur-niet-akkoord.json"),
    ("onbekend", "regions/leiden/voorbeelden/overbrugging-tlv-en-orion-onbekend.json"),
];

/// Writes where the answer and amount are, the viewport, and the visible text into the DOM.
const PROBE: &str = r#"<script>(function(){function r(id){var x=document.getElementById(id);if(!x)return null;var b=x.getBoundingClientRect();return [b.top,b.bottom];}
parent.postMessage(JSON.stringify({antwoord:r('antwoord'),bedrag:r('bedrag'),hoogte:window.innerHeight,breedte:window.innerWidth,
scrollbreedte:document.documentElement.scrollWidth,tekst:document.body.innerText}),'*');})();</script></body>"#;

/// Headless Chromium will not make a window narrower than 500 px, so the page
/// is shown in a 390x844 frame (a phone's viewport); the frame's probe
/// reports back with `postMessage`.
fn phone(page: &str) -> String {
    format!(
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"{page}\" width=\"390\" height=\"844\" style=\"border:0;display:block\"></iframe>\
<script>window.addEventListener('message',function(e){{document.body.setAttribute('data-probe',e.data);}});</script></body></html>"
    )
}

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser"] {
        if let Ok(out) = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output() {
            let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if out.status.success() && !path.is_empty() {
                return PathBuf::from(path);
            }
        }
    }
    panic!("chromium ontbreekt: deze browsertest heeft headless Chromium nodig (Debian-pakket `chromium`; `.ci/run` installeert het met apt-get)");
}

fn passend(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_passend")).args(args).current_dir(common::root()).output().unwrap_or_else(|e| panic!("passend: {e}"));
    assert!(out.status.success(), "passend {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn browser(chromium: &Path, extra: &[String], page: &Path) -> String {
    let mut cmd = Command::new(chromium);
    cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=500,900", "--virtual-time-budget=2000"]);
    cmd.args(extra);
    cmd.arg(format!("file://{}", page.display()));
    let out = cmd.output().unwrap_or_else(|e| panic!("chromium: {e}"));
    assert!(out.status.success(), "chromium: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&")
}

#[test]
fn ouder_page_on_a_phone_answer_first_no_internal_names() {
    let chromium = chromium();
    let dir = common::root().join("target").join("explain-browser");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let engine = common::engine();
    for (name, rel) in VOORBEELDEN {
        let html = passend(&["explain", "--voor", "ouder", "--format", "html", rel]);
        let page = dir.join(format!("{name}.html"));
        std::fs::write(&page, html.replacen("</body>", PROBE, 1)).unwrap_or_else(|e| panic!("{e}"));
        let frame = dir.join(format!("{name}-telefoon.html"));
        std::fs::write(&frame, phone(&format!("{name}.html"))).unwrap_or_else(|e| panic!("{e}"));
        let page = frame;
        let shot = dir.join(format!("{name}-390x844.png"));
        browser(&chromium, &[format!("--screenshot={}", shot.display())], &page);
        assert!(shot.exists(), "no screenshot for {name}");
        let dom = browser(&chromium, &["--dump-dom".to_string()], &page);
        let start = dom.find("data-probe=\"").unwrap_or_else(|| panic!("{name}: probe did not run:\n{dom}")) + "data-probe=\"".len();
        let end = dom[start..].find('"').map(|e| start + e).unwrap_or(dom.len());
        let probe: serde_json::Value = serde_json::from_str(&unescape(&dom[start..end])).unwrap_or_else(|e| panic!("{name}: {e}"));
        let hoogte = probe["hoogte"].as_f64().unwrap_or(0.0);
        assert!(hoogte == 844.0 && probe["breedte"].as_f64() == Some(390.0), "{name}: viewport {probe}");
        let antwoord = probe["antwoord"][1].as_f64().unwrap_or(f64::MAX);
        assert!(antwoord <= hoogte, "{name}: the answer ends at {antwoord}, below the fold ({hoogte})");
        if name == "ja" {
            let bedrag = probe["bedrag"][1].as_f64().unwrap_or(f64::MAX);
            assert!(bedrag <= hoogte, "{name}: the amount ends at {bedrag}, below the fold ({hoogte})");
        }
        assert!(probe["scrollbreedte"].as_f64() <= Some(390.0), "{name}: the page scrolls sideways: {probe}");
        let tekst = probe["tekst"].as_str().unwrap_or_default();
        let verwacht = match name {
            "ja" => "Ja",
            "nee" => "Nee",
            _ => "Nog niet te zeggen",
        };
        assert!(tekst.starts_with(verwacht), "{name}: the page starts with {:?}", tekst.chars().take(40).collect::<String>());
        let beleid: serde_json::Value = serde_json::from_str(&passend(&["explain", "--volledig", "--format", "json", rel])).unwrap_or_else(|e| panic!("{e}"));
        for r in beleid["eisen"].as_array().into_iter().chain(beleid["gevolgen"].as_array()).flatten() {
            let id = r["regel"].as_str().unwrap_or_default();
            assert!(!id.is_empty() && !tekst.contains(id), "{name}: rule id {id} visible");
        }
        for f in &engine.vocab().fields {
            assert!(!f.path.contains('.') || !tekst.contains(&*f.path), "{name}: field path {} visible", f.path);
        }
    }
}
