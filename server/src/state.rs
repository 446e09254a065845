//! What every request handler shares: the store, the rules and the options of `serve`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use binhluan_rules::Rules;

use crate::admin::Desk;
use crate::cli::ServeArgs;
use crate::cors::{parse_origin, RefusedOrigins};
use crate::ratelimit::RateLimiter;
use crate::store::{SqliteStore, Store, StoreError};

/// Everything a request handler needs.
pub struct AppState {
    /// Where comments go.
    pub store: Arc<dyn Store>,
    /// The rules every comment is re-checked with.
    pub rules: Rules,
    /// Publish comments that pass at once.
    pub auto_publish: bool,
    /// The post limit per client, if any.
    pub limiter: Option<RateLimiter>,
    /// Origins allowed to call the API from the browser (`*` for any).
    pub allow_origins: Vec<String>,
    /// Request headers allowed in CORS preflights, lower case.
    pub allow_headers: Vec<String>,
    /// The static folder, if any.
    pub www: Option<PathBuf>,
    /// How long one request may take.
    pub timeout: Duration,
    /// Whether the client address comes from `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
    /// The editors' desk.
    pub desk: Desk,
    /// Origins refused lately (each logged once a minute).
    pub refused_origins: RefusedOrigins,
}

impl AppState {
    /// The state `serve` runs with: the options applied, the SQLite database opened (and
    /// created with its folder on first start).
    pub fn open(args: &ServeArgs) -> Result<AppState, StoreError> {
        let defaults = Rules::default();
        let rules = Rules {
            min_words: args.min_words.unwrap_or(defaults.min_words),
            max_length: args.max_length.unwrap_or(defaults.max_length),
            ..defaults
        };
        let mut allow_headers = vec!["content-type".to_owned(), "idempotency-key".to_owned()];
        for h in &args.allow_headers {
            let h = h.trim().to_ascii_lowercase();
            if !h.is_empty() && !allow_headers.contains(&h) {
                allow_headers.push(h);
            }
        }
        // A malformed origin would never match, and nothing would say why.
        let allow_origins = args
            .allow_origins
            .iter()
            .map(|o| parse_origin(o))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(www) = args.www.as_ref().filter(|w| !w.is_dir()) {
            return Err(format!("--www {}: not a folder", www.display()).into());
        }
        let store = Arc::new(SqliteStore::open(&args.db)?);
        Ok(AppState {
            desk: Desk::new(store.clone(), args.public_origin.as_deref()),
            store,
            rules,
            auto_publish: args.auto_publish,
            limiter: (args.rate_limit > 0).then(|| RateLimiter::new(args.rate_limit)),
            allow_origins,
            allow_headers,
            www: args.www.clone(),
            timeout: Duration::from_secs(args.timeout.max(1)),
            trust_forwarded_for: args.trust_forwarded_for,
            refused_origins: RefusedOrigins::default(),
        })
    }
}

/// The TCP peer of the connection, put into each request by the accept loop.
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);
