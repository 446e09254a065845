//! Moving comments between states, and taking a move back.

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};

use super::audit::{change_of, record};
use super::desk_state_of;
use crate::store::admin::{Action, AuditEntry, Change, DeskState, Moderation};
use crate::store::sqlite::status_of;
use crate::store::StoreError;

/// Where comment `id` stands, and where it stood before a deletion.
fn desk_state(
    tx: &Transaction<'_>,
    id: i64,
) -> rusqlite::Result<Option<(DeskState, Option<DeskState>)>> {
    tx.query_row(
        "SELECT c.status, d.deleted_from FROM comments c
         LEFT JOIN comment_desk d ON d.comment_id = c.id WHERE c.id = ?1",
        [id],
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)),
    )
    .optional()?
    .map(|(status, deleted_from)| {
        let deleted_from = deleted_from.map(desk_state_of).transpose()?;
        let state = match deleted_from {
            Some(_) => DeskState::Deleted,
            None => status_of(status)?.into(),
        };
        Ok((state, deleted_from))
    })
    .transpose()
}

/// Moves comment `id` from `from` to `to`; a rejection's reason is set when `reason` is
/// `Some` (an undo leaves the old one).
fn move_comment(
    tx: &Transaction<'_>,
    id: i64,
    from: DeskState,
    to: DeskState,
    reason: Option<Option<&str>>,
    at_ms: i64,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE comments SET status = ?2 WHERE id = ?1",
        params![id, to.status().as_str()],
    )?;
    let deleted = (to == DeskState::Deleted).then(|| from.as_str());
    tx.execute(
        "INSERT INTO comment_desk (comment_id, reject_reason, deleted_from, deleted_at_ms)
             VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (comment_id) DO UPDATE SET
             reject_reason = CASE WHEN ?5 THEN excluded.reject_reason ELSE reject_reason END,
             deleted_from = excluded.deleted_from,
             deleted_at_ms = excluded.deleted_at_ms",
        params![
            id,
            reason.flatten(),
            deleted,
            deleted.map(|_| at_ms),
            reason.is_some()
        ],
    )?;
    Ok(())
}

pub(super) fn moderate(
    conn: &mut Connection,
    m: &Moderation,
) -> Result<Option<AuditEntry>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let reason = (m.action == Action::Reject).then_some(m.reason.as_deref());
    let mut changes = Vec::new();
    for &id in &m.ids {
        if changes.iter().any(|c: &Change| c.comment_id == id) {
            continue;
        }
        let Some((from, deleted_from)) = desk_state(&tx, id)? else {
            continue;
        };
        let Some(to) = m.action.target(from, deleted_from) else {
            continue;
        };
        move_comment(&tx, id, from, to, reason, m.at_ms)?;
        changes.push(Change {
            comment_id: id,
            from,
            to,
        });
    }
    if changes.is_empty() {
        return Ok(None);
    }
    let entry = record(
        &tx,
        m.action,
        &m.actor,
        reason.flatten(),
        None,
        None,
        changes,
        m.at_ms,
    )?;
    tx.commit()?;
    Ok(Some(entry))
}

pub(super) fn undo(
    conn: &mut Connection,
    entry: i64,
    actor: &str,
    at_ms: i64,
) -> Result<Option<AuditEntry>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let moved = tx
        .prepare_cached(
            "SELECT comment_id, from_state, to_state FROM audit_changes WHERE action_id = ?1",
        )?
        .query_map([entry], change_of)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut changes = Vec::new();
    for c in moved {
        match desk_state(&tx, c.comment_id)? {
            Some((now, _)) if now == c.to => {
                move_comment(&tx, c.comment_id, c.to, c.from, None, at_ms)?;
                changes.push(Change {
                    comment_id: c.comment_id,
                    from: c.to,
                    to: c.from,
                });
            }
            _ => {}
        }
    }
    if changes.is_empty() {
        return Ok(None);
    }
    let entry = record(
        &tx,
        Action::Undo,
        actor,
        None,
        None,
        Some(entry),
        changes,
        at_ms,
    )?;
    tx.commit()?;
    Ok(Some(entry))
}

pub(super) fn purge(
    conn: &mut Connection,
    deleted_before_ms: i64,
    actor: &str,
    at_ms: i64,
) -> Result<Option<AuditEntry>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let ids = tx
        .prepare_cached(
            "SELECT comment_id FROM comment_desk
             WHERE deleted_from IS NOT NULL AND deleted_at_ms < ?1 ORDER BY comment_id",
        )?
        .query_map([deleted_before_ms], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if ids.is_empty() {
        return Ok(None);
    }
    for &id in &ids {
        tx.execute("DELETE FROM comments WHERE id = ?1", [id])?;
        tx.execute("DELETE FROM comment_desk WHERE comment_id = ?1", [id])?;
    }
    let changes = Change::purged(ids);
    let entry = record(&tx, Action::Purge, actor, None, None, None, changes, at_ms)?;
    tx.commit()?;
    Ok(Some(entry))
}
