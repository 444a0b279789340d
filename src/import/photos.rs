//! Photos: WordPress attachments indexed by id and URL (the first pass over the export), each
//! image of a post resolved to its attachment's original file (never a resized `-300x200`
//! copy), found under `--uploads` and named for the story's bundle. Nothing is read from the
//! network, and no path outside the uploads folder is read (no `..`, no symbolic links).

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::wxr::Item;

/// What the import keeps of an attachment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attachment {
    pub url: String,
    /// The original file, relative to the uploads folder (`2019/07/desk.jpg`).
    pub file: String,
    pub alt: String,
    pub caption: String,
    pub title: String,
    /// The post it was uploaded to.
    pub parent: u64,
}

/// Every attachment of the export.
#[derive(Debug, Clone, Default)]
pub(crate) struct Attachments {
    by_id: BTreeMap<u64, Attachment>,
    /// Upload path (`2019/07/desk.jpg`) -> attachment id.
    by_file: BTreeMap<String, u64>,
}

impl Attachments {
    pub(crate) fn add(&mut self, item: &Item) {
        let Ok(id) = item.id.parse::<u64>() else {
            return;
        };
        let url = item.attachment_url.trim().to_owned();
        let file = item
            .meta("_wp_attached_file")
            .map(str::to_owned)
            .filter(|f| !f.trim().is_empty())
            .or_else(|| upload_path(&url))
            .unwrap_or_default();
        if !file.is_empty() {
            self.by_file.insert(file.clone(), id);
        }
        self.by_id.insert(
            id,
            Attachment {
                url,
                file,
                alt: item
                    .meta("_wp_attachment_image_alt")
                    .unwrap_or("")
                    .to_owned(),
                caption: item.excerpt.trim().to_owned(),
                title: item.title.trim().to_owned(),
                parent: item.parent.trim().parse().unwrap_or(0),
            },
        );
    }

    pub(crate) fn get(&self, id: u64) -> Option<&Attachment> {
        self.by_id.get(&id)
    }

    /// The attachments uploaded to a post, by id (WordPress's order for a gallery without ids).
    pub(crate) fn of_post(&self, post: u64) -> Vec<(u64, &Attachment)> {
        self.by_id
            .iter()
            .filter(|(_, a)| a.parent == post && is_image(&a.file))
            .map(|(id, a)| (*id, a))
            .collect()
    }

    /// The attachment an image URL shows, resized copies included.
    pub(crate) fn find_by_url(&self, url: &str) -> Option<u64> {
        let path = upload_path(url)?;
        self.by_file
            .get(&path)
            .or_else(|| self.by_file.get(&original_of(&path)))
            .copied()
    }
}

/// `2019/07/desk-300x200.jpg` of a URL under `wp-content/uploads/`.
fn upload_path(url: &str) -> Option<String> {
    let without_query = url.split(['?', '#']).next()?;
    let (_, rest) = without_query.split_once("/wp-content/uploads/")?;
    let decoded = percent_encoding::percent_decode_str(rest)
        .decode_utf8()
        .ok()?
        .into_owned();
    (!decoded.is_empty()).then_some(decoded)
}

/// `desk-300x200.jpg` -> `desk.jpg`, `desk-scaled.jpg` -> `desk.jpg`: WordPress's resized and
/// scaled copies named after their original.
pub(super) fn original_of(path: &str) -> String {
    let (stem, ext) = match path.rsplit_once('.') {
        Some((stem, ext)) if !ext.contains('/') => (stem, Some(ext)),
        _ => (path, None),
    };
    let mut stem = stem.strip_suffix("-scaled").unwrap_or(stem);
    if let Some((base, size)) = stem.rsplit_once('-')
        && let Some((w, h)) = size.split_once('x')
        && !w.is_empty()
        && !h.is_empty()
        && w.bytes().all(|b| b.is_ascii_digit())
        && h.bytes().all(|b| b.is_ascii_digit())
    {
        stem = base;
    }
    match ext {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem.to_owned(),
    }
}

