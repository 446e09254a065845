//! `binhluan-server users ...`: the desk's accounts from the command line. A password is
//! read without echo on a terminal, or as the first line of stdin from a script.

use std::io::{BufRead, IsTerminal, Write};

use clap::{Args, Subcommand};

use super::auth::hash_password;
use crate::cli::{database, run_command};
use crate::store::admin::Role;
use crate::store::StoreError;
use crate::time::{now_ms, rfc3339};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Options of `users`.
#[derive(Debug, Args)]
pub struct UsersArgs {
    /// The SQLite database file (created on first start, like `serve` does) or PostgreSQL
    /// URL [default: DATABASE_URL if set, else ./data/binhluan.sqlite3].
    #[arg(long, env = "BINHLUAN_DB", global = true)]
    pub db: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub action: UsersAction,
}

/// Account commands.
#[derive(Debug, Subcommand)]
pub enum UsersAction {
    /// Create an account; the password is asked for (or read from stdin).
    Add {
        /// The name to sign in with.
        name: String,
        /// `editor` moderates; `admin` may also restore deleted comments.
        #[arg(long, default_value = "editor", value_parser = ["editor", "admin"])]
        role: String,
    },
    /// Print the accounts as tab-separated lines with a header.
    List,
    /// Remove an account (its sessions end; the audit log keeps its name).
    Remove {
        /// The account's name.
        name: String,
    },
    /// Set a new password (every session of the account ends).
    Passwd {
        /// The account's name.
        name: String,
    },
}

/// Runs one `users` command.
pub fn run(args: &UsersArgs) -> Result<(), StoreError> {
    run_command(manage(args))
}

async fn manage(args: &UsersArgs) -> Result<(), StoreError> {
    let opened = database(args.db.as_deref()).open_with_desk(true).await?;
    let store = opened.desk.as_ref();
    match &args.action {
        UsersAction::Add { name, role } => {
            let name = account_name(name)?;
            let role = Role::parse(role).ok_or("--role must be editor or admin")?;
            if store.user(name.to_owned()).await?.is_some() {
                return Err(format!("an account named {name:?} exists").into());
            }
            let hash = hash_password(&read_password()?)?;
            if !store
                .add_user(name.to_owned(), role, hash, now_ms())
                .await?
            {
                return Err(format!("an account named {name:?} exists").into());
            }
            println!("account {name} ({}) created", role.as_str());
        }
        UsersAction::List => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "name\trole\tcreated_at")?;
            for u in store.users().await? {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    u.name,
                    u.role.as_str(),
                    rfc3339(u.created_at_ms)
                )?;
            }
        }
        UsersAction::Remove { name } => {
            if !store.remove_user(name.clone()).await? {
                return Err(format!("no account named {name:?}").into());
            }
            println!("account {name} removed");
        }
        UsersAction::Passwd { name } => {
            if store.user(name.clone()).await?.is_none() {
                return Err(format!("no account named {name:?}").into());
            }
            let hash = hash_password(&read_password()?)?;
            store.set_password(name.clone(), hash).await?;
            println!("password of {name} changed; its sessions ended");
        }
    }
    Ok(())
}

/// A name is 1 to 64 visible characters without spaces.
fn account_name(name: &str) -> Result<&str, StoreError> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && !name.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(name)
    } else {
        Err("a name is 1 to 64 characters, without spaces".into())
    }
}

/// The password: asked twice without echo on a terminal, else the first line of stdin.
fn read_password() -> Result<String, StoreError> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Mật khẩu / password: ")?;
        let again = rpassword::prompt_password("Nhập lại / again: ")?;
        if first != again {
            return Err("the two passwords differ".into());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!("a password has at least {MIN_PASSWORD_CHARS} characters").into());
    }
    Ok(password)
}
