//! "Did you mean": the closest known name to a misspelt one.

/// Edit distance between two strings (Levenshtein, on chars).
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `name`, if it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, c.len()))
        .map(|(_, c)| c)
}

/// The literal meant by a word people write for yes or no (`waar` is `ja`).
pub fn literal_for(name: &str) -> Option<&'static str> {
    match name.to_lowercase().as_str() {
        "waar" | "true" | "wel" | "juist" | "yes" => Some("ja"),
        "onwaar" | "false" | "onjuist" | "no" => Some("nee"),
        _ => None,
    }
}

/// `help` text: "bedoel je `x`?" or a fallback.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>, fallback: &str) -> String {
    if let Some(literal) = literal_for(name) {
        return format!("bedoel je `{literal}`? (ja en nee zijn de waarden voor waar en onwaar)");
    }
    match closest(name, candidates) {
        Some(c) => format!("bedoel je `{c}`?"),
        None => match crate::syntax::hints::keyword_like(name) {
            Some(k) => format!("bedoel je `{k}`?"),
            None => fallback.to_string(),
        },
    }
}

/// The known field (or group of fields) closest to a misspelt dotted name
/// from a dossier: `leerlign` -> `leerling`, `leerling.geboortedatm` ->
/// `leerling.geboortedatum`. Compared at the same depth.
pub fn closest_field<'a>(name: &str, fields: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let depth = name.split('.').count();
    let mut candidates: Vec<String> = fields
        .into_iter()
        .filter_map(|f| {
            let parts: Vec<&str> = f.split('.').collect();
            (parts.len() >= depth).then(|| parts[..depth].join("."))
        })
        .collect();
    candidates.sort();
    candidates.dedup();
    closest(name, candidates.iter().map(String::as_str)).map(str::to_string)
}
