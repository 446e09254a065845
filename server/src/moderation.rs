//! `binhluan-server comments ...`: moderation from the command line, on SQLite or
//! PostgreSQL, safe to run while servers are up (SQLite's WAL lets both work on the file;
//! PostgreSQL is shared anyway).

use std::io::Write;

use crate::cli::{database, CommentsAction, CommentsArgs};
use crate::store::{Status, Store, StoreError};
use crate::time::rfc3339;

/// Runs one moderation command.
pub fn run(args: &CommentsArgs) -> Result<(), StoreError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(moderate(args))
}

async fn moderate(args: &CommentsArgs) -> Result<(), StoreError> {
    // Not created: a mistyped path must not look like "no comments".
    let store = database(args.db.as_deref()).open(false).await?;
    let store = store.as_ref();
    match args.action {
        CommentsAction::List {
            pending,
            spam,
            limit,
        } => {
            let only = if pending {
                Some(Status::Pending)
            } else if spam {
                Some(Status::Spam)
            } else {
                None
            };
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "id\tstatus\tcreated_at\tarticle_id\tname\temail\tip\tcontent"
            )?;
            for c in store.for_moderation(only, limit).await? {
                let status = match &c.spam_reason {
                    // A held comment shows why it was held (`pending:too-fast`).
                    Some(reason) if matches!(c.status, Status::Spam | Status::Pending) => {
                        format!("{}:{reason}", c.status.as_str())
                    }
                    _ => c.status.as_str().to_owned(),
                };
                writeln!(
                    out,
                    "{}\t{status}\t{}\t{}\t{}\t{}\t{}\t{}",
                    c.id,
                    rfc3339(c.created_at_ms),
                    field(&c.article_id),
                    field(&c.name),
                    field(&c.email),
                    field(&c.ip),
                    field(&c.content),
                )?;
            }
            Ok(())
        }
        CommentsAction::Approve { id } => set(store, id, Status::Published).await,
        CommentsAction::Reject { id } => set(store, id, Status::Rejected).await,
    }
}

async fn set(store: &dyn Store, id: i64, status: Status) -> Result<(), StoreError> {
    if store.set_status(id, status).await? {
        println!("comment {id}: {}", status.as_str());
        Ok(())
    } else {
        Err(format!("no comment with id {id}").into())
    }
}

/// A value on one tab-separated line: backslash, tab and line breaks escaped.
fn field(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_stay_on_one_line() {
        assert_eq!(field("a\tb\nc\\d\r"), "a\\tb\\nc\\\\d\\r");
        assert_eq!(field("Chào bạn"), "Chào bạn");
    }
}
