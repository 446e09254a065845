//! Where comments live. The HTTP layer and the moderation commands only see the [`Store`]
//! trait; [`open`] picks SQLite (a file) or PostgreSQL (a `postgres://` URL) from `--db`
//! (docs/server.md, "Storage").

pub mod admin;
mod database;
mod postgres;
mod schema;
mod sqlite;
mod workers;

use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;

use binhluan_contract::CommentStatus;

pub use database::Database;
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// Any storage failure. Its text goes to the server's log, never into a reply.
pub type StoreError = Box<dyn std::error::Error + Send + Sync>;

/// What a [`Store`] method returns: its work, to be awaited.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// Where a comment stands in moderation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Waiting for a moderator.
    Pending,
    /// Shown to readers.
    Published,
    /// Refused by a moderator.
    Rejected,
    /// Judged automated (the honeypot filled).
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

impl From<CommentStatus> for Status {
    fn from(status: CommentStatus) -> Status {
        match status {
            CommentStatus::Pending => Status::Pending,
            CommentStatus::Published => Status::Published,
        }
    }
}

impl Status {
    /// The status a poster may be told: only pending or published.
    pub fn as_reply(self) -> Option<CommentStatus> {
        match self {
            Status::Pending => Some(CommentStatus::Pending),
            Status::Published => Some(CommentStatus::Published),
            Status::Rejected | Status::Spam => None,
        }
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
    /// The status the poster is told: published only when it is.
    pub reply_status: CommentStatus,
    /// Why it was judged spam or held for review, if it was.
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
        reply_status: CommentStatus,
    },
    /// The idempotency key was seen before with the same comment: nothing stored, the first
    /// reply is repeated.
    Replayed {
        /// The first comment's id.
        id: i64,
        /// The status the first reply told.
        reply_status: CommentStatus,
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

/// A place in an article's list: the comment listed last, by the order of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Its creation time, milliseconds since the Unix epoch.
    pub created_at_ms: i64,
    /// Its id (which orders comments of the same millisecond).
    pub id: i64,
}

/// Where a page of a list starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageStart {
    /// After skipping this many comments (costs what it skips: first pages only).
    Offset(u64),
    /// Right after this comment (costs the same however deep).
    After(Cursor),
}

/// One page of an article's published comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedPage {
    /// Published comments of the article in all.
    pub total: u64,
    /// The page, newest first.
    pub comments: Vec<PublicComment>,
    /// Where the next page starts, when there are comments after this page.
    pub next: Option<Cursor>,
}

impl PublishedPage {
    /// The page of `rows`, fetched with one more than `limit` to learn whether a next page
    /// exists without counting.
    pub(crate) fn of_rows(total: u64, mut rows: Vec<PublicComment>, limit: u32) -> PublishedPage {
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let next = rows.last().filter(|_| more).map(|c| Cursor {
            created_at_ms: c.created_at_ms,
            id: c.id,
        });
        PublishedPage {
            total,
            comments: rows,
            next,
        }
    }
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
/// database only has to keep these promises.
pub trait Store: Send + Sync {
    /// Stores `comment` durably before returning `Created`. With an idempotency key already
    /// used for the same article, stores nothing: `Replayed` when the content, name and e-mail
    /// are the same, `KeyReused` otherwise. Concurrent calls with one key store at most once,
    /// from any number of server processes.
    fn insert(&self, comment: NewComment) -> StoreFuture<'_, Outcome>;

    /// The article's published comments, newest first (by creation time, then id), from
    /// `start`, at most `limit`, with the total from the same snapshot.
    fn published(
        &self,
        article_id: String,
        start: PageStart,
        limit: u32,
    ) -> StoreFuture<'_, PublishedPage>;

    /// Comments for moderators, newest first, all or only those with status `only`.
    fn for_moderation(
        &self,
        only: Option<Status>,
        limit: u32,
    ) -> StoreFuture<'_, Vec<ModeratedComment>>;

    /// Whether the article has a comment (of any status) with exactly this `content`, made
    /// at `since_ms` or later under an idempotency key other than `key` (or none).
    fn has_recent_duplicate(
        &self,
        article_id: String,
        content: String,
        since_ms: i64,
        key: Option<String>,
    ) -> StoreFuture<'_, bool>;

    /// Whether an editor closed `article_id` to new comments.
    fn is_closed(&self, article_id: String) -> StoreFuture<'_, bool>;

    /// Takes one post from `client`'s bucket of `per_minute` posts, when this store keeps
    /// the buckets for every process that shares it: `Ok(Err(seconds))` until the next post
    /// is allowed. `None` when each process keeps its own ([`crate::ratelimit::RateLimiter`]).
    fn take_post(
        &self,
        _client: IpAddr,
        _per_minute: u32,
    ) -> Option<StoreFuture<'_, Result<(), u64>>> {
        None
    }
}
