//! Where comments live. The HTTP layer and the moderation commands only see the [`Store`]
//! trait, so another database can take SQLite's place (docs-server.md, "PostgreSQL").

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

/// Any storage failure. Its text goes to the server's log, never into a reply.
pub type StoreError = Box<dyn std::error::Error + Send + Sync>;

/// Where a comment stands in moderation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Waiting for a moderator.
    Pending,
    /// Shown to readers.
    Published,
    /// Refused by a moderator.
    Rejected,
    /// Judged automated (honeypot filled, typed faster than a person can).
    Spam,
}

impl Status {
    /// The code stored in the database and shown in replies and listings.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Published => "published",
            Status::Rejected => "rejected",
            Status::Spam => "spam",
        }
    }

    /// The inverse of [`Status::as_str`].
    pub fn parse(code: &str) -> Option<Status> {
        [
            Status::Pending,
            Status::Published,
            Status::Rejected,
            Status::Spam,
        ]
        .into_iter()
        .find(|s| s.as_str() == code)
    }
}

/// A comment that passed the rules, ready to store.
#[derive(Clone, Debug)]
pub struct NewComment {
    /// The article it belongs to, as the site names it.
    pub article_id: String,
    /// The article's address, for moderators.
    pub article_url: String,
    /// The article's title, for moderators.
    pub article_title: String,
    /// The name the reader gave (may be empty).
    pub name: String,
    /// The e-mail the reader gave (may be empty); never shown to readers.
    pub email: String,
    /// The comment, exactly as posted.
    pub content: String,
    /// The status it is stored with.
    pub status: Status,
    /// The status the poster is told (a spam comment is told what a normal one would be).
    pub reply_status: Status,
    /// Why it was judged spam, if it was.
    pub spam_reason: Option<&'static str>,
    /// The client's address, for moderators; never shown to readers.
    pub ip: String,
    /// Milliseconds from the first keystroke to submit, as the widget measured them.
    pub typing_ms: Option<u64>,
    /// The rules version the widget reported.
    pub client_rules_version: String,
    /// Whether the widget's own verdict said ok.
    pub client_ok: Option<bool>,
    /// The idempotency key (unique per article).
    pub idempotency_key: Option<String>,
    /// Milliseconds since the Unix epoch.
    pub created_at_ms: i64,
}

/// What storing a comment did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Stored now, under this id.
    Created {
        /// The new comment's id.
        id: i64,
        /// The status the poster is told.
        reply_status: Status,
    },
    /// The idempotency key was seen before with the same comment: nothing stored, the first
    /// reply is repeated.
    Replayed {
        /// The first comment's id.
        id: i64,
        /// The status the first reply told.
        reply_status: Status,
    },
    /// The idempotency key was seen before with a different comment: nothing stored.
    KeyReused,
}

/// A comment as readers may see it: no e-mail, no address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicComment {
    /// Its id.
    pub id: i64,
    /// The name the reader gave.
    pub name: String,
    /// The comment.
    pub content: String,
    /// Milliseconds since the Unix epoch.
    pub created_at_ms: i64,
}

/// One page of an article's published comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedPage {
    /// Published comments of the article in all.
    pub total: u64,
    /// The page, newest first.
    pub comments: Vec<PublicComment>,
}

/// A comment with everything a moderator needs.
#[derive(Clone, Debug)]
pub struct ModeratedComment {
    /// Its id.
    pub id: i64,
    /// Its status.
    pub status: Status,
    /// Why it was judged spam, if it was.
    pub spam_reason: Option<String>,
    /// The article.
    pub article_id: String,
    /// The name given.
    pub name: String,
    /// The e-mail given.
    pub email: String,
    /// The client's address.
    pub ip: String,
    /// The comment.
    pub content: String,
    /// Milliseconds since the Unix epoch.
    pub created_at_ms: i64,
}

/// The storage the server needs. Every method is one atomic step, so a store on another
/// database only has to keep these four promises.
pub trait Store: Send + Sync {
    /// Stores `comment` durably before returning `Created`. With an idempotency key already
    /// used for the same article, stores nothing: `Replayed` when the content, name and e-mail
    /// are the same, `KeyReused` otherwise. Concurrent calls with one key store at most once.
    fn insert(&self, comment: &NewComment) -> Result<Outcome, StoreError>;

