//! binhluan-server as a library: [`app`] is the whole HTTP surface of the endpoint (the
//! contract is in docs/endpoint.md), [`AppState`] what it runs on, [`serve::run`] the
//! process around it and [`moderation::run`] the moderation commands (docs/server.md).
#![deny(missing_docs)]

pub mod admin;
pub mod cli;
pub mod moderation;
pub mod ratelimit;
pub mod serve;
pub mod store;

mod app;
mod body;
mod cors;
mod form;
mod listing;
mod reply;
mod spam;
mod state;
mod submit;
mod time;
mod validate;
mod wire;
mod www;

pub use app::app;
pub use body::MAX_BODY;
pub use listing::PER_PAGE;
pub use spam::HUMAN_MS_PER_WORD;
pub use state::{AppState, Peer};
