//! The test: three independent broken blocks give three located
//! problems, and hover and completion still work in the intact blocks.

use super::*;
use crate::diagnostics::Code;
use crate::lsp::diagnostics::diagnose_set;
use crate::lsp::workspace::SetId;

const BROKEN: &str = "parameter tarief {
  waarde € 750 +
  bron \"b\"
}

definitie goed {
  waarde leerling.setting = \"sbo\"
  bron \"Handboek 1.2\"
}

definitie kapot {
  waarde (1 + 2
  bron \"c\"
}

aanvraag tlv {
  bron \"d\"
  eis kapot_ook {
    tekst \"t\"
    voorwaarde goed = = ja
    bron \"e\"
  }
  eis heel {
    tekst \"Het dossier is compleet.\"
    voorwaarde goed en aanvraag.compleet
    bron \"f\"
  }
}
";

#[test]
fn three_broken_blocks_three_problems_and_the_rest_still_served() {
    let ws = small(&[("a.passend", HEADER), ("b.passend", BROKEN)]);
    let key = "testregio/v1/b.passend";
    let all = diagnose_set(&ws, &SetId { regio: "testregio".into(), versie: "v1".into() });
    let problems = all.get(key).cloned().unwrap_or_default();
    let lines: Vec<usize> = problems.iter().map(|(_, p)| p.source.line_col(p.span.start as usize).0).collect();
    assert_eq!(problems.len(), 3, "{:?}", problems.iter().map(|(_, p)| (&p.message, p.code)).collect::<Vec<_>>());
    assert!(problems.iter().all(|(_, p)| p.code == Code::Syntax));
    assert!((2..=3).contains(&lines[0]) && (12..=13).contains(&lines[1]) && lines[2] == 20, "{lines:?}");

    // Hover in an intact block: the definitie and the field.
    let h = crate::lsp::hover::hover(&ws, key, at(&ws, key, "goed en aanvraag", 0, 1)).map(|(t, _)| t).unwrap_or_default();
    assert!(h.contains("**definitie** `goed`") && h.contains("Handboek 1.2"), "{h}");
    let h = crate::lsp::hover::hover(&ws, key, at(&ws, key, "aanvraag.compleet", 0, 10)).map(|(t, _)| t).unwrap_or_default();
    assert!(h.contains("**veld** `aanvraag.compleet`: ja/nee"), "{h}");
    // The broken parameter keeps its name: hover shows it, without the broken value.
    let h = crate::lsp::hover::hover(&ws, key, at(&ws, key, "parameter tarief", 0, 11)).map(|(t, _)| t).unwrap_or_default();
    assert!(h.contains("**parameter** `tarief`"), "{h}");

    // Completion in an intact block.
    let offset = at(&ws, key, "leerling.setting", 0, 9);
    let items: Vec<String> = crate::lsp::completion::complete(&ws, key, offset).into_iter().map(|i| i.label).collect();
    assert!(items.contains(&"setting".to_string()) && items.contains(&"geboortedatum".to_string()), "{items:?}");
    let offset = at(&ws, key, "voorwaarde goed en", 0, 11);
    let items: Vec<String> = crate::lsp::completion::complete(&ws, key, offset).into_iter().map(|i| i.label).collect();
    assert!(items.contains(&"goed".to_string()) && items.contains(&"kapot".to_string()) && items.contains(&"tarief".to_string()), "{items:?}");

    // The outline still has every block.
    let outline = crate::lsp::symbols::outline(&ws.parsed(key).unwrap_or_else(|| panic!("geparsed")));
    let names: Vec<&str> = outline.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["tarief", "goed", "kapot", "tlv"]);
}
