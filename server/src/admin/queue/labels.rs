//! The desk's words: the labels of states, actions and reasons, and which actions an editor
//! may take on a comment where it stands.

use super::esc;
use crate::admin::text::{Message, Text};
use crate::store::admin::{Action, DeskState, Role, Session};

/// The tab's label.
pub fn state_label(state: DeskState, t: &Text) -> &'static str {
    match state {
        DeskState::Pending => t.state_pending,
        DeskState::Spam => t.state_spam,
        DeskState::Published => t.state_published,
        DeskState::Rejected => t.state_rejected,
        DeskState::Deleted => t.state_deleted,
        DeskState::Purged => t.state_purged,
    }
}

/// The button's label.
pub fn action_label(action: Action, t: &Text) -> &'static str {
    match action {
        Action::Approve => t.action_approve,
        Action::Reject => t.action_reject,
        Action::Spam => t.action_spam,
        Action::Delete => t.action_delete,
        Action::Restore => t.action_restore,
        Action::Undo => t.action_undo,
        Action::Close => t.action_close,
        Action::Reopen => t.action_reopen,
        Action::Purge => t.action_purge,
    }
}

/// The key the script binds an action to.
pub fn action_key(action: Action) -> Option<char> {
    match action {
        Action::Approve => Some('a'),
        Action::Reject => Some('r'),
        Action::Spam => Some('s'),
        Action::Undo => Some('u'),
        Action::Delete | Action::Restore | Action::Close | Action::Reopen | Action::Purge => None,
    }
}

/// The actions on comments, in the order of the buttons.
pub const COMMENT_ACTIONS: [Action; 5] = [
    Action::Approve,
    Action::Reject,
    Action::Spam,
    Action::Delete,
    Action::Restore,
];

/// The reasons an editor may give for a rejection, by code, with their labels.
pub const REJECT_REASONS: [(&str, Message); 5] = [
    ("off-topic", |t| t.reason_off_topic),
    ("abusive", |t| t.reason_abusive),
    ("advertising", |t| t.reason_advertising),
    ("duplicate", |t| t.reason_duplicate),
    ("misinformation", |t| t.reason_misinformation),
];

/// The label of a stored rejection reason, as text (an unknown code shows as itself).
pub fn reason_label(code: &str, t: &Text) -> String {
    REJECT_REASONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| esc(code), |(_, label)| label(t).to_owned())
}

/// Why the spam filter held a comment, as text (an unknown code shows as itself).
pub(super) fn spam_label(code: &str, t: &Text) -> String {
    match code {
        "honeypot" => t.spam_honeypot.to_owned(),
        "too-fast" => t.spam_too_fast.to_owned(),
        other => esc(other),
    }
}

/// The actions that move a comment out of `state` (restoring a deleted one is an admin's).
pub(super) fn actions_from(
    state: DeskState,
    editor: &Session,
) -> impl Iterator<Item = Action> + '_ {
    COMMENT_ACTIONS.into_iter().filter(move |a| {
        a.target(state, None).is_some()
            && !(state == DeskState::Deleted && editor.role != Role::Admin)
    })
}
