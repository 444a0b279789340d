//! The one HTTP client of the tests, for `rave serve`: a request is sent exactly as written
//! (no normalisation of `..` or escapes on the way), and the answer read whole or as a stream.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};

use super::PATIENCE;

/// A port that was free a moment ago.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind a free port")
        .port()
}

/// An HTTP response: status, headers and body.
#[derive(Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Reply {
    /// The first header called `name` (any case).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// The `Content-Type` header, or "".
    pub(crate) fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Status line and headers of a response head (without the blank line).
fn parse_head(head: &str) -> (u16, Vec<(String, String)>) {
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP status line: {status_line:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    (status, headers)
}

/// Decodes a `Transfer-Encoding: chunked` body.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&raw[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .unwrap_or(0);
        raw = &raw[end + 2..];
        if size == 0 || raw.len() < size {
            break;
        }
        body.extend_from_slice(&raw[..size]);
        raw = raw.get(size + 2..).unwrap_or_default();
    }
    body
}

/// The request line and headers of a GET of `path` from `host`.
fn get_head(path: &str, host: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: {host}")
}

/// Connects and sends `head` (request line and headers, without the blank line), asking the
/// server to close the connection after its answer.
fn send(port: u16, head: &str) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to rave serve");
    stream
        .set_read_timeout(Some(PATIENCE))
        .expect("set a read timeout");
    write!(stream, "{head}\r\nConnection: close\r\n\r\n").expect("send the request");
    stream
}

/// GETs `path` with the server's own `Host` (`127.0.0.1:<port>`).
pub(crate) fn get(port: u16, path: &str) -> Reply {
    request(port, &get_head(path, &format!("127.0.0.1:{port}")))
}

/// GETs `path` with the `Host` header `host`.
pub(crate) fn get_from(port: u16, path: &str, host: &str) -> Reply {
    request(port, &get_head(path, host))
}

/// Sends `head` as written (request line and headers, without the blank line) and reads the
/// whole answer.
pub(crate) fn request(port: u16, head: &str) -> Reply {
    let mut raw = Vec::new();
    send(port, head)
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("read the response to {head:?}: {e}"));
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head for {head:?}: {raw:?}"));
    let (status, headers) = parse_head(&String::from_utf8_lossy(&raw[..split]));
    let rest = &raw[split + 4..];
    let body = if header(&headers, "transfer-encoding")
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// A response being read: its head, and the body so far (for endless streams).
pub(crate) struct Streaming {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    stream: TcpStream,
    body: Vec<u8>,
    /// How much of `body` [`Streaming::next_event`] has looked at.
    seen: usize,
}

impl Streaming {
    /// GETs `path` and reads only the response head.
    pub(crate) fn open(port: u16, path: &str) -> Streaming {
        let mut stream = send(port, &get_head(path, &format!("127.0.0.1:{port}")));
        let mut raw = Vec::new();
        let mut buf = [0u8; 1024];
        let split = loop {
            if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break split;
            }
            let n = stream
                .read(&mut buf)
                .unwrap_or_else(|e| panic!("read the head of {path}: {e}"));
            assert!(
                n > 0,
                "connection closed before the head of {path}: {raw:?}"
            );
            raw.extend_from_slice(&buf[..n]);
        };
        let (status, headers) = parse_head(&String::from_utf8_lossy(&raw[..split]));
        Streaming {
            status,
            headers,
            stream,
            body: raw[split + 4..].to_vec(),
            seen: 0,
        }
    }

    /// The first header called `name` (any case).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// Reads the event stream until the next whole event and returns its name and data
    /// (`event: reload` + `data: page` -> `("reload", "page")`); keep-alive comments are
    /// skipped (the read times out after [`PATIENCE`]).
    #[track_caller]
    pub(crate) fn next_message(&mut self) -> (String, String) {
        let mut buf = [0u8; 1024];
        loop {
            let unseen = String::from_utf8_lossy(&self.body[self.seen..]).into_owned();
            if let Some(at) = unseen.find("event: ")
                && let Some(end) = unseen[at..].find("\n\n")
            {
                let block = &unseen[at..at + end];
                let field = |name: &str| {
                    block
                        .lines()
                        .find_map(|l| l.strip_prefix(name))
                        .unwrap_or_default()
                        .to_owned()
                };
                let message = (field("event: "), field("data: "));
                self.seen += unseen[..at + end].len();
                return message;
            }
            let n = self
                .stream
                .read(&mut buf)
                .unwrap_or_else(|e| panic!("no event on the stream ({e}); got {unseen:?}"));
            assert!(n > 0, "the event stream ended: {unseen:?}");
            self.body.extend_from_slice(&buf[..n]);
        }
    }

    /// Reads the event stream until the next `event: <name>` line (the read times out after
    /// [`PATIENCE`]).
    #[track_caller]
    pub(crate) fn next_event(&mut self, name: &str) {
        let wanted = format!("event: {name}");
        let mut buf = [0u8; 1024];
        loop {
            let unseen = String::from_utf8_lossy(&self.body[self.seen..]).into_owned();
            if let Some(at) = unseen.find(&wanted) {
                self.seen += at + wanted.len();
                return;
            }
            let n = self.stream.read(&mut buf).unwrap_or_else(|e| {
                panic!("no `{wanted}` on the event stream ({e}); got {unseen:?}")
            });
            assert!(
                n > 0,
                "the event stream ended before `{wanted}`: {unseen:?}"
            );
            self.body.extend_from_slice(&buf[..n]);
        }
    }
}
