//! [`PostgresStore`]: the [`Store`] on a PostgreSQL server, shared by any number of
//! binhluan-server processes.

mod admin;
mod limits;
mod schema;

use std::net::IpAddr;
use std::time::Duration;

use binhluan_contract::CommentStatus;
use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::{IsolationLevel, NoTls, Row};

use super::{
    ModeratedComment, NewComment, Outcome, PageStart, PublicComment, PublishedPage, Status, Store,
    StoreError, StoreFuture,
};

/// Connections for reading lists, and for writing, per process.
const READ_CONNECTIONS: usize = 8;
const WRITE_CONNECTIONS: usize = 8;
/// How long a request waits for a free connection before it fails (500).
const WAIT: Duration = Duration::from_secs(5);

/// PostgreSQL through two pools of connections, one for reads and one for writes, so a
/// flood of posts waits for write connections while lists are still read. Commits are
/// durable before [`Store::insert`] returns (PostgreSQL's default `synchronous_commit`).
pub struct PostgresStore {
    reads: Pool,
    writes: Pool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`; a host starting
    /// with `%2F` is a Unix socket folder) and migrates the database.
    pub async fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let config: tokio_postgres::Config = url.parse()?;
        let pool = |size: usize| {
            let manager = ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            };
            Pool::builder(Manager::from_config(config.clone(), NoTls, manager))
                .max_size(size)
                .runtime(Runtime::Tokio1)
                .wait_timeout(Some(WAIT))
                .create_timeout(Some(WAIT))
                .build()
        };
        let store = PostgresStore {
            reads: pool(READ_CONNECTIONS)?,
            writes: pool(WRITE_CONNECTIONS)?,
        };
        schema::migrate(&mut store.writes.get().await?).await?;
        tokio::spawn(limits::forget_full_buckets(store.writes.clone()));
        Ok(store)
    }
}

fn status_of(code: &str) -> Result<Status, StoreError> {
    Status::parse(code).ok_or_else(|| format!("unknown status {code:?}").into())
}

fn reply_status_of(code: &str) -> Result<CommentStatus, StoreError> {
    Status::parse(code)
        .and_then(Status::as_reply)
        .ok_or_else(|| format!("unknown reply status {code:?}").into())
}

fn public(row: &Row) -> PublicComment {
    PublicComment {
        id: row.get(0),
        name: row.get(1),
        content: row.get(2),
        created_at_ms: row.get(3),
    }
}

impl Store for PostgresStore {
    fn insert(&self, c: NewComment) -> StoreFuture<'_, Outcome> {
        Box::pin(async move {
            let conn = self.writes.get().await?;
            // The unique index decides between concurrent posts of one key, on any instance:
            // one inserts, the others insert nothing (waiting for the first to commit) and
            // read what it stored.
            let stmt = conn
                .prepare_cached(
                    "INSERT INTO comments (article_id, article_url, article_title, name, email,
                         content, status, reply_status, spam_reason, ip, typing_ms,
                         client_rules_version, client_ok, idempotency_key, created_at_ms)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                     ON CONFLICT (article_id, idempotency_key) WHERE idempotency_key IS NOT NULL
                     DO NOTHING RETURNING id",
                )
                .await?;
            let typing_ms = c.typing_ms.map(|ms| ms.min(i64::MAX as u64) as i64);
            let inserted = conn
                .query_opt(
                    &stmt,
                    &[
                        &c.article_id,
                        &c.article_url,
                        &c.article_title,
                        &c.name,
                        &c.email,
                        &c.content,
                        &c.status.as_str(),
                        &Status::from(c.reply_status).as_str(),
                        &c.spam_reason,
                        &c.ip,
                        &typing_ms,
                        &c.client_rules_version,
                        &c.client_ok,
                        &c.idempotency_key,
                        &c.created_at_ms,
                    ],
                )
                .await?;
            if let Some(row) = inserted {
                return Ok(Outcome::Created {
                    id: row.get(0),
                    reply_status: c.reply_status,
                });
            }
            let first = conn
                .query_one(
                    "SELECT id, reply_status, content = $3 AND name = $4 AND email = $5
                     FROM comments WHERE article_id = $1 AND idempotency_key = $2",
                    &[
                        &c.article_id,
                        &c.idempotency_key,
                        &c.content,
                        &c.name,
                        &c.email,
                    ],
                )
                .await?;
            Ok(if first.get::<_, bool>(2) {
                Outcome::Replayed {
                    id: first.get(0),
                    reply_status: reply_status_of(first.get(1))?,
                }
            } else {
                Outcome::KeyReused
            })
        })
    }

    fn published(
        &self,
        article_id: String,
        start: PageStart,
        limit: u32,
    ) -> StoreFuture<'_, PublishedPage> {
        Box::pin(async move {
            let mut conn = self.reads.get().await?;
            // One snapshot for the total and the page.
            let tx = conn
                .build_transaction()
                .isolation_level(IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .await?;
            let total: i64 = tx
                .query_one(
                    "SELECT coalesce(sum(published), 0)::bigint FROM article_counts
                     WHERE article_id = $1",
                    &[&article_id],
                )
                .await?
                .get(0);
            let fetch = i64::from(limit) + 1;
            let rows = match start {
                PageStart::Offset(offset) => {
                    let offset = offset.min(i64::MAX as u64) as i64;
                    tx.query(
                        "SELECT id, name, content, created_at_ms FROM comments
                         WHERE article_id = $1 AND status = 'published'
                         ORDER BY created_at_ms DESC, id DESC LIMIT $2 OFFSET $3",
                        &[&article_id, &fetch, &offset],
                    )
                    .await?
                }
                PageStart::After(after) => {
                    tx.query(
                        "SELECT id, name, content, created_at_ms FROM comments
                         WHERE article_id = $1 AND status = 'published'
                             AND (created_at_ms, id) < ($2, $3)
                         ORDER BY created_at_ms DESC, id DESC LIMIT $4",
                        &[&article_id, &after.created_at_ms, &after.id, &fetch],
                    )
                    .await?
                }
            };
            tx.commit().await?;
            let rows = rows.iter().map(public).collect();
            Ok(PublishedPage::of_rows(total.max(0) as u64, rows, limit))
        })
    }

    fn for_moderation(
        &self,
        only: Option<Status>,
        limit: u32,
    ) -> StoreFuture<'_, Vec<ModeratedComment>> {
        Box::pin(async move {
            let conn = self.reads.get().await?;
            let rows = conn
                .query(
                    "SELECT id, status, spam_reason, article_id, name, email, ip, content,
                         created_at_ms
                     FROM comments WHERE $1::text IS NULL OR status = $1
                     ORDER BY created_at_ms DESC, id DESC LIMIT $2",
                    &[&only.map(Status::as_str), &i64::from(limit)],
                )
                .await?;
            rows.iter()
                .map(|r| {
                    Ok(ModeratedComment {
                        id: r.get(0),
                        status: status_of(r.get(1))?,
                        spam_reason: r.get(2),
                        article_id: r.get(3),
                        name: r.get(4),
                        email: r.get(5),
                        ip: r.get(6),
                        content: r.get(7),
                        created_at_ms: r.get(8),
                    })
                })
                .collect()
        })
    }

    fn has_recent_duplicate(
        &self,
        article_id: String,
        content: String,
        since_ms: i64,
        key: Option<String>,
    ) -> StoreFuture<'_, bool> {
        Box::pin(async move {
            let conn = self.reads.get().await?;
            let found = conn
                .query_opt(
                    "SELECT 1 FROM comments
                     WHERE article_id = $1 AND created_at_ms >= $3 AND content = $2
                       AND ($4::TEXT IS NULL OR idempotency_key IS DISTINCT FROM $4)
                     LIMIT 1",
                    &[&article_id, &content, &since_ms, &key],
                )
                .await?;
            Ok(found.is_some())
        })
    }

    fn is_closed(&self, article_id: String) -> StoreFuture<'_, bool> {
        Box::pin(async move {
            let conn = self.reads.get().await?;
            let found = conn
                .query_opt(
                    "SELECT 1 FROM closed_articles WHERE article_id = $1",
                    &[&article_id],
                )
                .await?;
            Ok(found.is_some())
        })
    }

    fn take_post(
        &self,
        client: IpAddr,
        per_minute: u32,
    ) -> Option<StoreFuture<'_, Result<(), u64>>> {
        Some(Box::pin(self.take(client, per_minute)))
    }
}
