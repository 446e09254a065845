//! Moving comments between states, taking a move back, purging, closing articles, and the
//! audit log that records each of them.

use std::collections::HashMap;

use deadpool_postgres::Transaction;
use tokio_postgres::Row;

use super::{action_of, closed_article_of, desk_state_of};
use crate::store::admin::{Action, AuditEntry, Change, DeskState, Moderation};
use crate::store::postgres::{status_of, PostgresStore};
use crate::store::StoreError;

/// Where a comment stands, and where it stood before a deletion.
#[derive(Clone, Copy)]
struct Standing {
    state: DeskState,
    deleted_from: Option<DeskState>,
}

/// Locks comments `ids` (those that exist) against other moves until the transaction ends,
/// then reads where they stand. The read comes after the locks, in a statement of its own,
/// so it sees what a move that held them before committed.
async fn lock_and_read(
    tx: &Transaction<'_>,
    ids: &[i64],
) -> Result<HashMap<i64, Standing>, StoreError> {
    tx.query(
        "SELECT id FROM comments WHERE id = ANY($1) ORDER BY id FOR UPDATE",
        &[&ids],
    )
    .await?;
    let rows = tx
        .query(
            "SELECT c.id, c.status, d.deleted_from FROM comments c
             LEFT JOIN comment_desk d ON d.comment_id = c.id WHERE c.id = ANY($1)",
            &[&ids],
        )
        .await?;
    rows.iter()
        .map(|r| {
            let deleted_from = r.get::<_, Option<&str>>(2).map(desk_state_of).transpose()?;
            let state = match deleted_from {
                Some(_) => DeskState::Deleted,
                None => status_of(r.get(1))?.into(),
            };
            Ok((
                r.get(0),
                Standing {
                    state,
                    deleted_from,
                },
            ))
        })
        .collect()
}

/// Moves comment `id` from `from` to `to`; a rejection's reason is set when `reason` is
/// `Some` (an undo leaves the old one).
async fn move_comment(
    tx: &Transaction<'_>,
    change: Change,
    reason: Option<Option<&str>>,
    at_ms: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE comments SET status = $2 WHERE id = $1",
        &[&change.comment_id, &change.to.status().as_str()],
    )
    .await?;
    let deleted = (change.to == DeskState::Deleted).then(|| change.from.as_str());
    tx.execute(
        "INSERT INTO comment_desk (comment_id, reject_reason, deleted_from, deleted_at_ms)
             VALUES ($1, $2, $3, $4)
         ON CONFLICT (comment_id) DO UPDATE SET
             reject_reason = CASE WHEN $5 THEN excluded.reject_reason
                 ELSE comment_desk.reject_reason END,
             deleted_from = excluded.deleted_from,
             deleted_at_ms = excluded.deleted_at_ms",
        &[
            &change.comment_id,
            &reason.flatten(),
            &deleted,
            &deleted.map(|_| at_ms),
            &reason.is_some(),
        ],
    )
    .await?;
    Ok(())
}

/// One entry to record: the columns of `audit_actions` and the changes.
struct Record<'a> {
    action: Action,
    actor: &'a str,
    reason: Option<&'a str>,
    article_id: Option<&'a str>,
    undoes: Option<i64>,
    changes: Vec<Change>,
    at_ms: i64,
}

/// Records an action and its changes; returns it as an entry.
async fn record(tx: &Transaction<'_>, r: Record<'_>) -> Result<AuditEntry, StoreError> {
    let id: i64 = tx
        .query_one(
            "INSERT INTO audit_actions (at_ms, actor, action, reason, article_id, undoes)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            &[
                &r.at_ms,
                &r.actor,
                &r.action.as_str(),
                &r.reason,
                &r.article_id,
                &r.undoes,
            ],
        )
        .await?
        .get(0);
    let ids: Vec<i64> = r.changes.iter().map(|c| c.comment_id).collect();
    let from: Vec<&str> = r.changes.iter().map(|c| c.from.as_str()).collect();
    let to: Vec<&str> = r.changes.iter().map(|c| c.to.as_str()).collect();
    tx.execute(
        "INSERT INTO audit_changes (action_id, comment_id, from_state, to_state)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[])",
        &[&id, &ids, &from, &to],
    )
    .await?;
    Ok(AuditEntry {
        id,
        at_ms: r.at_ms,
        actor: r.actor.to_owned(),
        action: r.action,
        reason: r.reason.map(str::to_owned),
        article_id: r.article_id.map(str::to_owned),
        undoes: r.undoes,
        changes: r.changes,
    })
}

