//! Reading the queue: the counts per state, a page of a tab, one comment.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::desk_state_of;
use crate::store::admin::{
    contains_pattern, DeskComment, DeskState, Order, QueuePage, QueueQuery, StateCounts,
    DESK_COLUMNS,
};
use crate::store::sqlite::status_of;
use crate::store::StoreError;

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

pub(super) fn counts(
    conn: &mut Connection,
    article: Option<&str>,
) -> Result<StateCounts, StoreError> {
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

pub(super) fn queue(conn: &mut Connection, q: &QueueQuery) -> Result<QueuePage, StoreError> {
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
    let mut stmt = conn.prepare_cached(&sql)?;
    let limit = q.limit.max(1);
    let items = stmt
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
    Ok(QueuePage::of_rows(items, limit))
}

pub(super) fn comment(conn: &mut Connection, id: i64) -> Result<Option<DeskComment>, StoreError> {
    let sql = format!(
        "SELECT {DESK_COLUMNS} FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
         WHERE c.id = ?1"
    );
    Ok(conn.query_row(&sql, [id], desk_comment_of).optional()?)
}
