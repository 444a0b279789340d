//! The order and nesting of a story's comments: each thread starts with a comment that replies
//! to nothing (oldest first), and each reply follows its parent, its own replies after it.
//! Load has checked that every `reply_to` names a comment and that no chain is a circle.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::CommentInput;

/// Nesting shown as indentation stops here, so deep threads stay readable on a phone; deeper
/// replies say whom they answer instead.
pub(super) const MAX_INDENT: usize = 3;

/// One comment's place: its index in the story's list, how deep it is in its thread, and its
/// anchor id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placed {
    pub index: usize,
    pub depth: usize,
    pub anchor: String,
    /// Index of the comment replied to.
    pub parent: Option<usize>,
}

/// The comments of a story (sorted by date) in thread order.
pub(super) fn thread_order(comments: &[CommentInput]) -> Vec<Placed> {
    let by_id: BTreeMap<&str, usize> = comments
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.id.as_deref().map(|id| (id, i)))
        .collect();
    let parent_of = |i: usize| {
        comments[i]
            .reply_to
            .as_deref()
            .and_then(|p| by_id.get(p).copied())
            .filter(|&p| p != i)
    };
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); comments.len()];
    let mut roots = Vec::new();
    for i in 0..comments.len() {
        match parent_of(i) {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let anchors = anchors(comments);
    let mut placed = Vec::with_capacity(comments.len());
    let mut seen = BTreeSet::new();
    let mut stack: Vec<(usize, usize)> = roots.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        placed.push(Placed {
            index: i,
            depth,
            anchor: anchors[i].clone(),
            parent: parent_of(i),
        });
        stack.extend(children[i].iter().rev().map(|&c| (c, depth + 1)));
    }
    // A circle (refused by load) would leave comments unplaced: never lose one.
    for (i, anchor) in anchors.iter().enumerate() {
        if !seen.contains(&i) {
            placed.push(Placed {
                index: i,
                depth: 0,
                anchor: anchor.clone(),
                parent: None,
            });
        }
    }
    placed
}

/// `comment-<id>` for comments with an id, else `comment-<n>` (1-based), made unique.
fn anchors(comments: &[CommentInput]) -> Vec<String> {
    let explicit: BTreeSet<String> = comments
        .iter()
        .filter_map(|c| c.id.as_deref().map(|id| format!("comment-{id}")))
        .collect();
    comments
        .iter()
        .enumerate()
        .map(|(i, c)| match c.id.as_deref() {
            Some(id) => format!("comment-{id}"),
            None => {
                let plain = format!("comment-{}", i + 1);
                if explicit.contains(&plain) {
                    format!("comment-n{}", i + 1)
                } else {
                    plain
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PostDate;
    use crate::diagnostics::Position;

    fn comment(id: Option<&str>, reply_to: Option<&str>) -> CommentInput {
        CommentInput {
            author: "A".into(),
            date: PostDate::parse("2024-01-01").expect("date"),
            body: String::new(),
            body_file: "x.md".into(),
            body_position: Position::START,
            url: None,
            id: id.map(str::to_owned),
            id_position: Position::START,
            reply_to: reply_to.map(str::to_owned),
            reply_to_position: Position::START,
        }
    }

    #[test]
    fn replies_follow_their_parent_depth_first() {
        let comments = vec![
            comment(Some("1"), None),
            comment(Some("2"), None),
            comment(Some("3"), Some("1")),
            comment(Some("4"), Some("3")),
            comment(None, Some("2")),
            comment(Some("6"), Some("1")),
        ];
        let order: Vec<(usize, usize)> = thread_order(&comments)
            .iter()
            .map(|p| (p.index, p.depth))
            .collect();
        assert_eq!(order, vec![(0, 0), (2, 1), (3, 2), (5, 1), (1, 0), (4, 1)]);
    }

    #[test]
    fn anchors_are_unique() {
        let comments = vec![comment(None, None), comment(Some("1"), None)];
        let anchors: Vec<String> = thread_order(&comments)
            .into_iter()
            .map(|p| p.anchor)
            .collect();
        assert_eq!(anchors, vec!["comment-n1", "comment-1"]);
    }

    #[test]
    fn a_circle_loses_no_comment() {
        let comments = vec![comment(Some("a"), Some("b")), comment(Some("b"), Some("a"))];
        assert_eq!(thread_order(&comments).len(), 2);
    }
}
