//! Embeds the rule files of `regions/` in the binary, so `passend eval`
//! works from any directory without the source tree.

// The one finder of rule files (links, FIFOs and sizes handled as everywhere else).
#[path = "src/loader/find.rs"]
#[allow(dead_code)]
mod find;

use std::fs;
use std::io::Write;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let regions = Path::new(&manifest).join("regions");
    println!("cargo:rerun-if-changed=regions");
    let files = match find::find(&regions, true) {
        Ok(found) => found,
        Err(e) => panic!("cannot list {}: {e}", regions.display()),
    };
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let dest = Path::new(&out_dir).join("embedded.rs");
    let mut code = String::from("/// Rule files embedded at build time: (path below regions/, text).\npub static FILES: &[(&str, &str)] = &[\n");
    for found in &files {
        // A bundled rule file that cannot be read is a build error, not a silently missing file.
        if let Some(why) = &found.refused {
            panic!("regions/{}: {why}", found.rel);
        }
        let rel_str = &found.rel;
        let abs = &found.path;
        println!("cargo:rerun-if-changed={}", abs.display());
        code.push_str(&format!("    ({:?}, include_str!({:?})),\n", rel_str, abs.to_string_lossy()));
    }
    code.push_str("];\n");
    if let Ok(mut f) = fs::File::create(&dest) {
        let _ = f.write_all(code.as_bytes());
    }
}
