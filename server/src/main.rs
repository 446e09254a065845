//! `binhluan-server`: the reference endpoint for the binhluan comment box.
//! See docs/server.md for the options and moderation, docs/endpoint.md for the HTTP contract.

use std::process::ExitCode;

use binhluan_server::cli::{Cli, Command};
use binhluan_server::{admin, moderation, serve};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Comments(args)) => moderation::run(&args),
        Some(Command::Users(args)) => admin::users::run(&args),
        Some(Command::Serve(args)) => serve::run(args),
        None => serve::run(cli.serve),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The command's own failure, for whoever ran it (not a log line).
            eprintln!("binhluan-server: {e}");
            ExitCode::FAILURE
        }
    }
}
