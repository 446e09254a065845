//! What the editors' desk (`/admin/`) stores beside the comments: accounts and their
//! sessions, where each comment stands on the desk, the audit log and the articles closed to
//! new comments. A separate trait from [`Store`](super::Store), so the public endpoint keeps
//! its four promises and a store on another database can add these later.

mod account;
mod moderation;
mod queue;

pub use account::{NewSession, Role, Session, User};
pub use moderation::{Action, AuditEntry, Change, ClosedArticle, DeskState, Moderation};
pub use queue::{Cursor, DeskComment, Order, QueuePage, QueueQuery, StateCounts};

use super::StoreError;

/// The desk's storage. Every method is one atomic step.
pub trait AdminStore: Send + Sync {
    /// Creates an account; false when the name is taken.
    fn add_user(
        &self,
        name: &str,
        role: Role,
        password_hash: &str,
        at_ms: i64,
    ) -> Result<bool, StoreError>;
    /// The account with this name (case-insensitive).
    fn user(&self, name: &str) -> Result<Option<User>, StoreError>;
    /// Every account, by name.
    fn users(&self) -> Result<Vec<User>, StoreError>;
    /// Removes an account and ends its sessions; false when there is none.
    fn remove_user(&self, name: &str) -> Result<bool, StoreError>;
    /// Sets an account's password hash and ends its sessions; false when there is none.
    fn set_password(&self, name: &str, password_hash: &str) -> Result<bool, StoreError>;

    /// Stores a new session (and forgets the expired ones).
    fn create_session(&self, session: &NewSession) -> Result<(), StoreError>;
    /// The session whose token hashes to `token_hash`, if it is valid at `now_ms`.
    fn session(&self, token_hash: &str, now_ms: i64) -> Result<Option<Session>, StoreError>;
    /// Ends one session.
    fn end_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// Ends every session of an account (sign-out everywhere); how many there were.
    fn end_sessions_of(&self, user_id: i64) -> Result<u64, StoreError>;

    /// How many comments stand in each state, of one article or of all.
    fn counts(&self, article: Option<&str>) -> Result<StateCounts, StoreError>;
    /// One page of a tab of the queue.
    fn queue(&self, query: &QueueQuery) -> Result<QueuePage, StoreError>;
    /// One comment.
    fn comment(&self, id: i64) -> Result<Option<DeskComment>, StoreError>;
    /// Applies an action to comments and records it, in one transaction; comments the action
    /// leaves where they are (or that do not exist) are skipped. `None` when none moved.
    fn moderate(&self, moderation: &Moderation<'_>) -> Result<Option<AuditEntry>, StoreError>;
    /// Takes back entry `entry`: every comment it moved that still stands where it put it
    /// goes back, recorded as an undo. `None` when nothing went back.
    fn undo(&self, entry: i64, actor: &str, at_ms: i64) -> Result<Option<AuditEntry>, StoreError>;
    /// The log, newest first: entries before `before`, only those about `comment` if given.
    fn audit(
        &self,
        before: Option<i64>,
        comment: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;

    /// Closes (or reopens) an article to new comments and records it; false when it already
    /// was.
    fn set_closed(
        &self,
        article: &str,
        closed: bool,
        actor: &str,
        at_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Whether an article is closed to new comments.
    fn is_closed(&self, article: &str) -> Result<bool, StoreError>;
    /// Every closed article, most recently closed first.
    fn closed_articles(&self) -> Result<Vec<ClosedArticle>, StoreError>;
}
