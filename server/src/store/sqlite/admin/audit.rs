//! The audit log: recording an action with the comments it moved, and reading it back.

use rusqlite::{params, Connection, Row, Transaction};

use super::{action_of, desk_state_of};
use crate::store::admin::{Action, AuditEntry, Change};
use crate::store::StoreError;

/// One row of `audit_changes`: `comment_id, from_state, to_state`.
pub(super) fn change_of(r: &Row<'_>) -> rusqlite::Result<Change> {
    Ok(Change {
        comment_id: r.get(0)?,
        from: desk_state_of(r.get(1)?)?,
        to: desk_state_of(r.get(2)?)?,
    })
}

/// Records an action and its changes; returns it as an entry.
#[allow(clippy::too_many_arguments)] // one row's columns, each named at the call
pub(super) fn record(
    tx: &Transaction<'_>,
    action: Action,
    actor: &str,
    reason: Option<&str>,
    article_id: Option<&str>,
    undoes: Option<i64>,
    changes: Vec<Change>,
    at_ms: i64,
) -> rusqlite::Result<AuditEntry> {
    tx.execute(
        "INSERT INTO audit_actions (at_ms, actor, action, reason, article_id, undoes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at_ms, actor, action.as_str(), reason, article_id, undoes],
    )?;
    let id = tx.last_insert_rowid();
    let mut insert = tx.prepare_cached(
        "INSERT INTO audit_changes (action_id, comment_id, from_state, to_state)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for c in &changes {
        insert.execute(params![id, c.comment_id, c.from.as_str(), c.to.as_str()])?;
    }
    Ok(AuditEntry {
        id,
        at_ms,
        actor: actor.to_owned(),
        action,
        reason: reason.map(str::to_owned),
        article_id: article_id.map(str::to_owned),
        undoes,
        changes,
    })
}

pub(super) fn audit(
    conn: &mut Connection,
    before: Option<i64>,
    comment: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditEntry>, StoreError> {
    let tx = conn.transaction()?;
    let mut entries = tx
        .prepare_cached(
            "SELECT id, at_ms, actor, action, reason, article_id, undoes FROM audit_actions
             WHERE (?1 IS NULL OR id < ?1)
               AND (?2 IS NULL OR id IN
                    (SELECT action_id FROM audit_changes WHERE comment_id = ?2))
             ORDER BY id DESC LIMIT ?3",
        )?
        .query_map(params![before, comment, limit], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at_ms: r.get(1)?,
                actor: r.get(2)?,
                action: action_of(r.get(3)?)?,
                reason: r.get(4)?,
                article_id: r.get(5)?,
                undoes: r.get(6)?,
                changes: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut changes = tx.prepare_cached(
        "SELECT comment_id, from_state, to_state FROM audit_changes
         WHERE action_id = ?1 ORDER BY comment_id",
    )?;
    for e in &mut entries {
        e.changes = changes
            .query_map([e.id], change_of)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
    }
    Ok(entries)
}
