//! Threaded comments: `id` and `reply_to`, shown nested with `#comment-<id>` anchors, and the
//! errors a broken thread gives.

use crate::util::{Site, errors_of};

const STORY: &str = "title: Refund at last\ndate: 2023-03-01";

#[test]
fn replies_are_shown_under_their_parent_with_anchors() {
    let site = Site::new();
    site.story("refund.md", STORY, "The story.").file(
        "content/stories/refund.comments.yaml",
        "- id: 7\n  author: Ana\n  date: 2023-03-02\n  body: First thought.\n\
         - id: 9\n  author: Ben\n  date: 2023-03-03\n  body: A later top comment.\n\
         - id: 8\n  reply_to: 7\n  author: Cy\n  date: 2023-03-04\n  body: Answering Ana.\n",
    );
    site.build(&[]).success();
    let page = site.page("stories/refund/index.html");
    let ana = page.find("id=\"comment-7\"").expect("Ana's comment");
    let cy = page.find("id=\"comment-8\"").expect("Cy's reply");
    let ben = page.find("id=\"comment-9\"").expect("Ben's comment");
    assert!(
        ana < cy && cy < ben,
        "the reply follows its parent, before the next thread"
    );
    let reply = &page[cy..cy + page[cy..].find("</li>").expect("end of the reply")];
    assert!(
        page.contains("<li class=\"comment reply indent-1\" id=\"comment-8\">"),
        "{reply}"
    );
    assert!(reply.contains("href=\"#comment-7\""), "{reply}");
    assert!(reply.contains("in reply to Ana"), "{reply}");
}

#[test]
fn a_reply_to_no_comment_and_a_repeated_id_are_errors_with_their_place() {
    let site = Site::new();
    site.story(
        "refund.md",
        &format!(
            "{STORY}\ncomments:\n  - id: 1\n    author: Ana\n    date: 2023-03-02\n    body: Hi.\n  \
             - id: 1\n    author: Ben\n    date: 2023-03-03\n    body: Me too.\n  \
             - reply_to: 5\n    author: Cy\n    date: 2023-03-04\n    body: Who?\n  \
             - id: \"a b\"\n    author: Di\n    date: 2023-03-05\n    body: Odd id.\n"
        ),
        "The story.",
    );
    let errors = errors_of(&site);
    let text: Vec<String> = errors.iter().map(|d| d.render()).collect();
    let all = text.join("\n");
    assert!(all.contains("comment id `1` is used twice"), "{all}");
    let missing = errors
        .iter()
        .find(|d| d.message.contains("`reply_to: 5` names no comment"))
        .unwrap_or_else(|| panic!("{all}"));
    assert_eq!(missing.path.to_string_lossy(), "content/stories/refund.md");
    let at = missing.position.expect("a position");
    assert_eq!((at.line, at.column), (13, 15), "{all}");
    assert!(all.contains("`id` must be letters, digits"), "{all}");
}
