use super::*;
use crate::lsp::completion::complete;

fn labels(ws: &Workspace, key: &str, offset: usize) -> Vec<String> {
    complete(ws, key, offset).into_iter().map(|i| i.label).collect()
}

/// A rule set whose second file is `text`; the completion at the `|` in it.
fn at_cursor(text: &str) -> Vec<String> {
    let offset = text.find('|').unwrap_or(0);
    let clean = text.replace('|', "");
    let other = format!(
        "{HEADER}parameter tarief {{\n  waarde € 750\n  bron \"b\"\n}}\nregels groep_a {{\n}}\nworkflow stappen {{\n  volgt aanvraag.status\n  bron \"b\"\n  status begin {{\n    tekst \"Begin\"\n    door \"school\"\n    bron \"b\"\n  }}\n  status eind {{\n    tekst \"Eind\"\n    door \"swv\"\n    bron \"b\"\n  }}\n}}\n"
    );
    let ws = small(&[("a.passend", &other), ("b.passend", &clean)]);
    labels(&ws, "testregio/v1/b.passend", offset)
}

#[test]
fn field_paths_complete_segment_by_segment() {
    let got = at_cursor("definitie d {\n  waarde leerling.|\n}\n");
    assert!(got.contains(&"geboortedatum".to_string()) && got.contains(&"setting".to_string()), "{got:?}");
    assert!(!got.iter().any(|l| l.contains('.')), "{got:?}");
    let got = at_cursor("definitie d {\n  waarde ouders.ondertekening.w|\n}\n");
    assert_eq!(got, ["ouder", "wijze"]);
}

#[test]
fn keuze_values_after_is_and_in() {
    let got = at_cursor("definitie d {\n  waarde aanvraag.route = |\n}\n");
    assert_eq!(got, ["voorschools", "thuiszitter", "schoolgaand"]);
    let got = at_cursor("definitie d {\n  waarde leerling.setting in [\"sbo\", |\n}\n");
    assert!(got.contains(&"regulier".to_string()) && got.len() == 5, "{got:?}");
    let got = at_cursor("definitie d {\n  waarde aanvraag.route = \"th|\"\n}\n");
    assert!(got.contains(&"thuiszitter".to_string()), "{got:?}");
    // Not on a field that is no keuze.
    let got = at_cursor("definitie d {\n  waarde aanvraag.compleet = |\n}\n");
    assert!(!got.contains(&"thuiszitter".to_string()));
}

#[test]
fn parameters_definities_functions_and_keywords_in_an_expression() {
    let got = at_cursor("definitie d {\n  waarde |\n}\n");
    for want in ["tarief", "d", "leeftijd", "bekend", "als", "peildatum", "leerling", "aanvraag"] {
        assert!(got.contains(&want.to_string()), "{want} in {got:?}");
    }
}

#[test]
fn groups_after_gebruikt_and_statuses_after_van_and_naar() {
    assert_eq!(at_cursor("aanvraag tlv {\n  gebruikt [|\n}\n"), ["groep_a"]);
    // The statuses of workflow `stappen` are not offered in another workflow.
    let got = at_cursor("workflow andere {\n  overgang verder {\n    van |\n  }\n}\n");
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn statuses_of_the_enclosing_workflow() {
    let text = format!(
        "{HEADER}workflow stappen {{\n  volgt aanvraag.status\n  bron \"b\"\n  status begin {{\n    tekst \"Begin\"\n    door \"school\"\n    bron \"b\"\n  }}\n  overgang verder {{\n    naar |\n  }}\n}}\n"
    );
    let offset = text.find('|').unwrap_or(0);
    let ws = small(&[("a.passend", &text.replace('|', ""))]);
    assert_eq!(labels(&ws, "testregio/v1/a.passend", offset), ["begin"]);
}

#[test]
fn block_kinds_and_attributes_valid_at_the_cursor() {
    let top = at_cursor("|");
    assert_eq!(top, ["regio", "parameter", "definitie", "regels", "aanvraag", "workflow"]);
    let in_eis = at_cursor("aanvraag tlv {\n  eis e {\n    |\n  }\n}\n");
    for want in ["tekst", "voorwaarde", "alleen_als", "bron"] {
        assert!(in_eis.contains(&want.to_string()), "{want} in {in_eis:?}");
    }
    assert!(!in_eis.contains(&"rol".to_string()));
    let in_aanvraag = at_cursor("aanvraag tlv {\n  |\n}\n");
    assert!(in_aanvraag.contains(&"eis".to_string()) && in_aanvraag.contains(&"gebruikt".to_string()), "{in_aanvraag:?}");
}

#[test]
fn units_after_a_number_and_nothing_in_a_comment() {
    let got = at_cursor("parameter p {\n  waarde 8 |\n}\n");
    assert!(got.contains(&"weken".to_string()) && got.contains(&"juli".to_string()), "{got:?}");
    assert!(at_cursor("# leerling.|\n").is_empty());
}

#[test]
fn completion_in_the_largest_bundled_file_offers_its_definities() {
    let ws = bundled();
    let key = "leiden/2019-2020/1-tlv.passend";
    let offset = at(&ws, key, "  waarde ", 3, 9);
    let got = labels(&ws, key, offset);
    assert!(got.len() > 30, "{}", got.len());
}
