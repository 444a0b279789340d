//! Comment threads: a comment may carry an `id`, and a reply names its parent's `id` in
//! `reply_to`. Ids are checked per comment (anchor-safe text), and a story's comments together
//! (front matter and `.comments.yaml` alike): ids unique, every `reply_to` naming a comment of
//! the story, and no reply chain going round in a circle.

use std::collections::BTreeMap;

use super::CommentInput;
use super::frontmatter_types::Scalar;
use crate::diagnostics::{Diagnostic, Position};
use crate::yaml::{Spanned, YamlSource};

/// The longest comment id accepted (WordPress ids are numbers; this is room to spare).
const MAX_ID_LEN: usize = 64;

/// A comment id as written, if it is one: letters, digits, `-` and `_`, since it becomes the
/// anchor `#comment-<id>`.
pub(super) fn comment_id(
    source: &YamlSource<'_>,
    value: Option<&Spanned<Scalar>>,
    key: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<(String, Position)> {
    let value = value?;
    let text = value.value.text.trim();
    let ok = !text.is_empty()
        && text.len() <= MAX_ID_LEN
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        out.push(
            source
                .error_at(
                    &value.referenced,
                    format!("`{key}` must be letters, digits, `-` or `_` (at most {MAX_ID_LEN})"),
                )
                .with_help("use the comment's number, e.g. `id: 42` and `reply_to: 42`"),
        );
        return None;
    }
    Some((text.to_owned(), source.position(&value.referenced)))
}

/// Checks the threads of one story's comments.
pub(super) fn check_threads(comments: &[CommentInput], out: &mut Vec<Diagnostic>) {
    let mut ids: BTreeMap<&str, &CommentInput> = BTreeMap::new();
    for comment in comments {
        let Some(id) = comment.id.as_deref() else {
            continue;
        };
        if let Some(first) = ids.get(id) {
            out.push(
                Diagnostic::error(&comment.body_file, format!("comment id `{id}` is used twice"))
                    .at(comment.id_position)
                    .with_help(format!(
                        "the other comment with this id is in {} at line {}; give each comment its own id",
                        first.body_file.display(),
                        first.id_position.line
                    )),
            );
        } else {
            ids.insert(id, comment);
        }
    }
    for comment in comments {
        let Some(parent) = comment.reply_to.as_deref() else {
            continue;
        };
        if !ids.contains_key(parent) {
            let known: Vec<&str> = ids.keys().copied().collect();
            out.push(
                Diagnostic::error(
                    &comment.body_file,
                    format!("`reply_to: {parent}` names no comment of this story"),
                )
                .at(comment.reply_to_position)
                .with_help(if known.is_empty() {
                    "give the comment replied to an `id:` with this value".to_owned()
                } else {
                    format!("comment ids of this story: {}", known.join(", "))
                }),
            );
            continue;
        }
        // Follow the chain up: it must reach a comment that replies to nothing.
        let mut current = parent;
        let mut steps = 0;
        while let Some(next) = ids.get(current).and_then(|c| c.reply_to.as_deref()) {
            steps += 1;
            if steps > ids.len() {
                out.push(
                    Diagnostic::error(
                        &comment.body_file,
                        format!("`reply_to: {parent}` makes a circle of replies"),
                    )
                    .at(comment.reply_to_position)
                    .with_help("a thread starts with a comment without `reply_to`"),
                );
                break;
            }
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PostDate;
    use std::path::PathBuf;

    fn comment(line: usize, id: Option<&str>, reply_to: Option<&str>) -> CommentInput {
        CommentInput {
            author: "Reader".to_owned(),
            date: PostDate::parse("2024-01-01").expect("a date"),
            body: "Hello.".to_owned(),
            body_file: PathBuf::from("content/stories/a.comments.yaml"),
            body_position: Position::new(line, 7),
            url: None,
            id: id.map(str::to_owned),
            id_position: Position::new(line, 5),
            reply_to: reply_to.map(str::to_owned),
            reply_to_position: Position::new(line + 1, 11),
        }
    }

    fn messages(comments: &[CommentInput]) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        check_threads(comments, &mut out);
        assert!(out.iter().all(Diagnostic::is_error));
        out.iter()
            .map(|d| (d.position.map_or(0, |p| p.line), d.message.clone()))
            .collect()
    }

    #[test]
    fn a_thread_of_replies_to_known_comments_is_fine() {
        let thread = [
            comment(1, Some("1"), None),
            comment(5, Some("2"), Some("1")),
            comment(9, None, Some("2")),
        ];
        assert_eq!(messages(&thread), []);
    }

    #[test]
    fn ids_are_unique_and_replies_name_a_comment_of_the_story() {
        let comments = [
            comment(1, Some("1"), None),
            comment(5, Some("1"), None),
            comment(9, None, Some("7")),
        ];
        assert_eq!(
            messages(&comments),
            [
                (5, "comment id `1` is used twice".to_owned()),
                (
                    10,
                    "`reply_to: 7` names no comment of this story".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn replies_never_go_round_in_a_circle() {
        let circle = [
            comment(1, Some("1"), Some("2")),
            comment(5, Some("2"), Some("1")),
        ];
        assert_eq!(
            messages(&circle),
            [
                (2, "`reply_to: 2` makes a circle of replies".to_owned()),
                (6, "`reply_to: 1` makes a circle of replies".to_owned()),
            ]
        );
    }
}
