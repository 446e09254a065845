//! Accounts and their sessions.

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
