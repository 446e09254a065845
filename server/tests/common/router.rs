//! The application in-process: the real router on a real database (SQLite or PostgreSQL),
//! called with `tower::ServiceExt::oneshot` as the accept loop would call it, without a
//! socket.

use std::net::SocketAddr;
use std::process::Output;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request};
use axum::Router;
use binhluan_server::cli::Cli;
use binhluan_server::{app, AppState, Peer};
use clap::Parser;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use super::db::TestDb;
use super::{moderate, Reply};

/// The Host every request carries unless it sets its own: the app's own origin is
/// `http://` + this.
pub const HOST: &str = "127.0.0.1:8787";
/// The TCP peer every request comes from unless it sets its own.
pub const PEER: &str = "127.0.0.1:40000";

/// The router of `binhluan-server --db DB ARGS`.
#[derive(Clone)]
pub struct TestApp {
    router: Router,
    /// `http://127.0.0.1:8787/`: the app's own origin, with a slash.
    pub base: String,
    /// The `--db` argument: a file or a URL.
    pub db: String,
}

impl TestApp {
    /// The app with the options `args` (as on the command line) on database `db`.
    pub async fn start(db: &TestDb, args: &[&str]) -> TestApp {
        let cli = Cli::try_parse_from(
            ["binhluan-server", "--db", db.arg.as_str()]
                .into_iter()
                .chain(args.iter().copied()),
        )
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
        let state = AppState::open(&cli.serve).await.expect("open the app");
        TestApp {
            router: app(Arc::new(state)),
            base: format!("http://{HOST}/"),
            db: db.arg.clone(),
        }
    }

    /// The path of `path` (without its leading slash), as a request target.
    pub fn url(&self, path: &str) -> String {
        format!("/{path}")
    }

    /// A request with this method to this target.
    pub fn call(&self, method: &str, uri: &str) -> Call {
        Call {
            app: self.clone(),
            request: Request::builder().method(method).uri(uri),
        }
    }

    /// POSTs a JSON comment.
    pub async fn post(&self, body: &Value) -> Reply {
        self.call("POST", "/api/comments")
            .send(Some(&body.to_string()))
            .await
    }

    /// GETs one page of an article's comments.
    pub async fn list(&self, article: &str, page: u32) -> Value {
        self.list_by(&[("article", article), ("page", &page.to_string())])
            .await
    }

    /// GETs a page of comments with this query.
    pub async fn list_by(&self, query: &[(&str, &str)]) -> Value {
        let query = serde_urlencoded::to_string(query).unwrap();
        let reply = self
            .call("GET", &format!("/api/comments?{query}"))
            .send(None)
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()
    }

    /// Runs `binhluan-server comments ARGS --db DB` (the real binary).
    pub fn comments(&self, args: &[&str]) -> Output {
        moderate(&self.db, args)
    }
}

/// A request being built.
pub struct Call {
    app: TestApp,
    request: axum::http::request::Builder,
}

impl Call {
    /// Sets a header.
    pub fn set(mut self, name: &str, value: &str) -> Call {
        self.request = self.request.header(name, value);
        self
    }

    /// Sends it (JSON content type unless set) and reads the whole reply.
    pub async fn send(self, body: Option<&str>) -> Reply {
        let mut request = self.request;
        let headers = request.headers_ref().unwrap();
        let has = |name| headers.contains_key(name);
        let (content_type, host) = (has(header::CONTENT_TYPE), has(header::HOST));
        if body.is_some() && !content_type {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        if !host {
            request = request.header(header::HOST, HOST);
        }
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_owned()));
        self.app.request(request.body(body).unwrap()).await
    }
}

impl TestApp {
    /// Sends a request built elsewhere (a streamed body, say) through the router, from
    /// [`PEER`] unless it names its own, and reads the whole reply.
    pub async fn request(&self, mut request: Request<Body>) -> Reply {
        if request.extensions().get::<Peer>().is_none() {
            let peer: SocketAddr = PEER.parse().unwrap();
            request.extensions_mut().insert(Peer(peer));
        }
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).expect("a UTF-8 body"),
        }
    }
}
