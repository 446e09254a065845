//! Command line and environment: every serve option is a flag and a `BINHLUAN_*` variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::{BoolishValueParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};

use crate::admin::text::Lang;
use crate::store::{Database, StoreError};

/// The reference endpoint for the binhluan comment box: re-checks every comment with the
/// same Rust rules as the widget and stores it in SQLite or PostgreSQL.
#[derive(Debug, Parser)]
#[command(
    name = "binhluan-server",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without a command the server runs (`serve`).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options of `serve`, also accepted without the word `serve`.
    #[command(flatten)]
    pub serve: ServeArgs,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (the default).
    Serve(ServeArgs),
    /// Moderate stored comments.
    Comments(CommentsArgs),
    /// Manage the accounts of the editors' desk (`/admin/`).
    Users(crate::admin::users::UsersArgs),
}

/// Options of the HTTP server.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the real one is printed).
    #[arg(long, env = "BINHLUAN_ADDR", default_value = "127.0.0.1:8787")]
    pub addr: SocketAddr,
    /// The SQLite database file (created with its folder on first start), or a PostgreSQL
    /// URL `postgres://user:password@host/database` [default: DATABASE_URL if set, else
    /// ./data/binhluan.sqlite3].
    #[arg(long, env = "BINHLUAN_DB")]
    pub db: Option<String>,
    /// Serve the static files of this folder at `/` (index.html for folders).
    #[arg(long, env = "BINHLUAN_WWW")]
    pub www: Option<PathBuf>,
    /// An origin (`https://example.com`) whose pages may call the API from the browser;
    /// repeat it, or separate with commas in the variable; `*` allows any origin.
    /// Pages of --public-origin are always allowed.
    #[arg(
        long = "allow-origin",
        env = "BINHLUAN_ALLOW_ORIGIN",
        value_delimiter = ','
    )]
    pub allow_origins: Vec<String>,
    /// A request header, beyond Content-Type and Idempotency-Key, that allowed origins
    /// may send (for example X-CSRF-Token); repeat it or separate with commas.
    #[arg(
        long = "allow-header",
        env = "BINHLUAN_ALLOW_HEADER",
        value_delimiter = ','
    )]
    pub allow_headers: Vec<String>,
    /// The origin readers reach this server's own pages at (`https://comments.example`), whose
    /// pages may call the API [default: `http://` and --addr, and `http://localhost:PORT`
    /// for a loopback address]; repeat it or separate with commas.
    #[arg(
        long = "public-origin",
        env = "BINHLUAN_PUBLIC_ORIGIN",
        value_delimiter = ','
    )]
    pub public_origins: Vec<String>,
    /// Publish comments that pass the rules at once instead of holding them for a moderator.
    #[arg(long, env = "BINHLUAN_AUTO_PUBLISH", value_parser = BoolishValueParser::new())]
    pub auto_publish: bool,
    /// Minimum number of Vietnamese words with diacritics [default: the library's, 10].
    #[arg(long, env = "BINHLUAN_MIN_WORDS")]
    pub min_words: Option<u32>,
    /// Maximum length in characters [default: the library's, 1000].
    #[arg(long, env = "BINHLUAN_MAX_LENGTH")]
    pub max_length: Option<u32>,
    /// Comment posts allowed per client address per minute (bursts up to that many);
    /// 0 turns the limit off.
    #[arg(long, env = "BINHLUAN_RATE_LIMIT", default_value_t = 10)]
    pub rate_limit: u32,
    /// Seconds a request may take, body included, before it is answered 408.
    #[arg(long, env = "BINHLUAN_TIMEOUT", default_value_t = 10)]
    pub timeout: u64,
    /// Behind this many reverse proxies that each append to X-Forwarded-For, take the client
    /// address from the entry that many places from its end (only with proxies that set it,
    /// or anyone can pick their own address); without a number, 1.
    #[arg(
        long,
        env = "BINHLUAN_TRUST_FORWARDED_FOR",
        value_name = "HOPS",
        num_args = 0..=1,
        default_value = "0",
        default_missing_value = "1",
        value_parser = hops
    )]
    pub trust_forwarded_for: u8,
    /// The editors' desk's language for an editor who has not picked one (the link on every
    /// desk page) and whose browser asks for neither Vietnamese nor English.
    #[arg(long, env = "BINHLUAN_DESK_LANG", default_value = "vi", value_parser = desk_lang)]
    pub desk_lang: Lang,
}

