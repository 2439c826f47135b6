//! Embeds the rule files of `regions/` in the binary, so `passend eval`
//! works from any directory without the source tree.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "passend") || path.file_name().is_some_and(|n| n == "vocabulaire.toml") {
            if let Ok(rel) = path.strip_prefix(base) {
                out.push(rel.to_path_buf());
            }
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let regions = Path::new(&manifest).join("regions");
    println!("cargo:rerun-if-changed=regions");
    let mut files = Vec::new();
    collect(&regions, &regions, &mut files);
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let dest = Path::new(&out_dir).join("embedded.rs");
    let mut code = String::from("/// Rule files embedded at build time: (path below regions/, text).\npub static FILES: &[(&str, &str)] = &[\n");
    for rel in &files {
        let rel_str = rel.to_string_lossy().replace('\\', "/");
        let abs = regions.join(rel);
        println!("cargo:rerun-if-changed={}", abs.display());
        code.push_str(&format!("    ({:?}, include_str!({:?})),\n", rel_str, abs.to_string_lossy()));
    }
    code.push_str("];\n");
    if let Ok(mut f) = fs::File::create(&dest) {
        let _ = f.write_all(code.as_bytes());
    }
}
