//! `rave serve`: a development server over an incremental [`Session`]. Serves the last good
//! build from memory (it never writes or deletes the output folder), rebuilds on every change,
//! and reloads open pages over server-sent events. A failed rebuild keeps the last good site
//! served and shows its errors in an overlay on every page until the files are fixed.
//!
//! Requests are answered only from the snapshot's own paths: a request path is decoded, checked
//! segment by segment, and looked up in a map; it never reaches the file system, so `..`,
//! `%2e%2e`, encoded slashes and absolute paths cannot leave the site. Requests that name the
//! server by another host than its own get 403 ([`hosts`]).

mod hosts;

use std::collections::{BTreeSet, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use anyhow::{Context as _, Result};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, Request, Response, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio::sync::broadcast;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

use crate::diagnostics::Diagnostics;
use crate::rebuild::{ChangeSource, Rebuilt, WarningReport, rebuild_loop};
use crate::render::FirstPages;
use crate::render::escape::escape_html;
use crate::session::{Session, Snapshot};

pub use hosts::{AllowedHosts, parse_allowed_host};

/// The path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__rave/events";

/// What `rave serve` serves and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub interface: IpAddr,
    /// First port to try; the next free ones are tried when it is taken.
    pub port: u16,
    pub poll: bool,
    pub open: bool,
    /// Host names answered to besides the loopback ones and the bound address (`--allow-host`).
    pub allowed_hosts: Vec<String>,
}

/// A message to open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// A rebuild rendered the pages at these output paths ahead of the rest: those pages reload
    /// (`data: page`).
    PagesFirst(Arc<BTreeSet<String>>),
    /// A rebuild succeeded: every page reloads (`data: site`) but those at these output paths,
    /// which already show what it made.
    Reload { current: Arc<BTreeSet<String>> },
    /// A rebuild failed: reload to show the overlay.
    Failed,
}

/// Output path -> bytes.
type Files = HashMap<String, Arc<[u8]>>;

/// The state shared by the server and the rebuild loop.
#[derive(Debug)]
pub struct ServeState {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Pages of the rebuild under way, rendered ahead of the rest: served over the snapshot
    /// until the rebuild ends.
    ahead: RwLock<Arc<Files>>,
    /// Rendered diagnostics of the last failed rebuild; `None` when the last build succeeded.
    errors: RwLock<Option<String>>,
    events: broadcast::Sender<LiveEvent>,
    /// The output paths of the pages open on the event stream, with how many streams show each.
    open: Mutex<HashMap<String, usize>>,
    /// `/` or `/blog/`: the site is served under its base URL's path.
    root_path: String,
    hosts: AllowedHosts,
}

fn read<T: Clone>(lock: &RwLock<T>) -> T {
    lock.read().unwrap_or_else(|e| e.into_inner()).clone()
}

fn write<T>(lock: &RwLock<T>, value: T) {
    *lock.write().unwrap_or_else(|e| e.into_inner()) = value;
}

impl ServeState {
    pub fn new(snapshot: Snapshot, root_path: String, hosts: AllowedHosts) -> Arc<ServeState> {
        let (events, _) = broadcast::channel(16);
        Arc::new(ServeState {
            snapshot: RwLock::new(Arc::new(snapshot)),
            ahead: RwLock::default(),
            errors: RwLock::new(None),
            events,
            open: Mutex::default(),
            root_path,
            hosts,
        })
    }

    /// Publishes a successful rebuild. Pages already shown ahead with the same bytes are not
    /// reloaded again.
    pub fn publish(&self, snapshot: Snapshot) {
        let ahead = read(&self.ahead);
        let current: BTreeSet<String> = ahead
            .iter()
            .filter(|(path, bytes)| snapshot.output.pages.get(*path) == Some(*bytes))
            .map(|(path, _)| path.clone())
            .collect();
        write(&self.snapshot, Arc::new(snapshot));
        write(&self.ahead, Arc::default());
        write(&self.errors, None);
        let _ = self.events.send(LiveEvent::Reload {
            current: Arc::new(current),
        });
    }

