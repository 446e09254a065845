//! Where a comment stands on the desk, what moves it, and the record of each move.

use crate::store::Status;

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
    /// Removed for good by the purge command: where the log says a comment went, never
    /// where one stands (no tab shows it).
    Purged,
}

impl DeskState {
    /// Every state a comment can stand in, in the order of the desk's tabs.
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
            DeskState::Purged => "purged",
            DeskState::Pending => Status::Pending.as_str(),
            DeskState::Spam => Status::Spam.as_str(),
            DeskState::Published => Status::Published.as_str(),
            DeskState::Rejected => Status::Rejected.as_str(),
        }
    }

    /// The inverse of [`DeskState::as_str`], for the states of [`DeskState::ALL`] (a tab).
    pub fn parse(code: &str) -> Option<DeskState> {
        DeskState::ALL.into_iter().find(|s| s.as_str() == code)
    }

    /// The inverse of [`DeskState::as_str`], for any state the log records.
    pub fn parse_logged(code: &str) -> Option<DeskState> {
        DeskState::parse(code).or((code == DeskState::Purged.as_str()).then_some(DeskState::Purged))
    }

    /// The comment status that goes with this state (a deleted comment is hidden from
    /// readers as a rejected one is; a purged one is no longer stored at all).
    pub fn status(self) -> Status {
        match self {
            DeskState::Pending => Status::Pending,
            DeskState::Spam => Status::Spam,
            DeskState::Published => Status::Published,
            DeskState::Rejected | DeskState::Deleted | DeskState::Purged => Status::Rejected,
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
    /// Remove deleted comments for good (the command line's `comments purge`).
    Purge,
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
            Action::Purge => "purge",
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
            Action::Purge,
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
                DeskState::Pending | DeskState::Published | DeskState::Purged => return None,
            },
            Action::Undo | Action::Close | Action::Reopen | Action::Purge => return None,
        };
        (to != from).then_some(to)
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

impl Change {
    /// The changes a purge records: each comment from deleted to gone for good.
    pub fn purged(ids: Vec<i64>) -> Vec<Change> {
        ids.into_iter()
            .map(|comment_id| Change {
                comment_id,
                from: DeskState::Deleted,
                to: DeskState::Purged,
            })
            .collect()
    }
}

/// An action to apply to comments.
#[derive(Clone, Debug)]
pub struct Moderation {
    /// The comments.
    pub ids: Vec<i64>,
    /// What to do (one of the actions on comments).
    pub action: Action,
    /// Why (a rejection's reason).
    pub reason: Option<String>,
    /// Who does it: an account's name, or `cli:USER` for the command line.
    pub actor: String,
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