pub(super) async fn moderate(
    store: &PostgresStore,
    m: Moderation,
) -> Result<Option<AuditEntry>, StoreError> {
    let mut conn = store.writes.get().await?;
    let tx = conn.transaction().await?;
    let standing = lock_and_read(&tx, &m.ids).await?;
    let reason = (m.action == Action::Reject).then_some(m.reason.as_deref());
    let mut changes: Vec<Change> = Vec::new();
    for &id in &m.ids {
        if changes.iter().any(|c| c.comment_id == id) {
            continue;
        }
        let Some(now) = standing.get(&id) else {
            continue;
        };
        let Some(to) = m.action.target(now.state, now.deleted_from) else {
            continue;
        };
        let change = Change {
            comment_id: id,
            from: now.state,
            to,
        };
        move_comment(&tx, change, reason, m.at_ms).await?;
        changes.push(change);
    }
    if changes.is_empty() {
        return Ok(None);
    }
    let entry = Record {
        action: m.action,
        actor: &m.actor,
        reason: reason.flatten(),
        article_id: None,
        undoes: None,
        changes,
        at_ms: m.at_ms,
    };
    let entry = record(&tx, entry).await?;
    tx.commit().await?;
    Ok(Some(entry))
}

fn change_of(r: &Row) -> Result<Change, StoreError> {
    Ok(Change {
        comment_id: r.get(0),
        from: desk_state_of(r.get(1))?,
        to: desk_state_of(r.get(2))?,
    })
}

pub(super) async fn undo(
    store: &PostgresStore,
    entry: i64,
    actor: String,
    at_ms: i64,
) -> Result<Option<AuditEntry>, StoreError> {
    let mut conn = store.writes.get().await?;
    let tx = conn.transaction().await?;
    let moved = tx
        .query(
            "SELECT comment_id, from_state, to_state FROM audit_changes WHERE action_id = $1
             ORDER BY comment_id",
            &[&entry],
        )
        .await?
        .iter()
        .map(change_of)
        .collect::<Result<Vec<_>, _>>()?;
    let ids: Vec<i64> = moved.iter().map(|c| c.comment_id).collect();
    let standing = lock_and_read(&tx, &ids).await?;
    let mut changes = Vec::new();
    for c in moved {
        if standing.get(&c.comment_id).map(|s| s.state) != Some(c.to) {
            continue;
        }
        let back = Change {
            comment_id: c.comment_id,
            from: c.to,
            to: c.from,
        };
        move_comment(&tx, back, None, at_ms).await?;
        changes.push(back);
    }
    if changes.is_empty() {
        return Ok(None);
    }
    let entry = Record {
        action: Action::Undo,
        actor: &actor,
        reason: None,
        article_id: None,
        undoes: Some(entry),
        changes,
        at_ms,
    };
    let entry = record(&tx, entry).await?;
    tx.commit().await?;
    Ok(Some(entry))
}

