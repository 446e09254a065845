//! Articles closed to new comments.

use rusqlite::{params, Connection, TransactionBehavior};

use super::audit::record;
use crate::store::admin::{Action, ClosedArticle};
use crate::store::StoreError;

pub(super) fn set_closed(
    conn: &mut Connection,
    article: &str,
    closed: bool,
    actor: &str,
    at_ms: i64,
) -> Result<bool, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let changed = if closed {
        tx.execute(
            "INSERT INTO closed_articles (article_id, closed_at_ms, closed_by)
             VALUES (?1, ?2, ?3) ON CONFLICT (article_id) DO NOTHING",
            params![article, at_ms, actor],
        )?
    } else {
        tx.execute(
            "DELETE FROM closed_articles WHERE article_id = ?1",
            [article],
        )?
    };
    if changed == 0 {
        return Ok(false);
    }
    let action = if closed {
        Action::Close
    } else {
        Action::Reopen
    };
    record(
        &tx,
        action,
        actor,
        None,
        Some(article),
        None,
        Vec::new(),
        at_ms,
    )?;
    tx.commit()?;
    Ok(true)
}

pub(super) fn closed_articles(conn: &mut Connection) -> Result<Vec<ClosedArticle>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT article_id, closed_at_ms, closed_by FROM closed_articles
         ORDER BY closed_at_ms DESC, article_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ClosedArticle {
            article_id: r.get(0)?,
            closed_at_ms: r.get(1)?,
            closed_by: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
