//! What every request handler shares: the store, the rules and the options of `serve`.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use binhluan_rules::Rules;

use crate::admin::Desk;
use crate::cli::{database, ServeArgs};
use crate::cors::{parse_origin, RefusedOrigins};
use crate::ratelimit::{client_key, RateLimiter};
use crate::reply::ApiError;
use crate::store::{Store, StoreError};

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
    /// The origins of this server's own pages, without a trailing slash.
    pub own_origins: Vec<String>,
    /// The static folder, if any, canonical (links resolved).
    pub www: Option<PathBuf>,
    /// How long one request may take.
    pub timeout: Duration,
    /// How many proxies in front append to `X-Forwarded-For` (0: the header is ignored).
    pub trust_forwarded_for: u8,
    /// The editors' desk.
    pub desk: Desk,
    /// Origins refused lately (each logged once a minute).
    pub refused_origins: RefusedOrigins,
}

impl AppState {
    /// The state `serve` runs with: the options applied, the database opened (a SQLite file
    /// created with its folder on first start) and migrated.
    pub async fn open(args: &ServeArgs) -> Result<AppState, StoreError> {
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
        let www = match &args.www {
            Some(www) if www.is_dir() => Some(www.canonicalize()?),
            Some(www) => return Err(format!("--www {}: not a folder", www.display()).into()),
            None => None,
        };
        let opened = database(args.db.as_deref()).open_with_desk(true).await?;
        let own_origins = own_origins(args);
        Ok(AppState {
            desk: Desk::new(opened.desk, &own_origins).speaking(args.desk_lang),
            store: opened.store,
            rules,
            auto_publish: args.auto_publish,
            limiter: (args.rate_limit > 0).then(|| RateLimiter::new(args.rate_limit)),
            allow_origins,
            allow_headers,
            own_origins,
            www,
            timeout: Duration::from_secs(args.timeout.max(1)),
            trust_forwarded_for: args.trust_forwarded_for,
            refused_origins: RefusedOrigins::default(),
        })
    }
}

impl AppState {
    /// Takes one post from `client`'s allowance: 429 when it has none left.
    pub(crate) async fn take_post(&self, client: IpAddr) -> Result<(), ApiError> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        match self
            .store
            .take_post(client_key(client), limiter.per_minute())
        {
            Some(shared) => shared.await.map_err(|e| ApiError::internal(&e))?,
            None => limiter.take(client, Instant::now()),
        }
        .map_err(ApiError::rate_limited)
    }
}

/// `--public-origin`, or the origin of `--addr` (and its `localhost` name on a loopback
/// address): never the `Host` header, which whoever sends the request chooses.
fn own_origins(args: &ServeArgs) -> Vec<String> {
    let given: Vec<String> = args
        .public_origins
        .iter()
        .map(|o| o.trim().trim_end_matches('/').to_owned())
        .filter(|o| !o.is_empty())
        .collect();
    if !given.is_empty() {
        return given;
    }
    let mut own = vec![format!("http://{}", args.addr)];
    if args.addr.ip().is_loopback() {
        own.push(format!("http://localhost:{}", args.addr.port()));
    }
    own
}

/// The TCP peer of the connection, put into each request by the accept loop.
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);
