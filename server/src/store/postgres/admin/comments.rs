//! Reading the queue: the counts per state, a page of a tab, one comment.

use tokio_postgres::Row;

use super::desk_state_of;
use crate::store::admin::{
    contains_pattern, DeskComment, DeskState, Order, QueuePage, QueueQuery, StateCounts,
    DESK_COLUMNS,
};
use crate::store::postgres::{status_of, PostgresStore};
use crate::store::StoreError;

fn desk_comment_of(r: &Row) -> Result<DeskComment, StoreError> {
    let deleted_from: Option<&str> = r.get(2);
    Ok(DeskComment {
        id: r.get(0),
        state: match deleted_from {
            Some(_) => DeskState::Deleted,
            None => status_of(r.get(1))?.into(),
        },
        spam_reason: r.get(3),
        reject_reason: r.get(4),
        article_id: r.get(5),
        article_url: r.get(6),
        article_title: r.get(7),
        name: r.get(8),
        email: r.get(9),
        ip: r.get(10),
        content: r.get(11),
        typing_ms: r.get(12),
        client_rules_version: r.get(13),
        client_ok: r.get(14),
        created_at_ms: r.get(15),
    })
}

pub(super) async fn counts(
    store: &PostgresStore,
    article: Option<String>,
) -> Result<StateCounts, StoreError> {
    let rows = store
        .reads
        .get()
        .await?
        .query(
            "SELECT CASE WHEN d.deleted_from IS NULL THEN c.status ELSE 'deleted' END AS s,
                    count(*)
             FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
             WHERE $1::text IS NULL OR c.article_id = $1
             GROUP BY s",
            &[&article],
        )
        .await?;
    let mut counts = StateCounts::default();
    for r in &rows {
        let n: i64 = r.get(1);
        counts.add(desk_state_of(r.get(0))?, n.max(0) as u64);
    }
    Ok(counts)
}

pub(super) async fn queue(store: &PostgresStore, q: QueueQuery) -> Result<QueuePage, StoreError> {
    let (direction, after) = match q.order {
        Order::NewestFirst => ("DESC", "<"),
        Order::OldestFirst => ("ASC", ">"),
    };
    // A deleted comment is stored as rejected, so both kinds of tab walk the status index.
    let deleted = if q.state == DeskState::Deleted {
        "IS NOT NULL"
    } else {
        "IS NULL"
    };
    let sql = format!(
        "SELECT {DESK_COLUMNS} FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
         WHERE c.status = $1 AND d.deleted_from {deleted}
           AND ($2::text IS NULL OR c.article_id = $2)
           AND ($3::text IS NULL OR c.content ILIKE $3 OR c.name ILIKE $3)
           AND ($4::bigint IS NULL OR (c.created_at_ms, c.id) {after} ($4, $5))
         ORDER BY c.created_at_ms {direction}, c.id {direction} LIMIT $6"
    );
    let limit = q.limit.max(1);
    let rows = store
        .reads
        .get()
        .await?
        .query(
            &sql,
            &[
                &q.state.status().as_str(),
                &q.article,
                &q.search.as_deref().map(contains_pattern),
                &q.after.map(|c| c.created_at_ms),
                &q.after.map_or(0, |c| c.id),
                &(i64::from(limit) + 1),
            ],
        )
        .await?;
    let items = rows
        .iter()
        .map(desk_comment_of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(QueuePage::of_rows(items, limit))
}

pub(super) async fn comment(
    store: &PostgresStore,
    id: i64,
) -> Result<Option<DeskComment>, StoreError> {
    let sql = format!(
        "SELECT {DESK_COLUMNS} FROM comments c LEFT JOIN comment_desk d ON d.comment_id = c.id
         WHERE c.id = $1"
    );
    let row = store.reads.get().await?.query_opt(&sql, &[&id]).await?;
    row.as_ref().map(desk_comment_of).transpose()
}
