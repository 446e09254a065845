//! `binhluan-server comments ...`: moderation from the command line, on SQLite or
//! PostgreSQL, safe to run while servers are up (SQLite's WAL lets both work on the file;
//! PostgreSQL is shared anyway). Every action goes through the desk's
//! [`AdminStore::moderate`], so it is checked and recorded exactly as a click on the desk.

use std::io::Write;

use crate::cli::{command_actor, database, run_command, CommentsAction, CommentsArgs};
use crate::store::admin::{Action, AdminStore, Moderation};
use crate::store::{Status, StoreError};
use crate::time::{now_ms, rfc3339};

/// A day, in milliseconds.
const DAY_MS: i64 = 86_400_000;

/// Runs one moderation command.
pub fn run(args: &CommentsArgs) -> Result<(), StoreError> {
    run_command(moderate(args))
}

async fn moderate(args: &CommentsArgs) -> Result<(), StoreError> {
    // Not created: a mistyped path must not look like "no comments".
    let opened = database(args.db.as_deref()).open_with_desk(false).await?;
    let (store, desk) = (opened.store.as_ref(), opened.desk.as_ref());
    let (action, ids) = match &args.action {
        CommentsAction::List {
            pending,
            spam,
            limit,
        } => {
            let only = if *pending {
                Some(Status::Pending)
            } else if *spam {
                Some(Status::Spam)
            } else {
                None
            };
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "id\tstatus\tcreated_at\tarticle_id\tname\temail\tip\tcontent"
            )?;
            for c in store.for_moderation(only, *limit).await? {
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
            return Ok(());
        }
        CommentsAction::Purge { older_than } => {
            return purge(desk, *older_than).await;
        }
        CommentsAction::Approve { ids } => (Action::Approve, ids),
        CommentsAction::Reject { ids } => (Action::Reject, ids),
        CommentsAction::Spam { ids } => (Action::Spam, ids),
        CommentsAction::Delete { ids } => (Action::Delete, ids),
        CommentsAction::Restore { ids } => (Action::Restore, ids),
    };
    act(desk, action, ids).await
}

/// Applies `action` to `ids` as the desk does, and says where each comment went.
async fn act(desk: &dyn AdminStore, action: Action, ids: &[i64]) -> Result<(), StoreError> {
    let entry = desk
        .moderate(Moderation {
            ids: ids.to_vec(),
            action,
            reason: None,
            actor: command_actor(),
            at_ms: now_ms(),
        })
        .await?;
    let changes = entry.map(|e| e.changes).unwrap_or_default();
    let mut missing = Vec::new();
    for &id in ids {
        if let Some(c) = changes.iter().find(|c| c.comment_id == id) {
            println!("comment {id}: {}", c.to.as_str());
        } else if let Some(c) = desk.comment(id).await? {
            println!("comment {id}: {} (unchanged)", c.state.as_str());
        } else {
            missing.push(id.to_string());
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("no comment with id {}", missing.join(", ")).into())
    }
}

/// Removes for good the comments deleted more than `days` days ago.
async fn purge(desk: &dyn AdminStore, days: u32) -> Result<(), StoreError> {
    let now = now_ms();
    let before = now - i64::from(days) * DAY_MS;
    let purged = desk.purge(before, command_actor(), now).await?;
    let n = purged.as_ref().map_or(0, |e| e.changes.len());
    println!("purged {n} comments deleted before {}", rfc3339(before));
    Ok(())
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