fn is_image(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Where one image of a post comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Source {
    /// A file of the uploads folder, to copy into the bundle under `name`.
    File { path: PathBuf, name: String },
    /// No local file: the (original's) URL stays, and the report lists it.
    Missing { url: String, reason: String },
}

/// Finds the original file of an image: its attachment's, else the file its URL names with
/// any size suffix taken off.
pub(super) fn resolve(
    attachments: &Attachments,
    attachment: Option<u64>,
    url: &str,
    uploads: Option<&Path>,
) -> Source {
    let attachment = attachment.and_then(|id| attachments.get(id)).or_else(|| {
        attachments
            .find_by_url(url)
            .and_then(|id| attachments.get(id))
    });
    let relative = match attachment {
        Some(a) if !a.file.is_empty() => Some(a.file.clone()),
        _ => upload_path(url).map(|p| original_of(&p)),
    };
    let original_url = match attachment {
        Some(a) if !a.url.is_empty() => a.url.clone(),
        _ => url.to_owned(),
    };
    let Some(uploads) = uploads else {
        return Source::Missing {
            url: original_url,
            reason: "no --uploads folder given".into(),
        };
    };
    let Some(relative) = relative else {
        return Source::Missing {
            url: original_url,
            reason: "not a file of wp-content/uploads".into(),
        };
    };
    match safe_join(uploads, &relative) {
        Some(path) => Source::File {
            name: file_name(&relative),
            path,
        },
        None => Source::Missing {
            url: original_url,
            reason: format!("{relative} is not in the uploads folder"),
        },
    }
}

/// `uploads/relative` when it is a plain file inside `uploads`: no `..`, no absolute path, no
/// symbolic link on the way.
fn safe_join(uploads: &Path, relative: &str) -> Option<PathBuf> {
    let relative = Path::new(relative);
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut path = uploads.to_path_buf();
    for component in relative.components() {
        path.push(component);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if meta.file_type().is_symlink() {
            return None;
        }
    }
    std::fs::symlink_metadata(&path)
        .ok()
        .filter(|m| m.is_file())
        .map(|_| path)
}

/// A bundle file name from an upload path: its last segment, made safe.
fn file_name(relative: &str) -> String {
    let last = relative.rsplit('/').next().unwrap_or(relative);
    let (stem, ext) = last.rsplit_once('.').unwrap_or((last, ""));
    let stem = crate::slug::slugify(stem);
    let stem = if stem.is_empty() {
        "image".to_owned()
    } else {
        stem
    };
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if ext.is_empty() {
        stem
    } else {
        format!("{stem}.{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resized_copies_lead_to_their_original() {
        assert_eq!(original_of("2019/07/desk-300x200.jpg"), "2019/07/desk.jpg");
        assert_eq!(original_of("2019/07/desk-scaled.jpg"), "2019/07/desk.jpg");
        assert_eq!(original_of("2019/07/x-ray.jpg"), "2019/07/x-ray.jpg");
    }

    #[test]
    fn files_outside_the_uploads_folder_are_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let uploads = dir.path().join("uploads");
        std::fs::create_dir_all(uploads.join("2019")).expect("mkdir");
        std::fs::write(dir.path().join("secret.jpg"), b"x").expect("write");
        std::fs::write(uploads.join("2019/ok.jpg"), b"x").expect("write");
        assert!(safe_join(&uploads, "../secret.jpg").is_none());
        assert!(safe_join(&uploads, "/etc/passwd").is_none());
        assert!(safe_join(&uploads, "2019/ok.jpg").is_some());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.jpg"), uploads.join("2019/l.jpg"))
                .expect("symlink");
            assert!(safe_join(&uploads, "2019/l.jpg").is_none());
        }
    }

    #[test]
    fn urls_find_their_attachment() {
        let mut attachments = Attachments::default();
        let item = Item {
            id: "12".into(),
            attachment_url: "https://old.example/wp-content/uploads/2019/07/desk.jpg".into(),
            ..Item::default()
        };
        attachments.add(&item);
        assert_eq!(
            attachments
                .find_by_url("https://old.example/wp-content/uploads/2019/07/desk-300x200.jpg"),
            Some(12)
        );
        assert_eq!(file_name("2019/07/Caf\u{e9} Desk.JPG"), "cafe-desk.jpg");
    }
}