pub(super) async fn purge(
    store: &PostgresStore,
    deleted_before_ms: i64,
    actor: String,
    at_ms: i64,
) -> Result<Option<AuditEntry>, StoreError> {
    let mut conn = store.writes.get().await?;
    let tx = conn.transaction().await?;
    let candidates: Vec<i64> = tx
        .query(
            "SELECT comment_id FROM comment_desk
             WHERE deleted_from IS NOT NULL AND deleted_at_ms < $1",
            &[&deleted_before_ms],
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect();
    // A comment restored while this waited for its lock stays.
    let standing = lock_and_read(&tx, &candidates).await?;
    let mut ids: Vec<i64> = tx
        .query(
            "SELECT comment_id FROM comment_desk WHERE comment_id = ANY($1)
               AND deleted_from IS NOT NULL AND deleted_at_ms < $2",
            &[&candidates, &deleted_before_ms],
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .filter(|id| standing.contains_key(id))
        .collect();
    if ids.is_empty() {
        return Ok(None);
    }
    ids.sort_unstable();
    tx.execute("DELETE FROM comments WHERE id = ANY($1)", &[&ids])
        .await?;
    tx.execute(
        "DELETE FROM comment_desk WHERE comment_id = ANY($1)",
        &[&ids],
    )
    .await?;
    let changes = Change::purged(ids);
    let entry = Record {
        action: Action::Purge,
        actor: &actor,
        reason: None,
        article_id: None,
        undoes: None,
        changes,
        at_ms,
    };
    let entry = record(&tx, entry).await?;
    tx.commit().await?;
    Ok(Some(entry))
}

pub(super) async fn audit(
    store: &PostgresStore,
    before: Option<i64>,
    comment: Option<i64>,
    limit: u32,
) -> Result<Vec<AuditEntry>, StoreError> {
    let mut conn = store.reads.get().await?;
    // One snapshot for the entries and their changes.
    let tx = conn
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let mut entries = tx
        .query(
            "SELECT id, at_ms, actor, action, reason, article_id, undoes FROM audit_actions
             WHERE ($1::bigint IS NULL OR id < $1)
               AND ($2::bigint IS NULL OR id IN
                    (SELECT action_id FROM audit_changes WHERE comment_id = $2))
             ORDER BY id DESC LIMIT $3",
            &[&before, &comment, &i64::from(limit)],
        )
        .await?
        .iter()
        .map(|r| {
            Ok(AuditEntry {
                id: r.get(0),
                at_ms: r.get(1),
                actor: r.get(2),
                action: action_of(r.get(3))?,
                reason: r.get(4),
                article_id: r.get(5),
                undoes: r.get(6),
                changes: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
    let rows = tx
        .query(
            "SELECT comment_id, from_state, to_state, action_id FROM audit_changes
             WHERE action_id = ANY($1) ORDER BY action_id, comment_id",
            &[&ids],
        )
        .await?;
    tx.commit().await?;
    let mut by_entry: HashMap<i64, Vec<Change>> = HashMap::new();
    for r in &rows {
        by_entry.entry(r.get(3)).or_default().push(change_of(r)?);
    }
    for e in &mut entries {
        e.changes = by_entry.remove(&e.id).unwrap_or_default();
    }
    Ok(entries)
}

pub(super) async fn set_closed(
    store: &PostgresStore,
    article: String,
    closed: bool,
    actor: String,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let mut conn = store.writes.get().await?;
    let tx = conn.transaction().await?;
    let changed = if closed {
        tx.query_opt(
            "INSERT INTO closed_articles (article_id, closed_at_ms, closed_by)
             VALUES ($1, $2, $3) ON CONFLICT (article_id) DO NOTHING
             RETURNING article_id, closed_at_ms, closed_by",
            &[&article, &at_ms, &actor],
        )
        .await?
    } else {
        tx.query_opt(
            "DELETE FROM closed_articles WHERE article_id = $1
             RETURNING article_id, closed_at_ms, closed_by",
            &[&article],
        )
        .await?
    };
    if changed.as_ref().map(closed_article_of).is_none() {
        return Ok(false);
    }
    let entry = Record {
        action: if closed {
            Action::Close
        } else {
            Action::Reopen
        },
        actor: &actor,
        reason: None,
        article_id: Some(&article),
        undoes: None,
        changes: Vec::new(),
        at_ms,
    };
    record(&tx, entry).await?;
    tx.commit().await?;
    Ok(true)
}
