//! Password hashing: argon2id, and a stand-in hash so that an unknown name costs what a
//! wrong password does.

use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::store::StoreError;

/// The argon2id hash of `password` (PHC string, random salt, the crate's defaults: 19 MiB,
/// two passes, one lane).
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| e.to_string())?
        .to_string())
}

/// Whether `password` matches `phc`; a hash that cannot be read matches nothing.
pub(super) fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash to check unknown names against, so that a wrong name costs the time a wrong
/// password does and timing tells nobody which names exist.
pub(super) fn stand_in_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("stand-in for an unknown account").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let phc = hash_password("mật khẩu dài").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_password("mật khẩu dài", &phc));
        assert!(!verify_password("mật khẩu sai", &phc));
        assert!(!verify_password("x", "not a hash"));
    }
}
