//! clap in Dutch: the help layout (headings, usage, the `-h/--help` and
//! `-V/--version` flags) and the usage errors, rendered from clap's error
//! kind and context instead of clap's English sentences.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// The help layout of every command.
const TEMPLATE: &str = "{before-help}{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}";

/// The command tree with Dutch headings, flags and layout, at every level.
pub fn dutch(cmd: Command) -> Command {
    let cmd = cmd
        .disable_version_flag(true)
        .arg(Arg::new("versie-van-passend").short('V').long("version").action(ArgAction::Version).help("Toon de versie van passend"));
    translate(cmd)
}

fn translate(mut cmd: Command) -> Command {
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Opdrachten")
        .subcommand_value_name("OPDRACHT")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(Arg::new("hulp").short('h').long("help").action(ArgAction::Help).help("Toon deze hulp"));
    let ids: Vec<(clap::Id, bool)> = cmd.get_arguments().map(|a| (a.get_id().clone(), a.is_positional())).collect();
    for (id, positional) in ids {
        cmd = cmd.mut_arg(id, |a| {
            if a.get_help_heading().is_some() {
                a
            } else {
                a.help_heading(if positional { "Argumenten" } else { "Opties" })
            }
        });
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, translate);
    }
    cmd
}

fn value(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| match v {
        ContextValue::Strings(s) => s.join(", "),
        other => other.to_string(),
    })
}

/// A usage error as Dutch text (message, hint, usage line, where to find help).
pub fn error_text(e: &clap::Error) -> String {
    let arg = value(e, ContextKind::InvalidArg).unwrap_or_default();
    let val = value(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut out = String::from("fout: ");
    out.push_str(&match e.kind() {
        ErrorKind::UnknownArgument => format!("onbekende optie of argument `{arg}`"),
        ErrorKind::InvalidSubcommand => {
            format!("onbekende opdracht `{}`", value(e, ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::InvalidValue if val.is_empty() => format!("`{arg}` vraagt een waarde"),
        ErrorKind::InvalidValue => format!("`{val}` is geen geldige waarde voor `{arg}`"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(|s| format!(": {s}")).unwrap_or_default();
            format!("`{val}` is geen geldige waarde voor `{arg}`{why}")
        }
        ErrorKind::NoEquals => format!("schrijf `{arg}=WAARDE`"),
        ErrorKind::TooManyValues => format!("te veel waarden voor `{arg}` (`{val}`)"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("verkeerd aantal waarden voor `{arg}`"),
        ErrorKind::ArgumentConflict => {
            let prior = value(e, ContextKind::PriorArg).unwrap_or_default();
            format!("`{arg}` gaat niet samen met `{prior}`")
        }
        ErrorKind::MissingRequiredArgument => format!("dit ontbreekt nog: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "geef een opdracht".to_string(),
        ErrorKind::InvalidUtf8 => "een argument is geen geldige UTF-8-tekst".to_string(),
        _ => "de opdrachtregel klopt niet".to_string(),
    });
    out.push('\n');
    let suggestions: Vec<String> = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue]
        .into_iter()
        .filter_map(|k| value(e, k))
        .collect();
    if let Some(s) = suggestions.first() {
        out.push_str(&format!("  bedoel je `{s}`?\n"));
    }
    if let Some(valid) = value(e, ContextKind::ValidValue) {
        out.push_str(&format!("  mogelijke waarden: {valid}\n"));
    }
    if let Some(valid) = value(e, ContextKind::ValidSubcommand) {
        out.push_str(&format!("  opdrachten: {valid}\n"));
    }
    if let Some(usage) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        out.push_str(&format!("\nGebruik: {}\n", dutch_words(usage)));
    }
    out.push_str("\nMeer hulp: passend --help, of passend OPDRACHT --help\n");
    out
}

/// The few English words clap writes into a help text itself.
pub fn dutch_words(text: &str) -> String {
    text.replace("[OPTIONS]", "[OPTIES]")
        .replace("[default: ", "[standaard: ")
        .replace("Possible values:", "Mogelijke waarden:")
        .replace("[possible values: ", "[mogelijke waarden: ")
        .replace("[aliases: ", "[ook: ")
        .replace("[alias: ", "[ook: ")
}

/// A whole number for an option, with a Dutch error.
pub fn whole_number(text: &str) -> Result<u64, String> {
    text.trim().parse::<u64>().map_err(|_| "schrijf een heel getal, zoals 1000".to_string())
}

/// A number of threads, 1 or more.
pub fn threads(text: &str) -> Result<u16, String> {
    let max = passend::engine::ndjson::MAX_JOBS;
    match text.trim().parse::<u16>() {
        Ok(n) if n >= 1 && usize::from(n) <= max => Ok(n),
        _ => Err(format!("schrijf een heel getal van 1 tot en met {max}")),
    }
}

/// A date JJJJ-MM-DD, with a Dutch error.
pub fn date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| "schrijf een bestaande datum als JJJJ-MM-DD, bijvoorbeeld 2021-08-01".to_string())
}
