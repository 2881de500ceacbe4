//! `bianmin-county`: the county's receiver and its staff's tools alone (`bianmin-county serve`,
//! `device add`, `decide`, …), the same commands as `bianmin county …` in a program without
//! the terminal's GUI, so a county server does not carry it.

use std::process::ExitCode;

use clap::Parser;

#[derive(Debug, Parser)]
#[command(name = "bianmin-county", version, about = "便民 county receiver")]
struct Cli {
    #[command(subcommand)]
    command: bianmin::cli::county::CountyCommand,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match bianmin::cli::county::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bianmin-county: {error:#}");
            ExitCode::FAILURE
        }
    }
}
