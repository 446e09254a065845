//! The SQLite schema and how a database file is opened and brought up to date.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;

/// Schema migrations, in order: the database's `PRAGMA user_version` says how many ran.
pub(super) const MIGRATIONS: &[&str] = &[
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
    "
    -- The editors' desk: accounts, their sessions (the token's hash only), where each comment
    -- stands beyond its status (a rejection's reason, a deletion and what it was before), the
    -- audit log (one action, the comments it moved) and the articles closed to new comments.
    CREATE TABLE admin_users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
        password_hash TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
    );
    CREATE TABLE admin_sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL,
        csrf TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX admin_sessions_user ON admin_sessions (user_id);
    CREATE TABLE comment_desk (
        comment_id INTEGER PRIMARY KEY,
        reject_reason TEXT,
        deleted_from TEXT,
        deleted_at_ms INTEGER
    );
    -- A deleted comment is stored as rejected; a status set elsewhere (the `comments`
    -- command) takes it out of the bin, so the desk never shows a published comment as deleted.
    CREATE TRIGGER comments_desk_undelete AFTER UPDATE OF status ON comments
        WHEN new.status != 'rejected'
    BEGIN
        UPDATE comment_desk SET deleted_from = NULL, deleted_at_ms = NULL
            WHERE comment_id = new.id;
    END;
    CREATE TABLE audit_actions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        reason TEXT,
        article_id TEXT,
        undoes INTEGER
    );
    CREATE TABLE audit_changes (
        action_id INTEGER NOT NULL,
        comment_id INTEGER NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        PRIMARY KEY (action_id, comment_id)
    ) WITHOUT ROWID;
    CREATE INDEX audit_changes_comment ON audit_changes (comment_id, action_id);
    CREATE TABLE closed_articles (
        article_id TEXT PRIMARY KEY,
        closed_at_ms INTEGER NOT NULL,
        closed_by TEXT NOT NULL
    ) WITHOUT ROWID;
",
];

pub(super) fn connect(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(format!("SQLite refused WAL mode (got {mode})").into());
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(conn)
}

pub(super) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
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