    /// Publishes a failed rebuild: the last good snapshot stays.
    pub fn fail(&self, diagnostics: &Diagnostics) {
        write(&self.ahead, Arc::default());
        write(&self.errors, Some(diagnostics.render()));
        let _ = self.events.send(LiveEvent::Failed);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.events.subscribe()
    }

    /// Counts a stream showing `path` until the returned guard is dropped.
    fn open_page(self: &Arc<Self>, path: Option<String>) -> OpenPage {
        if let Some(path) = &path {
            let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
            *open.entry(path.clone()).or_default() += 1;
        }
        OpenPage {
            state: Arc::clone(self),
            path,
        }
    }
}

impl FirstPages for ServeState {
    fn open_pages(&self) -> Vec<String> {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let mut paths: Vec<String> = open.keys().cloned().collect();
        paths.sort();
        paths
    }

    fn rendered_first(&self, files: Vec<(String, Arc<[u8]>)>) {
        let paths: BTreeSet<String> = files.iter().map(|(path, _)| path.clone()).collect();
        write(&self.ahead, Arc::new(files.into_iter().collect()));
        let _ = self.events.send(LiveEvent::PagesFirst(Arc::new(paths)));
    }
}

/// One event stream's page, counted as open while the stream lasts.
#[derive(Debug)]
struct OpenPage {
    state: Arc<ServeState>,
    path: Option<String>,
}

impl OpenPage {
    /// What `event` says to this stream's page: the event's name and data, or nothing.
    fn message(&self, event: &LiveEvent) -> Option<(&'static str, &'static str)> {
        let shows =
            |paths: &BTreeSet<String>| self.path.as_ref().is_some_and(|p| paths.contains(p));
        match event {
            LiveEvent::PagesFirst(paths) => shows(paths).then_some(("reload", "page")),
            LiveEvent::Reload { current } => (!shows(current)).then_some(("reload", "site")),
            LiveEvent::Failed => Some(("failed", "failed")),
        }
    }
}

impl Drop for OpenPage {
    fn drop(&mut self) {
        let Some(path) = &self.path else {
            return;
        };
        let mut open = self.state.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(path) {
            *count -= 1;
            if *count == 0 {
                open.remove(path);
            }
        }
    }
}

/// Decodes `%XX` escapes; `None` for malformed escapes or a result that is not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The output path a request path names, if it is a well-formed path inside the site:
/// `/blog/stories/x/` -> `stories/x/index.html`. Refuses dot segments, backslashes, NUL,
/// encoded slashes and anything outside `root_path`.
pub fn resolve_request_path(raw: &str, root_path: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_decode(raw)?;
    if decoded.contains(['\\', '\0']) || decoded.contains("//") {
        return None;
    }
    let inside = decoded.strip_prefix(root_path).or_else(|| {
        (decoded.len() + 1 == root_path.len() && root_path.starts_with(&decoded)).then_some("")
    })?;
    let segments: Vec<&str> = inside.split('/').collect();
    if segments
        .iter()
        .any(|s| *s == "." || *s == ".." || s.chars().any(char::is_control))
    {
        return None;
    }
    if inside.is_empty() || inside.ends_with('/') {
        Some(format!("{inside}index.html"))
    } else {
        Some(inside.to_owned())
    }
}

/// The content type of an output path, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

/// The script every served page gets: reload when the site is rebuilt. It names the page it
/// shows, so that a rebuild renders that page first.
fn live_script() -> String {
    format!(
        "<script>(function(){{var s=new EventSource(\"{EVENTS_PATH}?path=\"+encodeURIComponent(location.pathname));s.addEventListener(\"reload\",function(){{location.reload()}});s.addEventListener(\"failed\",function(){{location.reload()}});}})();</script>"
    )
}

/// The error overlay shown on every page while the last rebuild failed.
fn overlay(errors: &str) -> String {
    format!(
        "<div id=\"rave-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem\"><p style=\"font:bold 18px system-ui,sans-serif;margin:0 0 1rem;color:#ff8a80\">rave: the last rebuild failed; this page shows the last good build.</p><pre style=\"white-space:pre-wrap;margin:0\">{}</pre><p style=\"margin:1rem 0 0;color:#ccc\">Fix the files and save: this page reloads by itself.</p></div>",
        escape_html(errors)
    )
}

