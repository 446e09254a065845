//! The replies hyper writes by itself, before any handler runs (a malformed request line,
//! headers too large, a URI too long), carry no body; [`JsonErrors`] gives them the JSON
//! error body every other error has. It watches what the connection writes: hyper sends such
//! a reply only when no response is under way and closes the connection after it, as one
//! head with `content-length: 0`, which no reply of the application's has with an error
//! status (its errors all have a body).

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use axum::http::StatusCode;
use hyper::rt::{Read, ReadBufCursor, Write};

use crate::reply::ApiError;

/// A connection whose body-less error heads are replaced by whole JSON error replies.
pub struct JsonErrors<T> {
    inner: T,
    /// A replacement being written, and how much of it is out; the caller is told its own
    /// buffer was written once all of it is.
    replacing: Option<(Vec<u8>, usize)>,
}

impl<T> JsonErrors<T> {
    /// Wraps a connection.
    pub fn new(inner: T) -> JsonErrors<T> {
        JsonErrors {
            inner,
            replacing: None,
        }
    }
}

/// The whole reply to send instead of `head`, when `head` is one of hyper's own error heads.
fn replacement(head: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(head).ok()?;
    let rest = text.strip_prefix("HTTP/1.1 ")?;
    let status: StatusCode = rest.get(..3)?.parse().ok()?;
    let lower = text.to_ascii_lowercase();
    let own = (status.is_client_error() || status.is_server_error())
        && text.ends_with("\r\n\r\n")
        && lower.contains("\r\ncontent-length: 0\r\n")
        && !lower.contains("\r\ncontent-type:");
    if !own {
        return None;
    }
    let error = match status {
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => ApiError::new(
            status,
            "headers-too-large",
            "Phần đầu của yêu cầu quá lớn.",
            "The request headers are too large.",
        ),
        StatusCode::URI_TOO_LONG => ApiError::new(
            status,
            "uri-too-long",
            "Địa chỉ yêu cầu quá dài.",
            "The request URI is too long.",
        ),
        StatusCode::BAD_REQUEST => ApiError::bad_request("the HTTP request cannot be parsed"),
        _ => ApiError::new(
            status,
            "bad-request",
            "Yêu cầu không hợp lệ.",
            "The request is malformed.",
        ),
    };
    let body = serde_json::to_vec(&error.body).ok()?;
    let mut reply = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json; charset=utf-8\r\n\
         cache-control: no-store\r\nx-content-type-options: nosniff\r\n\
         connection: close\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    reply.extend_from_slice(&body);
    Some(reply)
}

impl<T: Read + Unpin> Read for JsonErrors<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<T: Write + Unpin> Write for JsonErrors<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.replacing.is_none() {
            match replacement(buf) {
                Some(reply) => this.replacing = Some((reply, 0)),
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        if let Some((reply, sent)) = &mut this.replacing {
            while *sent < reply.len() {
                let n = ready!(Pin::new(&mut this.inner).poll_write(cx, &reply[*sent..]))?;
                if n == 0 {
                    return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
                }
                *sent += n;
            }
        }
        // Everything hyper writes after its error head is dropped: it only closes.
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::replacement;

    #[test]
    fn only_hyper_s_own_error_heads_are_replaced() {
        let own = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\
                    date: Thu, 01 Jan 2026 00:00:00 GMT\r\n\r\n";
        let reply = String::from_utf8(replacement(own).unwrap()).unwrap();
        assert!(reply.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(reply.ends_with(r#""message_en":"The request headers are too large."}"#));
        for kept in [
            &b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n"[..],
            b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 0\r\n\r\n",
            b"HTTP/1.1 400 Bad Request\r\ncontent-length: 10\r\n\r\n{\"error\":1}",
            b"{\"id\":1}",
        ] {
            assert_eq!(replacement(kept), None);
        }
    }
}
