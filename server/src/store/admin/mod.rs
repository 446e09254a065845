//! What the editors' desk (`/admin/`) stores beside the comments: accounts and their
//! sessions, where each comment stands on the desk, the audit log and the articles closed to
//! new comments. A separate trait from [`Store`](super::Store), so the public endpoint's
//! promises stay few; SQLite and PostgreSQL implement both.

mod account;
mod moderation;
mod queue;

pub use account::{NewSession, Role, Session, User};
pub use moderation::{Action, AuditEntry, Change, ClosedArticle, DeskState, Moderation};
pub(crate) use queue::{contains_pattern, DESK_COLUMNS};
pub use queue::{Cursor, DeskComment, Order, QueuePage, QueueQuery, StateCounts};

use super::StoreFuture;

/// The desk's storage. Every method is one atomic step; like [`Store`](super::Store)'s, its
/// work is a future to await, so a store on a network database never holds a thread.
pub trait AdminStore: Send + Sync {
    /// Creates an account; false when the name is taken.
    fn add_user(
        &self,
        name: String,
        role: Role,
        password_hash: String,
        at_ms: i64,
    ) -> StoreFuture<'_, bool>;
    /// The account with this name (case-insensitive).
    fn user(&self, name: String) -> StoreFuture<'_, Option<User>>;
    /// Every account, by name.
    fn users(&self) -> StoreFuture<'_, Vec<User>>;
    /// Removes an account and ends its sessions; false when there is none.
    fn remove_user(&self, name: String) -> StoreFuture<'_, bool>;
    /// Sets an account's password hash and ends its sessions; false when there is none.
    fn set_password(&self, name: String, password_hash: String) -> StoreFuture<'_, bool>;

    /// Stores a new session (and forgets the expired ones).
    fn create_session(&self, session: NewSession) -> StoreFuture<'_, ()>;
    /// The session whose token hashes to `token_hash`, if it is valid at `now_ms`.
    fn session(&self, token_hash: String, now_ms: i64) -> StoreFuture<'_, Option<Session>>;
    /// Ends one session.
    fn end_session(&self, token_hash: String) -> StoreFuture<'_, ()>;
    /// Ends every session of an account (sign-out everywhere); how many there were.
    fn end_sessions_of(&self, user_id: i64) -> StoreFuture<'_, u64>;

    /// How many comments stand in each state, of one article or of all.
    fn counts(&self, article: Option<String>) -> StoreFuture<'_, StateCounts>;
    /// One page of a tab of the queue.
    fn queue(&self, query: QueueQuery) -> StoreFuture<'_, QueuePage>;
    /// One comment.
    fn comment(&self, id: i64) -> StoreFuture<'_, Option<DeskComment>>;
    /// Applies an action to comments and records it, in one transaction; comments the action
    /// leaves where they are (or that do not exist) are skipped. `None` when none moved.
    fn moderate(&self, moderation: Moderation) -> StoreFuture<'_, Option<AuditEntry>>;
    /// Takes back entry `entry`: every comment it moved that still stands where it put it
    /// goes back, recorded as an undo. `None` when nothing went back.
    fn undo(&self, entry: i64, actor: String, at_ms: i64) -> StoreFuture<'_, Option<AuditEntry>>;
    /// Removes for good the comments deleted before `deleted_before_ms` (by the time of the
    /// delete), recorded as one purge whose changes name them; the entries about them stay.
    /// `None` when there were none.
    fn purge(
        &self,
        deleted_before_ms: i64,
        actor: String,
        at_ms: i64,
    ) -> StoreFuture<'_, Option<AuditEntry>>;
    /// The log, newest first: entries before `before`, only those about `comment` if given.
    fn audit(
        &self,
        before: Option<i64>,
        comment: Option<i64>,
        limit: u32,
    ) -> StoreFuture<'_, Vec<AuditEntry>>;

    /// Closes (or reopens) an article to new comments and records it; false when it already
    /// was.
    fn set_closed(
        &self,
        article: String,
        closed: bool,
        actor: String,
        at_ms: i64,
    ) -> StoreFuture<'_, bool>;
    /// Whether an article is closed to new comments.
    fn is_closed(&self, article: String) -> StoreFuture<'_, bool>;
    /// Every closed article, most recently closed first.
    fn closed_articles(&self) -> StoreFuture<'_, Vec<ClosedArticle>>;
}
