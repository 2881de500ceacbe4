//! `chars`: find a rare character (生僻字) by pinyin, by radical and strokes, or by code point,
//! as the desk's picker does.

use std::io::Write;

use anyhow::{Result, bail};
use clap::Args;

use crate::chars::{self, Candidate, HanChar};
use crate::explain::shown;
use crate::i18n::Language;

#[derive(Debug, Args)]
pub struct CharsArgs {
    /// A pinyin syllable, with or without its tone digit (yan, yan3; v for ü).
    #[arg(long, conflicts_with_all = ["radical", "code"])]
    pinyin: Option<String>,
    /// A radical (火, 龙, 龍 or the Kangxi radical ⽕).
    #[arg(long, conflicts_with = "code")]
    radical: Option<String>,
    /// Strokes beyond the radical (with --radical).
    #[arg(long, requires = "radical", allow_negative_numbers = true)]
    strokes: Option<i8>,
    /// A code point (U+2A6A5) or the character itself.
    #[arg(long)]
    code: Option<String>,
    /// At most this many candidates, the common ones first.
    #[arg(long, default_value_t = 100)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

pub fn run(args: CharsArgs) -> Result<()> {
    let language = Language::from_environment();
    let table = chars::table().map_err(|error| anyhow::anyhow!(shown(language, error)))?;
    let found: std::result::Result<Vec<&HanChar>, chars::CharsError> =
        match (&args.pinyin, &args.radical, &args.code) {
            (Some(pinyin), _, _) => table.by_pinyin(pinyin),
            (_, Some(radical), _) => table.by_radical(radical, args.strokes),
            (_, _, Some(code)) => table
                .by_code_point(code)
                .map(|found| found.into_iter().collect()),
            _ => bail!("{}", crate::t!(language, "chars-need-a-query")),
        };
    let found = found.map_err(|error| anyhow::anyhow!(shown(language, &error)))?;
    let candidates: Vec<Candidate> = found
        .into_iter()
        .take(args.limit)
        .map(|entry| table.candidate(entry))
        .collect();
    let mut out = String::new();
    if args.json {
        out = serde_json::to_string_pretty(&candidates)? + "\n";
    } else {
        for c in &candidates {
            out += &format!(
                "{}\t{}\t{}\t{}+{}\t{}\n",
                c.char,
                c.code_point,
                c.pinyin.join(" "),
                c.radical,
                c.remaining_strokes,
                c.block
            );
        }
    }
    // A script that reads only the first lines (`| head`) closes the pipe: not an error.
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}
