//! Starting and stopping the server: the accept loop, header timeouts, graceful shutdown.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tower_service::Service;

use crate::api::{router, AppState, Peer};
use crate::cli::ServeArgs;
use crate::ratelimit::RateLimiter;
use crate::store::{SqliteStore, StoreError};

/// A client must send its request headers within this time (slow-loris guard).
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long shutdown waits for requests in flight.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Runs the server until SIGTERM or Ctrl-C.
pub fn run(args: ServeArgs) -> Result<(), StoreError> {
    let defaults = binhluan_rules::Rules::default();
    let rules = binhluan_rules::Rules {
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
    if let Some(www) = args.www.as_ref().filter(|w| !w.is_dir()) {
        return Err(format!("--www {}: not a folder", www.display()).into());
    }
    let store = SqliteStore::open(&args.db)?;
    let state = Arc::new(AppState {
        store: Arc::new(store),
        rules,
        auto_publish: args.auto_publish,
        limiter: (args.rate_limit > 0).then(|| RateLimiter::new(args.rate_limit)),
        allow_origins: args
            .allow_origins
            .iter()
            .map(|o| o.trim().to_owned())
            .collect(),
        allow_headers,
        www: args.www,
        timeout: Duration::from_secs(args.timeout.max(1)),
        trust_forwarded_for: args.trust_forwarded_for,
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(accept_loop(args.addr, state))
}

async fn accept_loop(addr: std::net::SocketAddr, state: Arc<AppState>) -> Result<(), StoreError> {
    let listener = TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "binhluan-server listening on http://{local}/")?;
        out.flush()?;
    }
    let app = router(state);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown_signal());
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    eprintln!("binhluan-server: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
            req.extensions_mut().insert(Peer(peer));
            app.clone().call(req.map(Body::new))
        });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    drop(listener);
    eprintln!("binhluan-server: shutting down");
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!("binhluan-server: gave up waiting for open connections");
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
