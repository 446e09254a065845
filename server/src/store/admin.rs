//! What the editors' desk (`/admin/`) stores beside the comments: accounts and their
//! sessions, where each comment stands on the desk, the audit log and the articles closed to
//! new comments. A separate trait from [`Store`](super::Store), so the public endpoint keeps
//! its four promises and a store on another database can add these later.

use super::{Status, StoreError};

/// What an account may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Reads the queue and moderates.
    Editor,
    /// An editor who may also bring deleted comments back.
    Admin,
}

impl Role {
    /// The code stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// The inverse of [`Role::as_str`].
    pub fn parse(code: &str) -> Option<Role> {
        [Role::Editor, Role::Admin]
            .into_iter()
            .find(|r| r.as_str() == code)
    }
}

/// An account.
#[derive(Clone, Debug)]
pub struct User {
    /// Its id.
    pub id: i64,
    /// The name it signs in with (unique, case-insensitive).
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// The argon2id hash of its password, in PHC string form.
    pub password_hash: String,
    /// Milliseconds since the Unix epoch.
    pub created_at_ms: i64,
}

/// A session to store at sign-in. The token itself stays in the browser's cookie; only its
/// hash is stored, so a copy of the database signs nobody in.
#[derive(Clone, Debug)]
pub struct NewSession {
    /// The hash of the cookie's token.
    pub token_hash: String,
    /// Whose session it is.
    pub user_id: i64,
    /// The CSRF token every form of this session carries.
    pub csrf: String,
    /// Milliseconds since the Unix epoch.
    pub created_at_ms: i64,
    /// When it stops being valid, in milliseconds since the Unix epoch.
    pub expires_at_ms: i64,
}

/// A valid session and its account.
#[derive(Clone, Debug)]
pub struct Session {
    /// The account's id.
    pub user_id: i64,
    /// The account's name.
    pub name: String,
    /// The account's role.
    pub role: Role,
    /// The session's CSRF token.
    pub csrf: String,
}

/// Where a comment stands on the desk: its [`Status`], or deleted (hidden from every tab but
/// its own, and restorable).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeskState {
    /// Waiting for an editor.
    Pending,
    /// Judged automated by the server, or marked spam by an editor.
    Spam,
    /// Shown to readers.
    Published,
    /// Refused by an editor.
    Rejected,
    /// Deleted by an editor: kept, hidden, restorable until purged.
    Deleted,
}

impl DeskState {
    /// Every state, in the order of the desk's tabs.
    pub const ALL: [DeskState; 5] = [
        DeskState::Pending,
        DeskState::Spam,
        DeskState::Published,
        DeskState::Rejected,
        DeskState::Deleted,
    ];

    /// The code stored in the audit log and used in the desk's addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            DeskState::Deleted => "deleted",
            DeskState::Pending => Status::Pending.as_str(),
            DeskState::Spam => Status::Spam.as_str(),
            DeskState::Published => Status::Published.as_str(),
            DeskState::Rejected => Status::Rejected.as_str(),
        }
    }

    /// The inverse of [`DeskState::as_str`].
    pub fn parse(code: &str) -> Option<DeskState> {
        DeskState::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// The comment status that goes with this state (a deleted comment is hidden from
    /// readers as a rejected one is).
    pub fn status(self) -> Status {
        match self {
            DeskState::Pending => Status::Pending,
            DeskState::Spam => Status::Spam,
            DeskState::Published => Status::Published,
            DeskState::Rejected | DeskState::Deleted => Status::Rejected,
        }
    }
}

impl From<Status> for DeskState {
    fn from(status: Status) -> DeskState {
        match status {
            Status::Pending => DeskState::Pending,
            Status::Spam => DeskState::Spam,
            Status::Published => DeskState::Published,
            Status::Rejected => DeskState::Rejected,
        }
    }
}

/// What an editor did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Publish.
    Approve,
    /// Refuse, with an optional reason.
    Reject,
    /// Mark as spam.
    Spam,
    /// Delete (restorable).
    Delete,
    /// Bring back: a deleted comment to where it was, a rejected or spam one to the queue.
    Restore,
    /// Take back an earlier action.
    Undo,
    /// Close an article to new comments.
    Close,
    /// Open it again.
    Reopen,
}

impl Action {
    /// The code stored in the audit log and posted by the desk's forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Spam => "spam",
            Action::Delete => "delete",
            Action::Restore => "restore",
            Action::Undo => "undo",
            Action::Close => "close",
            Action::Reopen => "reopen",
        }
    }

    /// The inverse of [`Action::as_str`].
    pub fn parse(code: &str) -> Option<Action> {
        [
            Action::Approve,
            Action::Reject,
            Action::Spam,
            Action::Delete,
            Action::Restore,
            Action::Undo,
            Action::Close,
            Action::Reopen,
        ]
        .into_iter()
        .find(|a| a.as_str() == code)
    }

    /// Where this action takes a comment that stands at `from` (`deleted_from`: where a
    /// deleted one stood before); `None` when it leaves it where it is.
    pub fn target(self, from: DeskState, deleted_from: Option<DeskState>) -> Option<DeskState> {
        let to = match self {
            Action::Approve => DeskState::Published,
            Action::Reject => DeskState::Rejected,
            Action::Spam => DeskState::Spam,
            Action::Delete => DeskState::Deleted,
            Action::Restore => match from {
                DeskState::Deleted => deleted_from.unwrap_or(DeskState::Pending),
                DeskState::Rejected | DeskState::Spam => DeskState::Pending,
                DeskState::Pending | DeskState::Published => return None,
            },
            Action::Undo | Action::Close | Action::Reopen => return None,
        };
        (to != from).then_some(to)
    }
}

