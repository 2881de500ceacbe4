use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

fn main() -> ExitCode {
    let started = Instant::now();
    let cli = bianmin::cli::Cli::parse();
    match bianmin::cli::run(cli, started) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bianmin: {error:#}");
            ExitCode::FAILURE
        }
    }
}
