//! Caches that let a session re-render only what changed: Markdown by content, pages by the
//! fingerprint of their whole context (`fingerprint.rs`). A cached result is exactly what rendering again would give, because
//! the key covers every input (the page context, the site-wide values and the templates).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::markdown::Rendered;
use crate::load::StoryInput;

/// A 64-bit hash of some bytes (XXH3: several times faster than the standard library's SipHash
/// on the long texts keyed here, and these keys index a cache, not a table an attacker fills).
/// Each part is hashed with its length, so `["ab", "c"]` and `["a", "bc"]` differ.
pub fn hash_bytes(parts: &[&[u8]]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.digest()
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Rendered Markdown by the hash of its text and of everything its rendering depends on.
#[derive(Debug, Default)]
pub struct MarkdownCache {
    entries: Mutex<HashMap<u64, Arc<Rendered>>>,
    /// Keys used by the current build; others are dropped by [`MarkdownCache::sweep`].
    used: Mutex<Vec<u64>>,
    /// The Markdown of each story of the last build, by the address of its shared parse.
    kept: Mutex<KeptStories>,
}

/// Stories' Markdown by the address of their shared parse (`Arc<StoryInput>`): a story whose
/// parse is the same allocation as in the last build (its file was not read again) keeps its
/// HTML without its text being hashed. Each entry holds its parse, so that no other parse can
/// take its address while it is kept.
pub type KeptStories = HashMap<usize, KeptStory>;

/// A story's Markdown as the last build rendered it.
#[derive(Debug, Clone)]
pub struct KeptStory {
    pub input: Arc<StoryInput>,
    /// The hash of the site-wide values its rendering depended on.
    pub context: u64,
    pub body: Arc<Rendered>,
    pub comments: Arc<Vec<Rendered>>,
    /// True when the body links to other documents of the site: its HTML then depends on
    /// them, and is not kept.
    pub links_elsewhere: bool,
}

/// The key of a story's parse in [`KeptStories`].
pub fn kept_key(input: &Arc<StoryInput>) -> usize {
    Arc::as_ptr(input) as usize
}

impl MarkdownCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The cached rendering for `key`, or the result of `render` (then cached).
    pub fn get_or_render(&self, key: u64, render: impl FnOnce() -> Rendered) -> Arc<Rendered> {
        lock(&self.used).push(key);
        if let Some(hit) = lock(&self.entries).get(&key) {
            return Arc::clone(hit);
        }
        let rendered = Arc::new(render());
        lock(&self.entries).insert(key, Arc::clone(&rendered));
        rendered
    }

    /// The stories' Markdown kept by the last build (the cache is left without them).
    pub fn take_kept(&self) -> KeptStories {
        std::mem::take(&mut *lock(&self.kept))
    }

    /// Keeps `stories` for the next build, in place of what was kept.
    pub fn keep(&self, stories: KeptStories) {
        *lock(&self.kept) = stories;
    }

    /// Forgets entries the last build did not use, so the cache does not grow without bound.
    pub fn sweep(&self) {
        let used: std::collections::HashSet<u64> =
            std::mem::take(&mut *lock(&self.used)).into_iter().collect();
        lock(&self.entries).retain(|k, _| used.contains(k));
    }
}

/// A rendered page and the hash of the context it was rendered from.
type CachedPage = (u64, Arc<[u8]>);

/// Rendered pages by output path, each with the hash of the context it was rendered from.
#[derive(Debug, Default)]
pub struct PageCache {
    /// Hash of the templates and site-wide values the pages were rendered with.
    generation: Mutex<u64>,
    pages: Mutex<HashMap<String, CachedPage>>,
    hits: std::sync::atomic::AtomicUsize,
}

impl PageCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a render with templates and site values hashing to `generation`: a different
    /// generation empties the cache.
    pub fn begin(&self, generation: u64) {
        let mut current = lock(&self.generation);
        if *current != generation {
            *current = generation;
            lock(&self.pages).clear();
        }
        self.hits.store(0, std::sync::atomic::Ordering::Relaxed);
    }

    pub fn get(&self, path: &str, key: u64) -> Option<Arc<[u8]>> {
        let hit = lock(&self.pages)
            .get(path)
            .filter(|(k, _)| *k == key)
            .map(|(_, b)| Arc::clone(b));
        if hit.is_some() {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        hit
    }

    pub fn put(&self, path: &str, key: u64, bytes: Arc<[u8]>) {
        lock(&self.pages).insert(path.to_owned(), (key, bytes));
    }

    /// Pages taken from the cache since [`PageCache::begin`].
    pub fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// The caches of one session.
#[derive(Debug, Default)]
pub struct RenderCaches {
    pub markdown: MarkdownCache,
    pub pages: PageCache,
}