/// Which way the queue runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Newest first.
    NewestFirst,
    /// Oldest first.
    OldestFirst,
}

/// A place in the queue: the last comment of a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Its creation time.
    pub created_at_ms: i64,
    /// Its id.
    pub id: i64,
}

impl Cursor {
    /// The cursor as it goes into a page's address (`1712345678901.42`).
    pub fn encode(self) -> String {
        format!("{}.{}", self.created_at_ms, self.id)
    }

    /// The inverse of [`Cursor::encode`].
    pub fn decode(text: &str) -> Option<Cursor> {
        let (ms, id) = text.split_once('.')?;
        Some(Cursor {
            created_at_ms: ms.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// One page of the queue to read.
#[derive(Clone, Debug)]
pub struct QueueQuery {
    /// The tab.
    pub state: DeskState,
    /// Only this article's comments.
    pub article: Option<String>,
    /// Only comments whose text or name contains this.
    pub search: Option<String>,
    /// Newest or oldest first.
    pub order: Order,
    /// Start after this comment.
    pub after: Option<Cursor>,
    /// At most this many.
    pub limit: u32,
}

/// One page of the queue.
#[derive(Clone, Debug)]
pub struct QueuePage {
    /// The comments.
    pub items: Vec<DeskComment>,
    /// Where the next page starts, when there is one.
    pub next: Option<Cursor>,
}

/// A comment with everything an editor sees.
#[derive(Clone, Debug)]
pub struct DeskComment {
    /// Its id.
    pub id: i64,
    /// Where it stands.
    pub state: DeskState,
    /// Why the server judged it spam, if it did.
    pub spam_reason: Option<String>,
    /// Why an editor rejected it, if one said.
    pub reject_reason: Option<String>,
    /// The article as the site names it.
    pub article_id: String,
    /// The article's address.
    pub article_url: String,
    /// The article's title.
    pub article_title: String,
    /// The name given.
    pub name: String,
    /// The e-mail given.
    pub email: String,
    /// The client's address.
    pub ip: String,
    /// The comment.
    pub content: String,
    /// Milliseconds from the first keystroke to submit, as the widget measured them.
    pub typing_ms: Option<i64>,
    /// The rules version the widget reported.
    pub client_rules_version: String,
    /// Whether the widget's own verdict said ok.
    pub client_ok: Option<bool>,
    /// Milliseconds since the Unix epoch.
    pub created_at_ms: i64,
}

/// How many comments stand in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateCounts {
    /// Waiting.
    pub pending: u64,
    /// Spam.
    pub spam: u64,
    /// Published.
    pub published: u64,
    /// Rejected.
    pub rejected: u64,
    /// Deleted.
    pub deleted: u64,
}

impl StateCounts {
    /// The count of one state.
    pub fn of(&self, state: DeskState) -> u64 {
        match state {
            DeskState::Pending => self.pending,
            DeskState::Spam => self.spam,
            DeskState::Published => self.published,
            DeskState::Rejected => self.rejected,
            DeskState::Deleted => self.deleted,
        }
    }

    /// Adds `n` to one state's count.
    pub fn add(&mut self, state: DeskState, n: u64) {
        let slot = match state {
            DeskState::Pending => &mut self.pending,
            DeskState::Spam => &mut self.spam,
            DeskState::Published => &mut self.published,
            DeskState::Rejected => &mut self.rejected,
            DeskState::Deleted => &mut self.deleted,
        };
        *slot += n;
    }
}

/// One comment moved by an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// The comment.
    pub comment_id: i64,
    /// Where it stood.
    pub from: DeskState,
    /// Where it went.
    pub to: DeskState,
}

/// An action to apply to comments.
#[derive(Clone, Debug)]
pub struct Moderation<'a> {
    /// The comments.
    pub ids: &'a [i64],
    /// What to do (one of the actions on comments).
    pub action: Action,
    /// Why (a rejection's reason).
    pub reason: Option<&'a str>,
    /// Who does it.
    pub actor: &'a str,
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: i64,
}

/// One entry of the audit log.
#[derive(Clone, Debug)]
pub struct AuditEntry {
    /// Its id (increasing).
    pub id: i64,
    /// When, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// Who (the account's name at the time).
    pub actor: String,
    /// What.
    pub action: Action,
    /// Why, if given.
    pub reason: Option<String>,
    /// The article, for closing and reopening.
    pub article_id: Option<String>,
    /// The entry an undo took back.
    pub undoes: Option<i64>,
    /// The comments it moved.
    pub changes: Vec<Change>,
}

/// An article closed to new comments.
#[derive(Clone, Debug)]
pub struct ClosedArticle {
    /// The article.
    pub article_id: String,
    /// When, in milliseconds since the Unix epoch.
    pub closed_at_ms: i64,
    /// By whom.
    pub closed_by: String,
}

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
