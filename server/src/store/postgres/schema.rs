//! The PostgreSQL schema and its versioned migrations.

use deadpool_postgres::Client;

use crate::store::StoreError;

/// Any number on which every binhluan-server takes a transaction-scoped advisory lock while
/// it migrates, so instances started together migrate one after the other.
const MIGRATION_LOCK: i64 = 0x6269_6e68_6c75_616e;

/// Schema migrations, in order: the table `binhluan_schema` says how many ran.
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE comments (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
        typing_ms BIGINT,
        client_rules_version TEXT NOT NULL DEFAULT '',
        client_ok BOOLEAN,
        idempotency_key TEXT,
        created_at_ms BIGINT NOT NULL
    );
    -- The idempotency promise across instances: ON CONFLICT on this index.
    CREATE UNIQUE INDEX comments_idempotency ON comments (article_id, idempotency_key)
        WHERE idempotency_key IS NOT NULL;
    -- Lists by offset or by cursor, read backwards: a row comparison on its columns is a
    -- range of this index however deep the cursor.
    CREATE INDEX comments_listing ON comments (article_id, created_at_ms, id)
        WHERE status = 'published';
    CREATE INDEX comments_moderation ON comments (status, created_at_ms, id);
    CREATE INDEX comments_recent ON comments (created_at_ms, id);

    -- Published comments per article, in shards chosen by comment id, so concurrent posts
    -- to one busy article update different rows; the total is the sum of at most SHARDS rows.
    CREATE TABLE article_counts (
        article_id TEXT NOT NULL,
        shard SMALLINT NOT NULL,
        published BIGINT NOT NULL,
        PRIMARY KEY (article_id, shard)
    );
    CREATE FUNCTION comments_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' THEN
            UPDATE article_counts SET published = published - 1
                WHERE article_id = OLD.article_id AND shard = OLD.id % 16;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN
            INSERT INTO article_counts AS c (article_id, shard, published)
                VALUES (NEW.article_id, NEW.id % 16, 1)
                ON CONFLICT (article_id, shard) DO UPDATE SET published = c.published + 1;
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER comments_count AFTER INSERT OR DELETE OR UPDATE OF status, article_id
        ON comments FOR EACH ROW EXECUTE FUNCTION comments_count();

    -- Post limits shared by every instance: one token bucket per client. Unlogged: a crash
    -- empties it, which only forgives some clients their last minute.
    CREATE UNLOGGED TABLE rate_buckets (
        client TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        taken BOOLEAN NOT NULL,
        at_ms BIGINT NOT NULL
    );
",
    "
    -- The articles editors closed to new comments (the desk writes them on SQLite only, so
    -- far), and the look-up of a repeated comment within the last hour.
    CREATE TABLE closed_articles (
        article_id TEXT PRIMARY KEY,
        closed_at_ms BIGINT NOT NULL,
        closed_by TEXT NOT NULL
    );
    CREATE INDEX comments_article_recent ON comments (article_id, created_at_ms);
",
    "
    -- The editors' desk, as on SQLite: accounts (names unique whatever their case), their
    -- sessions (the token's hash only), where each comment stands beyond its status (a
    -- rejection's reason, a deletion, what it was before and when), and the audit log (one
    -- action, the comments it moved).
    CREATE TABLE admin_users (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
        password_hash TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL
    );
    CREATE UNIQUE INDEX admin_users_name ON admin_users (lower(name));
    CREATE TABLE admin_sessions (
        token_hash TEXT PRIMARY KEY,
        user_id BIGINT NOT NULL,
        csrf TEXT NOT NULL,
        created_at_ms BIGINT NOT NULL,
        expires_at_ms BIGINT NOT NULL
    );
    CREATE INDEX admin_sessions_user ON admin_sessions (user_id);
    CREATE TABLE comment_desk (
        comment_id BIGINT PRIMARY KEY,
        reject_reason TEXT,
        deleted_from TEXT,
        deleted_at_ms BIGINT
    );
    -- The purge's look-up of what was deleted long enough ago.
    CREATE INDEX comment_desk_deleted ON comment_desk (deleted_at_ms)
        WHERE deleted_from IS NOT NULL;
    CREATE TABLE audit_actions (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at_ms BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        reason TEXT,
        article_id TEXT,
        undoes BIGINT
    );
    CREATE TABLE audit_changes (
        action_id BIGINT NOT NULL,
        comment_id BIGINT NOT NULL,
        from_state TEXT NOT NULL,
        to_state TEXT NOT NULL,
        PRIMARY KEY (action_id, comment_id)
    );
    CREATE INDEX audit_changes_comment ON audit_changes (comment_id, action_id);
",
];

/// Brings the database up to this server's schema, in one transaction; refuses a database
/// newer than the server.
pub async fn migrate(client: &mut Client) -> Result<(), StoreError> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS binhluan_schema (version INTEGER NOT NULL)")
        .await?;
    let version = tx
        .query_opt("SELECT version FROM binhluan_schema", &[])
        .await?
        .map_or(0, |row| row.get::<_, i32>(0));
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(format!(
            "the database has schema version {version}, newer than this server's {}",
            MIGRATIONS.len()
        )
        .into());
    }
    for sql in &MIGRATIONS[version..] {
        tx.batch_execute(sql).await?;
    }
    let latest = i32::try_from(MIGRATIONS.len())?;
    tx.execute("DELETE FROM binhluan_schema", &[]).await?;
    tx.execute(
        "INSERT INTO binhluan_schema (version) VALUES ($1)",
        &[&latest],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
