//! The desk's words: the labels of states, actions and reasons, and which actions an editor
//! may take on a comment where it stands.

use super::esc;
use crate::store::admin::{Action, DeskState, Role, Session};

/// The tab's label.
pub fn state_label(state: DeskState) -> &'static str {
    match state {
        DeskState::Pending => "Chờ duyệt",
        DeskState::Spam => "Nghi spam",
        DeskState::Published => "Đã đăng",
        DeskState::Rejected => "Đã từ chối",
        DeskState::Deleted => "Đã xoá",
        DeskState::Purged => "Đã xoá hẳn",
    }
}

/// The button's label, and the key the script binds it to.
pub fn action_label(action: Action) -> (&'static str, Option<char>) {
    match action {
        Action::Approve => ("Duyệt", Some('a')),
        Action::Reject => ("Từ chối", Some('r')),
        Action::Spam => ("Spam", Some('s')),
        Action::Delete => ("Xoá", None),
        Action::Restore => ("Khôi phục", None),
        Action::Undo => ("Hoàn tác", Some('u')),
        Action::Close => ("Đóng bình luận", None),
        Action::Reopen => ("Mở lại bình luận", None),
        Action::Purge => ("Xoá hẳn", None),
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

/// The reasons an editor may give for a rejection: code and label.
pub const REJECT_REASONS: [(&str, &str); 5] = [
    ("off-topic", "Lạc đề"),
    ("abusive", "Xúc phạm, thô tục"),
    ("advertising", "Quảng cáo"),
    ("duplicate", "Trùng lặp"),
    ("misinformation", "Thông tin sai"),
];

/// The label of a stored rejection reason (an unknown code shows as itself).
pub fn reason_label(code: &str) -> &str {
    REJECT_REASONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, label)| label)
}

pub(super) fn spam_label(code: &str) -> String {
    match code {
        "honeypot" => "điền vào ô bẫy dành cho máy (honeypot)".to_owned(),
        "too-fast" => "gõ nhanh hơn sức người (too-fast)".to_owned(),
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
