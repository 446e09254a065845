//! The fields of a desk form or query.

use axum::body::Body;
use axum::extract::Request;

use super::DeskError;

/// The fields of a form or a query, in order, names repeated as sent.
#[derive(Clone, Debug, Default)]
pub struct Fields(Vec<(String, String)>);

/// The largest form the desk accepts: a selection of a few hundred ids fits many times.
const MAX_FORM: usize = 64 * 1024;

impl Fields {
    /// Parses `application/x-www-form-urlencoded` text (a query or a body).
    pub fn parse(text: &[u8]) -> Fields {
        Fields(
            form_urlencoded::parse(text)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The fields of a request's query.
    pub fn query(req: &Request) -> Fields {
        Fields::parse(req.uri().query().unwrap_or("").as_bytes())
    }

    /// Reads a form body.
    pub(super) async fn read(body: Body) -> Result<Fields, DeskError> {
        let bytes = axum::body::to_bytes(body, MAX_FORM)
            .await
            .map_err(|_| DeskError::BadRequest(|t| t.form_too_large))?;
        Ok(Fields::parse(&bytes))
    }

    /// The first value of `name`, trimmed, if not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Every field, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Every value of `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}
