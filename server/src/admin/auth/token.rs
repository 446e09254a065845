//! Secrets of the sign-in: random tokens, the hash a session token is stored as, and the
//! constant-time comparison every token check goes through.

use blake2::{Blake2s256, Digest};
use subtle::ConstantTimeEq;

use crate::store::StoreError;

/// 32 random bytes as hex.
pub(super) fn random_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(hex(&bytes))
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the store keeps of a session token.
pub(super) fn token_hash(token: &str) -> String {
    hex(&Blake2s256::digest(token.as_bytes()))
}

pub(super) fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}