/// `vi` or `en`.
fn desk_lang(value: &str) -> Result<Lang, String> {
    Lang::parse(value).ok_or_else(|| format!("{value:?} is not vi or en"))
}

/// The number of trusted proxies: a number, or a yes/no word as it was before it took one.
fn hops(value: &str) -> Result<u8, String> {
    if let Ok(n) = value.trim().parse::<u8>() {
        return Ok(n);
    }
    BoolishValueParser::new()
        .parse_ref(
            &clap::Command::new("hops"),
            None,
            std::ffi::OsStr::new(value),
        )
        .map(u8::from)
        .map_err(|_| format!("{value:?} is not a number of proxies"))
}

/// The database `--db` names: the flag or BINHLUAN_DB, else DATABASE_URL, else the default
/// SQLite file.
pub fn database(db: Option<&str>) -> Database {
    let url = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty());
    Database::parse(db.or(url.as_deref()).unwrap_or(DEFAULT_DB))
}

/// Runs a command's work (`comments`, `users`) on a runtime of its own: one thread, as a
/// command is one conversation with the database.
pub fn run_command(
    work: impl std::future::Future<Output = Result<(), StoreError>>,
) -> Result<(), StoreError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(work)
}

/// Who a command acts as in the desk's audit log: `cli:` and the system user's name.
pub fn command_actor() -> String {
    let user = ["USER", "LOGNAME", "USERNAME"]
        .into_iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()));
    match user {
        Some(user) => format!("cli:{}", user.trim()),
        None => "cli".to_owned(),
    }
}

/// The SQLite file used when no database is named.
pub const DEFAULT_DB: &str = "./data/binhluan.sqlite3";

/// Options of `comments`.
#[derive(Debug, Args)]
pub struct CommentsArgs {
    /// The SQLite database file or PostgreSQL URL [default: DATABASE_URL if set, else
    /// ./data/binhluan.sqlite3].
    #[arg(long, env = "BINHLUAN_DB", global = true)]
    pub db: Option<String>,
    /// What to do with them.
    #[command(subcommand)]
    pub action: CommentsAction,
}

/// Moderation actions. Each but `list` goes through the desk's own code and is written to
/// its audit log ("Nhật ký") as done by `cli:$USER`.
#[derive(Debug, Subcommand)]
pub enum CommentsAction {
    /// Print comments, newest first, as tab-separated lines with a header.
    List {
        /// Only those waiting for a moderator.
        #[arg(long)]
        pending: bool,
        /// Only those judged spam.
        #[arg(long, conflicts_with = "pending")]
        spam: bool,
        /// At most this many.
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Publish comments (pending, spam, rejected or deleted).
    Approve {
        /// The comments' ids.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Refuse comments: never shown to readers.
    Reject {
        /// The comments' ids.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Mark comments as spam.
    Spam {
        /// The comments' ids.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Delete comments: hidden everywhere but the desk's "Đã xoá", restorable until purged.
    Delete {
        /// The comments' ids.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Bring comments back: a deleted one to where it was, a rejected or spam one to the
    /// queue.
    Restore {
        /// The comments' ids.
        #[arg(required = true)]
        ids: Vec<i64>,
    },
    /// Remove for good the comments deleted more than DAYS days ago; the audit log keeps a
    /// purge entry naming them.
    Purge {
        /// Days since the deletion.
        #[arg(long, value_name = "DAYS")]
        older_than: u32,
    },
}