    /// The article's published comments, newest first (by creation time, then id),
    /// skipping `offset`, at most `limit`.
    fn published(
        &self,
        article_id: &str,
        offset: u64,
        limit: u32,
    ) -> Result<PublishedPage, StoreError>;

    /// Comments for moderators, newest first, all or only those with status `only`.
    fn for_moderation(
        &self,
        only: Option<Status>,
        limit: u32,
    ) -> Result<Vec<ModeratedComment>, StoreError>;

    /// Sets the status of comment `id`; false when there is no such comment.
    fn set_status(&self, id: i64, status: Status) -> Result<bool, StoreError>;
}

/// Schema migrations, in order: the database's `PRAGMA user_version` says how many ran.
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE comments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL,
        article_url TEXT NOT NULL DEFAULT '',
        article_title TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        content TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected', 'spam')),
        reply_status TEXT NOT NULL,
        spam_reason TEXT,
        ip TEXT NOT NULL DEFAULT '',
        typing_ms INTEGER,
        client_rules_version TEXT NOT NULL DEFAULT '',
        client_ok INTEGER,
        idempotency_key TEXT,
        created_at_ms INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX comments_idempotency ON comments (article_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL;
    CREATE INDEX comments_listing ON comments (article_id, status, created_at_ms DESC, id DESC);
    CREATE INDEX comments_moderation ON comments (status, created_at_ms DESC, id DESC);
",
    "
    -- The number of published comments per article, kept by triggers, so a listing's total
    -- costs one look-up instead of counting every comment of a busy article.
    CREATE TABLE article_counts (
        article_id TEXT PRIMARY KEY,
        published INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO article_counts (article_id, published)
        SELECT article_id, count(*) FROM comments WHERE status = 'published' GROUP BY article_id;
    CREATE TRIGGER comments_count_insert AFTER INSERT ON comments
        WHEN new.status = 'published'
    BEGIN
        INSERT INTO article_counts (article_id, published) VALUES (new.article_id, 1)
            ON CONFLICT (article_id) DO UPDATE SET published = published + 1;
    END;
    CREATE TRIGGER comments_count_update AFTER UPDATE OF status, article_id ON comments
    BEGIN
        UPDATE article_counts SET published = published - 1
            WHERE article_id = old.article_id AND old.status = 'published';
        INSERT INTO article_counts (article_id, published)
            SELECT new.article_id, 1 WHERE new.status = 'published'
            ON CONFLICT (article_id) DO UPDATE SET published = published + 1;
    END;
    CREATE TRIGGER comments_count_delete AFTER DELETE ON comments
        WHEN old.status = 'published'
    BEGIN
        UPDATE article_counts SET published = published - 1 WHERE article_id = old.article_id;
    END;
",
];

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

fn connect(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(format!("SQLite refused WAL mode (got {mode})").into());
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(conn)
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: usize = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > MIGRATIONS.len() {
        return Err(format!(
            "the database has schema version {version}, newer than this server's {}",
            MIGRATIONS.len()
        )
        .into());
    }
    for sql in &MIGRATIONS[version..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len())?;
    tx.commit()?;
    Ok(())
}

fn status_of(code: String) -> rusqlite::Result<Status> {
    Status::parse(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown status {code:?}").into(),
        )
    })
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
                    |r| Ok((r.get(0)?, status_of(r.get(1)?)?, r.get(2)?)),
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
                c.reply_status.as_str(),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(article: &str, key: Option<&str>, content: &str, at: i64) -> NewComment {
        NewComment {
            article_id: article.into(),
            article_url: String::new(),
            article_title: String::new(),
            name: "Lan".into(),
            email: "lan@example.com".into(),
            content: content.into(),
            status: Status::Published,
            reply_status: Status::Published,
            spam_reason: None,
            ip: "127.0.0.1".into(),
            typing_ms: Some(9000),
            client_rules_version: String::new(),
            client_ok: None,
            idempotency_key: key.map(str::to_owned),
            created_at_ms: at,
        }
    }

    #[test]
    fn idempotency_is_per_article_and_checks_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("a/b/db.sqlite3")).unwrap();
        let first = store.insert(&comment("x", Some("k"), "một", 1)).unwrap();
        let Outcome::Created { id, .. } = first else {
            panic!("{first:?}")
        };
        assert_eq!(
            store.insert(&comment("x", Some("k"), "một", 2)).unwrap(),
            Outcome::Replayed {
                id,
                reply_status: Status::Published
            }
        );
        assert_eq!(
            store.insert(&comment("x", Some("k"), "hai", 3)).unwrap(),
            Outcome::KeyReused
        );
        assert!(matches!(
            store.insert(&comment("y", Some("k"), "một", 4)).unwrap(),
            Outcome::Created { .. }
        ));
        assert_eq!(store.published("x", 0, 20).unwrap().total, 1);
    }

    #[test]
    fn listing_is_newest_first_and_published_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("db.sqlite3")).unwrap();
        for (i, at) in [(0, 30), (1, 10), (2, 20), (3, 20)] {
            store
                .insert(&comment("x", None, &format!("c{i}"), at))
                .unwrap();
        }
        let mut hidden = comment("x", None, "hidden", 40);
        hidden.status = Status::Pending;
        store.insert(&hidden).unwrap();
        let page = store.published("x", 0, 20).unwrap();
        let order: Vec<_> = page.comments.iter().map(|c| c.content.as_str()).collect();
        assert_eq!(order, ["c0", "c3", "c2", "c1"]);
        assert_eq!(page.total, 4);
        let second = store.published("x", 3, 3).unwrap();
        assert_eq!(second.comments.len(), 1);
        assert_eq!(second.comments[0].content, "c1");
    }

    /// The trigger-kept totals equal a count of the rows, through inserts, moderation and
    /// deletes, and the migration that adds them counts the rows already there.
    #[test]
    fn published_totals_follow_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        {
            // A database from before the totals: schema version 1 with rows in it.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            for (article, status) in [("x", "published"), ("x", "published"), ("x", "pending")] {
                conn.execute(
                    "INSERT INTO comments (article_id, content, status, reply_status, created_at_ms)
                     VALUES (?1, 'c', ?2, ?2, 0)",
                    params![article, status],
                )
                .unwrap();
            }
        }
        let store = SqliteStore::open(&path).unwrap();
        let counted = |article: &str| -> u64 {
            let conn = lock(&store.writer);
            conn.query_row(
                "SELECT count(*) FROM comments WHERE article_id = ?1 AND status = 'published'",
                [article],
                |r| r.get(0),
            )
            .unwrap()
        };
        let check = |article: &str| {
            assert_eq!(
                store.published(article, 0, 1).unwrap().total,
                counted(article)
            );
        };
        check("x");
        assert_eq!(store.published("x", 0, 1).unwrap().total, 2);
        let mut pending = comment("y", None, "p", 1);
        pending.status = Status::Pending;
        let Outcome::Created { id, .. } = store.insert(&pending).unwrap() else {
            panic!()
        };
        store.insert(&comment("y", None, "q", 2)).unwrap();
        check("y");
        for status in [
            Status::Published,
            Status::Published,
            Status::Rejected,
            Status::Spam,
            Status::Published,
        ] {
            store.set_status(id, status).unwrap();
            check("y");
            check("x");
        }
        lock(&store.writer)
            .execute("UPDATE comments SET article_id = 'x' WHERE id = ?1", [id])
            .unwrap();
        check("x");
        check("y");
        lock(&store.writer)
            .execute("DELETE FROM comments WHERE article_id = 'x'", [])
            .unwrap();
        check("x");
        assert_eq!(store.published("x", 0, 1).unwrap().total, 0);
    }

    #[test]
    fn reopening_keeps_the_schema_and_refuses_newer_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        drop(SqliteStore::open(&path).unwrap());
        let store = SqliteStore::open(&path).unwrap();
        assert!(!store.set_status(1, Status::Published).unwrap());
        drop(store);
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", MIGRATIONS.len() + 1)
            .unwrap();
        drop(conn);
        assert!(SqliteStore::open(&path).is_err());
    }
}
