//! [`SqliteStore`]: the [`Store`] on one SQLite file.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use binhluan_contract::CommentStatus;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::schema::{connect, migrate};
use super::{
    ModeratedComment, NewComment, Outcome, PublicComment, PublishedPage, Status, Store, StoreError,
};

/// SQLite in one file, in WAL mode with `synchronous = FULL`: a commit is on disk before
/// [`Store::insert`] returns. One writer connection (writes are serialised anyway) and a few
/// readers, which WAL lets run beside the writer.
pub struct SqliteStore {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

impl SqliteStore {
    /// Opens (creating the file and its folder on first start) and migrates the database.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let mut writer = connect(path)?;
        migrate(&mut writer)?;
        let readers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
        let readers = (0..readers)
            .map(|_| {
                let conn = connect(path)?;
                conn.pragma_update(None, "query_only", true)?;
                Ok(Mutex::new(conn))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(SqliteStore {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
        })
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        lock(&self.readers[i])
    }
}

/// A poisoned lock only means another request panicked mid-way; SQLite rolled its
/// transaction back, so the connection is still good.
fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn status_of(code: String) -> rusqlite::Result<Status> {
    Status::parse(&code).ok_or_else(|| unexpected("status", &code))
}

fn reply_status_of(code: String) -> rusqlite::Result<CommentStatus> {
    Status::parse(&code)
        .and_then(Status::as_reply)
        .ok_or_else(|| unexpected("reply status", &code))
}

fn unexpected(what: &str, code: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unknown {what} {code:?}").into(),
    )
}

impl Store for SqliteStore {
    fn insert(&self, c: &NewComment) -> Result<Outcome, StoreError> {
        let mut conn = lock(&self.writer);
        // IMMEDIATE takes the write lock before the look-up, so a moderation command in
        // another process cannot slip in between; the writer mutex does it within this one.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(key) = &c.idempotency_key {
            let first = tx
                .query_row(
                    "SELECT id, reply_status, content = ?3 AND name = ?4 AND email = ?5
                     FROM comments WHERE article_id = ?1 AND idempotency_key = ?2",
                    params![c.article_id, key, c.content, c.name, c.email],
                    |r| Ok((r.get(0)?, reply_status_of(r.get(1)?)?, r.get(2)?)),
                )
                .optional()?;
            if let Some((id, reply_status, same)) = first {
                return Ok(if same {
                    Outcome::Replayed { id, reply_status }
                } else {
                    Outcome::KeyReused
                });
            }
        }
        tx.execute(
            "INSERT INTO comments (article_id, article_url, article_title, name, email, content,
                 status, reply_status, spam_reason, ip, typing_ms, client_rules_version,
                 client_ok, idempotency_key, created_at_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                c.article_id,
                c.article_url,
                c.article_title,
                c.name,
                c.email,
                c.content,
                c.status.as_str(),
                Status::from(c.reply_status).as_str(),
                c.spam_reason,
                c.ip,
                c.typing_ms.map(|ms| ms.min(i64::MAX as u64) as i64),
                c.client_rules_version,
                c.client_ok,
                c.idempotency_key,
                c.created_at_ms,
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Outcome::Created {
            id,
            reply_status: c.reply_status,
        })
    }

    fn published(
        &self,
        article_id: &str,
        offset: u64,
        limit: u32,
    ) -> Result<PublishedPage, StoreError> {
        let mut conn = self.reader();
        // One read transaction, so the total and the page come from the same snapshot.
        let tx = conn.transaction()?;
        let total: i64 = tx
            .query_row(
                "SELECT published FROM article_counts WHERE article_id = ?1",
                [article_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
        let comments = tx
            .prepare_cached(
                "SELECT id, name, content, created_at_ms FROM comments
                 WHERE article_id = ?1 AND status = 'published'
                 ORDER BY created_at_ms DESC, id DESC LIMIT ?2 OFFSET ?3",
            )?
            .query_map(
                params![article_id, limit, offset.min(i64::MAX as u64) as i64],
                |r| {
                    Ok(PublicComment {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        content: r.get(2)?,
                        created_at_ms: r.get(3)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(PublishedPage {
            total: total.max(0) as u64,
            comments,
        })
    }

    fn for_moderation(
        &self,
        only: Option<Status>,
        limit: u32,
    ) -> Result<Vec<ModeratedComment>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(
            "SELECT id, status, spam_reason, article_id, name, email, ip, content, created_at_ms
             FROM comments WHERE ?1 IS NULL OR status = ?1
             ORDER BY created_at_ms DESC, id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![only.map(Status::as_str), limit], |r| {
            Ok(ModeratedComment {
                id: r.get(0)?,
                status: status_of(r.get(1)?)?,
                spam_reason: r.get(2)?,
                article_id: r.get(3)?,
                name: r.get(4)?,
                email: r.get(5)?,
                ip: r.get(6)?,
                content: r.get(7)?,
                created_at_ms: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn set_status(&self, id: i64, status: Status) -> Result<bool, StoreError> {
        let conn = lock(&self.writer);
        let changed = conn.execute(
            "UPDATE comments SET status = ?2 WHERE id = ?1",
            params![id, status.as_str()],
        )?;
        Ok(changed == 1)
    }

    fn has_recent_duplicate(
        &self,
        article_id: &str,
        content: &str,
        since_ms: i64,
        key: Option<&str>,
    ) -> Result<bool, StoreError> {
        let conn = self.reader();
        let found = conn
            .prepare_cached(
                "SELECT 1 FROM comments
                 WHERE article_id = ?1 AND created_at_ms >= ?3 AND content = ?2
                   AND (?4 IS NULL OR idempotency_key IS NOT ?4)
                 LIMIT 1",
            )?
            .query_row(params![article_id, content, since_ms, key], |_| Ok(()))
            .optional()?;
        Ok(found.is_some())
    }
}

mod admin;
#[cfg(test)]
mod tests;
