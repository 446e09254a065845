//! Reading the queue: the counts per state, a page of a tab, one comment.

use rusqlite::{params, OptionalExtension, Row};

use super::desk_state_of;
use crate::store::admin::{
    Cursor, DeskComment, DeskState, Order, QueuePage, QueueQuery, StateCounts,
};
use crate::store::sqlite::{status_of, SqliteStore};
use crate::store::StoreError;

/// The columns [`desk_comment_of`] reads, from `comments c LEFT JOIN comment_desk d`.
const DESK_COLUMNS: &str = "c.id, c.status, d.deleted_from, c.spam_reason, d.reject_reason,
    c.article_id, c.article_url, c.article_title, c.name, c.email, c.ip, c.content, c.typing_ms,
    c.client_rules_version, c.client_ok, c.created_at_ms";

fn desk_comment_of(r: &Row<'_>) -> rusqlite::Result<DeskComment> {
    let deleted_from: Option<String> = r.get(2)?;
    Ok(DeskComment {
        id: r.get(0)?,
        state: match deleted_from {
            Some(_) => DeskState::Deleted,
            None => status_of(r.get(1)?)?.into(),
        },
        spam_reason: r.get(3)?,
        reject_reason: r.get(4)?,
        article_id: r.get(5)?,
        article_url: r.get(6)?,
        article_title: r.get(7)?,
        name: r.get(8)?,
        email: r.get(9)?,
        ip: r.get(10)?,
        content: r.get(11)?,
        typing_ms: r.get(12)?,
        client_rules_version: r.get(13)?,
        client_ok: r.get(14)?,
        created_at_ms: r.get(15)?,
    })
}

/// `text` as a LIKE pattern that matches it anywhere, its wildcards taken literally.
fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

pub(super) fn counts(
    store: &SqliteStore,
    article: Option<&str>,
) -> Result<StateCounts, StoreError> {
    let conn = store.desk.reader();
    let mut stmt = conn.prepare_cached(
        "SELECT CASE WHEN d.deleted_from IS NULL THEN c.status ELSE 'deleted' END AS s,
                count(*)
         FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
         WHERE ?1 IS NULL OR c.article_id = ?1
         GROUP BY s",
    )?;
    let mut counts = StateCounts::default();
    let rows = stmt.query_map([article], |r| {
        Ok((desk_state_of(r.get(0)?)?, r.get::<_, i64>(1)?))
    })?;
    for row in rows {
        let (state, n) = row?;
        counts.add(state, n.max(0) as u64);
    }
    Ok(counts)
}

pub(super) fn queue(store: &SqliteStore, q: &QueueQuery) -> Result<QueuePage, StoreError> {
    let (direction, after) = match q.order {
        Order::NewestFirst => ("DESC", "<"),
        Order::OldestFirst => ("ASC", ">"),
    };
    let state = if q.state == DeskState::Deleted {
        "d.deleted_from IS NOT NULL"
    } else {
        "c.status = ?1 AND d.deleted_from IS NULL"
    };
    let sql = format!(
        "SELECT {DESK_COLUMNS} FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
         WHERE {state}
           AND (?2 IS NULL OR c.article_id = ?2)
           AND (?3 IS NULL OR c.content LIKE ?3 ESCAPE '\\' OR c.name LIKE ?3 ESCAPE '\\')
           AND (?4 IS NULL OR (c.created_at_ms, c.id) {after} (?4, ?5))
         ORDER BY c.created_at_ms {direction}, c.id {direction} LIMIT ?6"
    );
    let conn = store.desk.reader();
    let mut stmt = conn.prepare_cached(&sql)?;
    let limit = q.limit.max(1);
    let mut items = stmt
        .query_map(
            params![
                q.state.status().as_str(),
                q.article,
                q.search.as_deref().map(contains_pattern),
                q.after.map(|c| c.created_at_ms),
                q.after.map(|c| c.id),
                i64::from(limit) + 1,
            ],
            desk_comment_of,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let next = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|c| Cursor {
            created_at_ms: c.created_at_ms,
            id: c.id,
        })
    } else {
        None
    };
    Ok(QueuePage { items, next })
}

pub(super) fn comment(store: &SqliteStore, id: i64) -> Result<Option<DeskComment>, StoreError> {
    let conn = store.desk.reader();
    let sql = format!(
        "SELECT {DESK_COLUMNS} FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
         WHERE c.id = ?1"
    );
    Ok(conn.query_row(&sql, [id], desk_comment_of).optional()?)
}
