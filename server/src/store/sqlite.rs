//! [`SqliteStore`]: the [`Store`] on one SQLite file.

use std::path::Path;

use binhluan_contract::CommentStatus;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::schema::{connect, migrate};
use super::workers::Workers;
use super::{
    ModeratedComment, NewComment, Outcome, PageStart, PublicComment, PublishedPage, Status, Store,
    StoreError, StoreFuture,
};

/// SQLite in one file, in WAL mode with `synchronous = FULL`: a commit is on disk before
/// [`Store::insert`] returns. One writer connection (writes are serialised anyway) and a few
/// readers, which WAL lets run beside the writer, each on threads of their own
/// ([`Workers`]), so writes queue without holding up reads. The editors' desk has
/// connections of its own ([`admin::DeskConnections`]).
pub struct SqliteStore {
    writer: Workers,
    readers: Workers,
    desk: admin::DeskConnections,
}

impl SqliteStore {
    /// Opens (creating the file and its folder on first start) and migrates the database.
    /// A new file is readable by its owner only (it holds readers' e-mails and addresses);
    /// SQLite gives its WAL and shared-memory files the same permissions.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        create_private(path)?;
        let mut writer = connect(path)?;
        migrate(&mut writer)?;
        let readers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
        let readers = (0..readers)
            .map(|_| {
                let conn = connect(path)?;
                conn.pragma_update(None, "query_only", true)?;
                Ok(conn)
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(SqliteStore {
            writer: Workers::start("sqlite-writer", vec![writer])?,
            readers: Workers::start("sqlite-reader", readers)?,
            desk: admin::DeskConnections::open(path)?,
        })
    }
}

/// Creates the database file, and its folder, for the owner only, unless it exists.
fn create_private(path: &Path) -> Result<(), StoreError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            let mut folder = std::fs::DirBuilder::new();
            folder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
            folder.create(parent)?;
        }
    }
    let mut file = std::fs::OpenOptions::new();
    file.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut file, 0o600);
    match file.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e.into()),
    }
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
    fn insert(&self, comment: NewComment) -> StoreFuture<'_, Outcome> {
        Box::pin(self.writer.run(move |conn| insert(conn, &comment)))
    }

    fn published(
        &self,
        article_id: String,
        start: PageStart,
        limit: u32,
    ) -> StoreFuture<'_, PublishedPage> {
        Box::pin(
            self.readers
                .run(move |conn| published(conn, &article_id, start, limit)),
        )
    }

    fn for_moderation(
        &self,
        only: Option<Status>,
        limit: u32,
    ) -> StoreFuture<'_, Vec<ModeratedComment>> {
        Box::pin(
            self.readers
                .run(move |conn| for_moderation(conn, only, limit)),
        )
    }

    fn has_recent_duplicate(
        &self,
        article_id: String,
        content: String,
        since_ms: i64,
        key: Option<String>,
    ) -> StoreFuture<'_, bool> {
        Box::pin(self.readers.run(move |conn| {
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
        }))
    }

    fn is_closed(&self, article_id: String) -> StoreFuture<'_, bool> {
        Box::pin(
            self.readers
                .run(move |conn| admin::is_closed_on(conn, &article_id)),
        )
    }
}

mod admin;

fn insert(conn: &mut Connection, c: &NewComment) -> Result<Outcome, StoreError> {
    // IMMEDIATE takes the write lock before the look-up, so a moderation command in
    // another process cannot slip in between; the one writer thread does it within this one.
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
    conn: &mut Connection,
    article_id: &str,
    start: PageStart,
    limit: u32,
) -> Result<PublishedPage, StoreError> {
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
    let row = |r: &rusqlite::Row<'_>| {
        Ok(PublicComment {
            id: r.get(0)?,
            name: r.get(1)?,
            content: r.get(2)?,
            created_at_ms: r.get(3)?,
        })
    };
    // Both walk the index (article_id, status, created_at_ms DESC, id DESC); the cursor
    // starts the walk where the last page ended instead of stepping over what came before.
    let fetch = limit.saturating_add(1);
    let rows = match start {
        PageStart::Offset(offset) => tx
            .prepare_cached(
                "SELECT id, name, content, created_at_ms FROM comments
                 WHERE article_id = ?1 AND status = 'published'
                 ORDER BY created_at_ms DESC, id DESC LIMIT ?2 OFFSET ?3",
            )?
            .query_map(
                params![article_id, fetch, offset.min(i64::MAX as u64) as i64],
                row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?,
        PageStart::After(after) => tx
            .prepare_cached(
                "SELECT id, name, content, created_at_ms FROM comments
                 WHERE article_id = ?1 AND status = 'published'
                     AND (created_at_ms, id) < (?2, ?3)
                 ORDER BY created_at_ms DESC, id DESC LIMIT ?4",
            )?
            .query_map(
                params![article_id, after.created_at_ms, after.id, fetch],
                row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?,
    };
    Ok(PublishedPage::of_rows(total.max(0) as u64, rows, limit))
}

fn for_moderation(
    conn: &mut Connection,
    only: Option<Status>,
    limit: u32,
) -> Result<Vec<ModeratedComment>, StoreError> {
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

#[cfg(test)]
mod tests;