/// Adds the live-reload script (and the overlay while a rebuild is failing) before `</body>`.
fn inject(html: Vec<u8>, errors: Option<&str>) -> Vec<u8> {
    let mut extra = live_script();
    if let Some(errors) = errors {
        extra.push_str(&overlay(errors));
    }
    let text = String::from_utf8_lossy(&html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn respond(status: StatusCode, path: &str, bytes: Vec<u8>, head: bool) -> Response<Body> {
    let len = bytes.len();
    let mut response = Response::new(if head {
        Body::empty()
    } else {
        Body::from(bytes)
    });
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Answers one request from the current snapshot.
pub fn answer(state: &ServeState, method: &Method, raw_path: &str) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        let mut r = Response::new(Body::from("method not allowed\n"));
        *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let head = method == Method::HEAD;
    let snapshot = read(&state.snapshot);
    let ahead = read(&state.ahead);
    let errors = read(&state.errors);
    let page = |status: StatusCode, path: &str, bytes: Vec<u8>| {
        let bytes = if path.ends_with(".html") {
            inject(bytes, errors.as_deref())
        } else {
            bytes
        };
        respond(status, path, bytes, head)
    };
    // A site published in a sub-folder (`/blog/`) is served there; `/` leads to it.
    if raw_path == "/" && state.root_path != "/" {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::FOUND;
        if let Ok(location) = HeaderValue::from_str(&state.root_path) {
            r.headers_mut().insert(header::LOCATION, location);
        }
        return r;
    }
    if let Some(path) = resolve_request_path(raw_path, &state.root_path) {
        if let Some(bytes) = ahead
            .get(&path)
            .map(|bytes| bytes.to_vec())
            .or_else(|| snapshot.output.read(&path))
        {
            return page(StatusCode::OK, &path, bytes);
        }
        // `/stories/x` names the folder `/stories/x/`.
        let folder_index = format!("{path}/index.html");
        if !path.ends_with(".html") && snapshot.output.contains(&folder_index) {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
            if let Ok(location) = HeaderValue::from_str(&format!("{raw_path}/")) {
                r.headers_mut().insert(header::LOCATION, location);
            }
            return r;
        }
    }
    match snapshot.output.read("404.html") {
        Some(bytes) => page(StatusCode::NOT_FOUND, "404.html", bytes),
        None => respond(
            StatusCode::NOT_FOUND,
            "404.txt",
            b"not found\n".to_vec(),
            head,
        ),
    }
}

/// Refuses, with 403, a request that names the server by a host it does not answer to: the
/// `Host` header and, for a request in absolute form, the URI's authority are both checked.
fn refuse_foreign_host(state: &ServeState, request: &Request<Body>) -> Option<Response<Body>> {
    let header_host = request.headers().get(header::HOST).map(HeaderValue::to_str);
    let uri_host = request.uri().authority().map(|a| a.as_str());
    let named = header_host.is_some() || uri_host.is_some();
    let allowed = named
        && header_host.is_none_or(|h| h.is_ok_and(|h| state.hosts.allows(h)))
        && uri_host.is_none_or(|h| state.hosts.allows(h));
    if allowed {
        return None;
    }
    let mut r = Response::new(Body::from(
        "403 Forbidden: this preview answers only to its own address (127.0.0.1, localhost, [::1] or the address it listens on); to reach it by another name, start it with `rave serve --allow-host NAME`\n",
    ));
    *r.status_mut() = StatusCode::FORBIDDEN;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Some(r)
}

async fn guard_host(
    State(state): State<Arc<ServeState>>,
    request: Request<Body>,
    next: axum::middleware::Next,
) -> Response<Body> {
    match refuse_foreign_host(&state, &request) {
        Some(refusal) => refusal,
        None => next.run(request).await,
    }
}

async fn handle(State(state): State<Arc<ServeState>>, request: Request<Body>) -> Response<Body> {
    let path = request.uri().path().to_owned();
    answer(&state, request.method(), &path)
}

/// The page an event stream's `?path=` names, as an output path (the request path rules of
/// [`resolve_request_path`] apply; anything else names no page).
fn page_of_stream(query: Option<&str>, root_path: &str) -> Option<String> {
    let raw = query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("path="))?;
    if raw.len() > 2048 {
        return None;
    }
    resolve_request_path(&percent_decode(raw)?, root_path)
}

async fn events(
    State(state): State<Arc<ServeState>>,
    request: Request<Body>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, std::convert::Infallible>>> {
    let page = state.open_page(page_of_stream(request.uri().query(), &state.root_path));
    let stream = BroadcastStream::new(state.subscribe()).filter_map(move |event| {
        let (name, data) = page.message(&event.ok()?)?;
        Some(Ok(Event::default().event(name).data(data)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// The server's routes over `state`.
pub fn router(state: Arc<ServeState>) -> Router {
    Router::new()
        .route(EVENTS_PATH, axum::routing::get(events))
        .fallback(handle)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            guard_host,
        ))
        .with_state(state)
}

/// Binds `interface:port`, or the next free port (up to 20 tries), saying so when it moves.
pub async fn bind(interface: IpAddr, port: u16) -> Result<tokio::net::TcpListener> {
    let mut last_error = None;
    for offset in 0..20u16 {
        let Some(candidate) = port.checked_add(offset) else {
            break;
        };
        match tokio::net::TcpListener::bind(SocketAddr::new(interface, candidate)).await {
            Ok(listener) => {
                if offset > 0 {
                    crate::console::errln!("port {port} is taken; using {candidate} instead");
                }
                return Ok(listener);
            }
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.map_or_else(|| anyhow::anyhow!("no port to try"), anyhow::Error::from))
        .with_context(|| format!("cannot listen on {interface} from port {port}"))
}

/// Publishes every rebuild of `session` to `state` until `stop` is set. An error when the
/// watcher dies: the server must not go on serving a site that no longer follows the files.
fn publish_rebuilds(
    mut session: Session,
    mut changes: impl ChangeSource,
    state: &ServeState,
    stop: &AtomicBool,
    quiet: bool,
) -> Result<()> {
    let mut warnings = WarningReport::default();
    rebuild_loop(
        &mut session,
        &mut changes,
        stop,
        &mut warnings,
        |_, rebuilt| {
            match rebuilt {
                Rebuilt::Built { snapshot, changed } => {
                    if !quiet {
                        crate::console::errln!(
                            "rebuilt after {} change{} in {} ms{} ({} pages, {} reused){}",
                            changed,
                            if changed == 1 { "" } else { "s" },
                            snapshot.elapsed.as_millis(),
                            if snapshot.bodies_only {
                                ", story text only"
                            } else {
                                ""
                            },
                            snapshot.output.pages.len(),
                            snapshot.pages_reused,
                            snapshot
                                .shown_first
                                .as_ref()
                                .map_or_else(String::new, |first| {
                                    format!(
                                        "; open page{} shown first after {} ms",
                                        if first.paths.len() == 1 { "" } else { "s" },
                                        first.after.as_millis()
                                    )
                                })
                        );
                    }
                    state.publish(*snapshot);
                }
                Rebuilt::Failed(diagnostics) => {
                    crate::console::err!("{}", diagnostics.render());
                    crate::console::errln!("rebuild failed; still serving the last good build");
                    state.fail(&diagnostics);
                }
            }
            Ok(ControlFlow::<()>::Continue(()))
        },
    )?;
    Ok(())
}

/// The URL the site is reached at, for messages and for `base_url` while serving.
fn local_url(addr: SocketAddr, root_path: &str) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() => "127.0.0.1".to_owned(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{}{root_path}", addr.port())
}

/// The `root_path` of the site's configuration (`/` when it cannot be read: the first build
/// reports why).
fn root_path_of(root: &std::path::Path) -> String {
    let text = crate::links::read_real_file(&root.join(crate::load::CONFIG_FILE))
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    let mut ignored = Diagnostics::new();
    crate::config::parse_site_config(
        std::path::Path::new(crate::load::CONFIG_FILE),
        &text,
        None,
        &mut ignored,
    )
    .map_or_else(|| "/".to_owned(), |c| c.root_path)
}

/// Opens `url` in the desktop's browser, if there is one.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(program)
        .arg(url)
        .spawn()
        .is_err()
    {
        crate::console::errln!("could not open a browser; visit {url}");
    }
}

/// Runs `rave serve` until Ctrl-C.
pub fn run(
    mut options: crate::pipeline::BuildOptions,
    serve: ServeOptions,
    quiet: bool,
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let listener = runtime.block_on(bind(serve.interface, serve.port))?;
    let addr = listener.local_addr()?;
    let root_path = root_path_of(&options.root);
    let hosts = AllowedHosts::new(addr.ip(), &serve.allowed_hosts);
    let url = local_url(addr, &root_path);
    // Links, feeds and canonical URLs point at the preview while serving.
    options.base_url = Some(url.clone());
    let output = crate::pipeline::default_output(&options.root);
    let root = options.root.clone();
    let mut session = Session::new(options);

    let state = match session.build() {
        Ok((snapshot, diagnostics)) => {
            if !diagnostics.is_empty() {
                crate::console::err!("{}", diagnostics.render());
            }
            ServeState::new(snapshot, root_path.clone(), hosts)
        }
        Err(diagnostics) => {
            crate::console::err!("{}", diagnostics.render());
            crate::console::errln!("the site has errors; fix them and save to see it");
            let state = ServeState::new(Snapshot::default(), root_path.clone(), hosts);
            state.fail(&diagnostics);
            state
        }
    };
    session.render_open_pages_first(Arc::clone(&state) as Arc<dyn FirstPages + Send>);
    let watcher = crate::watch::SiteWatcher::new(&root, &output, serve.poll)?;
    if !addr.ip().is_loopback() {
        crate::console::errln!(
            "warning: listening on {}: anyone who can reach this machine can see the preview (drafts included with --drafts); use the default 127.0.0.1 to keep it private",
            addr.ip()
        );
    }
    crate::console::outln!("Serving {url} (Ctrl-C to stop)");
    if serve.open {
        open_browser(&url);
    }
    let interrupted = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    serve_until(
        runtime,
        listener,
        state,
        session,
        watcher,
        quiet,
        interrupted,
    )
}

/// Serves `state` from `listener` while a thread publishes the rebuilds of `session` on every
/// change, until `interrupted` completes (`Ok`) or the rebuilds end with an error (the watcher
/// died, which is returned: the server stops rather than serve a stale site).
fn serve_until(
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    state: Arc<ServeState>,
    session: Session,
    changes: impl ChangeSource + Send + 'static,
    quiet: bool,
    interrupted: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let (ended, rebuilds_ended) = tokio::sync::oneshot::channel::<()>();
    let rebuilds = {
        let (state, stop) = (Arc::clone(&state), Arc::clone(&stop));
        std::thread::spawn(move || {
            let result = publish_rebuilds(session, changes, &state, &stop, quiet);
            // Wakes the server; it is gone already when it was interrupted.
            let _ = ended.send(());
            result
        })
    };
    let served = runtime.block_on(async move {
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                tokio::select! {
                    () = interrupted => {}
                    _ = rebuilds_ended => {}
                }
            })
            .await
    });
    stop.store(true, Ordering::Relaxed);
    let rebuilt = rebuilds.join();
    // Shut down without waiting for open event streams to end by themselves.
    runtime.shutdown_timeout(Duration::from_millis(200));
    match rebuilt {
        Ok(result) => result.context("the preview stopped")?,
        Err(_) => anyhow::bail!("the preview stopped: its rebuild thread panicked"),
    }
    served.context("the server stopped")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read as _, Write as _};
    use std::path::PathBuf;
    use std::sync::mpsc;

    /// A watcher that reports no change until it is killed, then fails as a watcher whose
    /// thread ended does.
    struct KillableWatcher {
        killed: mpsc::Receiver<()>,
    }

    impl ChangeSource for KillableWatcher {
        fn next_change(&mut self, timeout: Duration) -> Result<Option<Vec<PathBuf>>> {
            match self.killed.recv_timeout(timeout) {
                Err(mpsc::RecvTimeoutError::Timeout) => Ok(None),
                _ => anyhow::bail!("the watch thread ended"),
            }
        }
    }

    fn get(addr: SocketAddr, path: &str) -> String {
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        response
    }

    #[test]
    fn a_killed_watcher_stops_the_server_with_an_error() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let listener = runtime
            .block_on(bind(IpAddr::from([127, 0, 0, 1]), 0))
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        let state = ServeState::new(
            Snapshot::default(),
            "/".to_owned(),
            AllowedHosts::new(addr.ip(), &[]),
        );
        let session = Session::new(crate::pipeline::BuildOptions::new("no-such-site"));
        let (kill, killed) = mpsc::channel();
        let (done, served) = mpsc::channel();
        std::thread::spawn(move || {
            let result = serve_until(
                runtime,
                listener,
                state,
                session,
                KillableWatcher { killed },
                true,
                std::future::pending(),
            );
            let _ = done.send(result);
        });
        assert!(
            get(addr, "/").starts_with("HTTP/1.1 "),
            "the server answers"
        );
        kill.send(()).expect("kill the watcher");
        let result = served
            .recv_timeout(Duration::from_secs(30))
            .expect("the server stops by itself when its watcher dies");
        let message = format!("{:#}", result.expect_err("a dead watcher is an error"));
        assert!(
            message.contains("the file watcher stopped")
                && message.contains("the watch thread ended"),
            "{message}"
        );
    }

    #[test]
    fn request_paths_stay_inside_the_site() {
        assert_eq!(
            resolve_request_path("/", "/").as_deref(),
            Some("index.html")
        );
        assert_eq!(
            resolve_request_path("/stories/a/", "/").as_deref(),
            Some("stories/a/index.html")
        );
        assert_eq!(
            resolve_request_path("/style.css", "/").as_deref(),
            Some("style.css")
        );
        assert_eq!(
            resolve_request_path("/caf%C3%A9.txt", "/").as_deref(),
            Some("café.txt")
        );
        assert_eq!(
            resolve_request_path("/blog/x/", "/blog/").as_deref(),
            Some("x/index.html")
        );
        assert_eq!(
            resolve_request_path("/blog", "/blog/").as_deref(),
            Some("index.html")
        );
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/a/..%2fsite.yaml",
            "/a%2f..%2f..%2fsite.yaml",
            "/..\\site.yaml",
            "//etc/passwd",
            "/a/./b",
            "/%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(resolve_request_path(bad, "/"), None, "{bad}");
        }
        assert_eq!(resolve_request_path("/other/", "/blog/"), None);
    }

    #[test]
    fn an_event_stream_names_its_page_like_a_request_path() {
        assert_eq!(
            page_of_stream(Some("path=%2Fstories%2Fa%2F"), "/").as_deref(),
            Some("stories/a/index.html")
        );
        assert_eq!(
            page_of_stream(Some("x=1&path=%2Fblog%2F"), "/blog/").as_deref(),
            Some("index.html")
        );
        for bad in [
            None,
            Some(""),
            Some("path=%2F..%2Fsite.yaml"),
            Some("path=%2F%252e%252e%2Fsite.yaml"),
            Some("path=%2Fother%2F"),
            Some("path=%zz"),
        ] {
            assert_eq!(page_of_stream(bad, "/blog/"), None, "{bad:?}");
        }
    }

    #[test]
    fn injects_script_and_overlay_before_body_end() {
        let html = b"<html><body><p>x</p></body></html>".to_vec();
        let out = String::from_utf8(inject(html, Some("a.md:1:1: error: <bad>"))).expect("utf8");
        assert!(out.contains(EVENTS_PATH));
        assert!(out.contains("a.md:1:1: error: &lt;bad&gt;"));
        assert!(out.ends_with("</body></html>"));
    }

    #[test]
    fn a_sub_folder_site_is_reached_from_the_root() {
        let state = ServeState::new(
            Snapshot::default(),
            "/blog/".into(),
            AllowedHosts::new(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), &[]),
        );
        let r = answer(&state, &Method::GET, "/");
        assert_eq!(r.status(), StatusCode::FOUND);
        assert_eq!(
            r.headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok()),
            Some("/blog/")
        );
        assert_eq!(
            answer(&state, &Method::GET, "/elsewhere").status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            answer(&state, &Method::POST, "/blog/").status(),
            StatusCode::METHOD_NOT_ALLOWED
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
