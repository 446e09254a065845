//! Starts the real `binhluan-server` binary on an ephemeral port and talks HTTP to it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

use super::{moderate, Reply, BIN};

/// A running server; killed (SIGKILL) when dropped.
pub struct Server {
    child: Child,
    _stdout: BufReader<ChildStdout>,
    /// `http://127.0.0.1:PORT/`
    pub base: String,
    /// The `--db` argument: a file or a URL.
    pub db: PathBuf,
}

impl Server {
    /// Starts the server on `db` with `args` (plus `--addr 127.0.0.1:0 --db DB`) and waits
    /// for its one line on stdout.
    pub fn start(db: impl AsRef<Path>, args: &[&str]) -> Server {
        let db = db.as_ref();
        let mut child = Command::new(BIN)
            .args(["--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .env_remove("DATABASE_URL")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start binhluan-server");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let base = line
            .trim_end()
            .strip_prefix("binhluan-server listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        assert!(base.starts_with("http://127.0.0.1:") && base.ends_with('/'));
        assert!(!base.ends_with(":0/"), "the real port must be printed");
        Server {
            child,
            _stdout: stdout,
            base,
            db: db.to_owned(),
        }
    }

    /// The URL of `path` (without its leading slash).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Kills the process with SIGKILL and waits for it.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// POSTs a JSON comment.
    pub fn post(&self, body: &Value) -> Reply {
        send(
            agent().post(&self.url("api/comments")),
            Some(&body.to_string()),
        )
    }

    /// GETs one page of an article's comments.
    pub fn list(&self, article: &str, page: u32) -> Value {
        let reply = send(
            agent()
                .get(&self.url("api/comments"))
                .query("article", article)
                .query("page", &page.to_string()),
            None,
        );
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()
    }

    /// Runs `binhluan-server comments ARGS --db DB`.
    pub fn comments(&self, args: &[&str]) -> Output {
        moderate(&self.db, args)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An agent that does not follow redirects.
pub fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .redirects(0)
        .timeout(Duration::from_secs(20))
        .build()
}

/// Sends `req` (JSON content type unless set) and reads the reply, whatever its status.
pub fn send(req: ureq::Request, body: Option<&str>) -> Reply {
    let result = match body {
        Some(body) if req.header("content-type").is_none() => req
            .set("Content-Type", "application/json")
            .send_string(body),
        Some(body) => req.send_string(body),
        None => req.call(),
    };
    let response = match result {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("request failed: {e}"),
    };
    let headers = response
        .headers_names()
        .into_iter()
        .map(|n| {
            let v = response.header(&n).unwrap_or("").to_owned();
            (n, v)
        })
        .collect();
    Reply {
        status: response.status(),
        headers,
        body: response.into_string().unwrap(),
    }
}
