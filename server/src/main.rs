//! `binhluan-server`: the reference endpoint for the binhluan comment box.
//! See docs-server.md for the HTTP contract, the options and moderation.
#![deny(missing_docs)]

mod api;
mod cli;
mod form;
mod moderation;
mod ratelimit;
mod reply;
mod serve;
mod store;
mod time;
mod www;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Comments(args)) => moderation::run(&args),
        Some(Command::Serve(args)) => serve::run(args),
        None => serve::run(cli.serve),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("binhluan-server: {e}");
            ExitCode::FAILURE
        }
    }
}
