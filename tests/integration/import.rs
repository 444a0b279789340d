//! `rave import wordpress`: exports written here, item by item, holding every case the importer
//! must get right, imported with the real binary and then built.

use std::fmt::Write as _;
use std::path::Path;

use crate::util::{Site, rave, snapshot};

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Counter Tales</title>
	<link>https://tales.example</link>
	<description>Service stories</description>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://tales.example</wp:base_site_url>
	<wp:base_blog_url>https://tales.example</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[mira_w]]></wp:author_login><wp:author_email><![CDATA[mira.private@mail.example]]></wp:author_email><wp:author_display_name><![CDATA[Mira Welsh]]></wp:author_display_name></wp:author>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[tomasz]]></wp:author_login><wp:author_email><![CDATA[tomasz@mail.example]]></wp:author_email><wp:author_display_name><![CDATA[Tomasz Brill]]></wp:author_display_name></wp:author>
	<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[telecom]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Telecom]]></wp:cat_name></wp:category>
	<wp:tag><wp:term_id>4</wp:term_id><wp:tag_slug><![CDATA[refunds]]></wp:tag_slug><wp:tag_name><![CDATA[Refunds]]></wp:tag_name></wp:tag>
"#;

const TAIL: &str = "</channel>\n</rss>\n";

/// One `<item>` of an export.
#[derive(Clone, Default)]
struct Item {
    id: u64,
    title: &'static str,
    link: String,
    creator: &'static str,
    content: String,
    excerpt: &'static str,
    date: &'static str,
    date_gmt: &'static str,
    name: &'static str,
    status: &'static str,
    kind: &'static str,
    password: &'static str,
    parent: u64,
    attachment_url: &'static str,
    terms: Vec<(&'static str, &'static str, &'static str)>,
    meta: Vec<(&'static str, &'static str)>,
    comments: Vec<Comment>,
}

#[derive(Clone, Default)]
struct Comment {
    id: u64,
    author: &'static str,
    url: &'static str,
    content: String,
    approved: &'static str,
    kind: &'static str,
    parent: u64,
    date: &'static str,
}

impl Item {
    fn post(id: u64, title: &'static str, name: &'static str, content: &str) -> Item {
        Item {
            id,
            title,
            link: format!("https://tales.example/2019/07/{name}/"),
            creator: "mira_w",
            content: content.to_owned(),
            date: "2019-07-03 16:05:00",
            date_gmt: "2019-07-03 14:05:00",
            name,
            status: "publish",
            kind: "post",
            ..Item::default()
        }
    }

    fn xml(&self) -> String {
        let mut x = String::new();
        let _ = write!(
            x,
            "\t<item>\n\t\t<title>{}</title>\n\t\t<link>{}</link>\n\t\t<pubDate>Wed, 03 Jul 2019 14:05:00 +0000</pubDate>\n\t\t<dc:creator><![CDATA[{}]]></dc:creator>\n\t\t<guid isPermaLink=\"false\">https://tales.example/?p={}</guid>\n\t\t<description></description>\n\t\t<content:encoded><![CDATA[{}]]></content:encoded>\n\t\t<excerpt:encoded><![CDATA[{}]]></excerpt:encoded>\n\t\t<wp:post_id>{}</wp:post_id>\n\t\t<wp:post_date><![CDATA[{}]]></wp:post_date>\n\t\t<wp:post_date_gmt><![CDATA[{}]]></wp:post_date_gmt>\n\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n\t\t<wp:post_name><![CDATA[{}]]></wp:post_name>\n\t\t<wp:status><![CDATA[{}]]></wp:status>\n\t\t<wp:post_parent>{}</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n\t\t<wp:post_type><![CDATA[{}]]></wp:post_type>\n\t\t<wp:post_password><![CDATA[{}]]></wp:post_password>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n",
            escape(self.title),
            self.link,
            self.creator,
            self.id,
            cdata(&self.content),
            self.excerpt,
            self.id,
            self.date,
            self.date_gmt,
            self.name,
            self.status,
            self.parent,
            self.kind,
            self.password,
        );
        if !self.attachment_url.is_empty() {
            let _ = writeln!(
                x,
                "\t\t<wp:attachment_url><![CDATA[{}]]></wp:attachment_url>",
                self.attachment_url
            );
        }
        for (domain, nicename, name) in &self.terms {
            let _ = writeln!(
                x,
                "\t\t<category domain=\"{domain}\" nicename=\"{nicename}\"><![CDATA[{name}]]></category>"
            );
        }
        for (key, value) in &self.meta {
            let _ = writeln!(
                x,
                "\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[{key}]]></wp:meta_key>\n\t\t\t<wp:meta_value><![CDATA[{value}]]></wp:meta_value>\n\t\t</wp:postmeta>"
            );
        }
        for c in &self.comments {
            let _ = write!(
                x,
                "\t\t<wp:comment>\n\t\t\t<wp:comment_id>{}</wp:comment_id>\n\t\t\t<wp:comment_author><![CDATA[{}]]></wp:comment_author>\n\t\t\t<wp:comment_author_email><![CDATA[reader{}@mail.example]]></wp:comment_author_email>\n\t\t\t<wp:comment_author_url>{}</wp:comment_author_url>\n\t\t\t<wp:comment_author_IP><![CDATA[203.0.113.{}]]></wp:comment_author_IP>\n\t\t\t<wp:comment_date><![CDATA[{}]]></wp:comment_date>\n\t\t\t<wp:comment_date_gmt><![CDATA[{}]]></wp:comment_date_gmt>\n\t\t\t<wp:comment_content><![CDATA[{}]]></wp:comment_content>\n\t\t\t<wp:comment_approved><![CDATA[{}]]></wp:comment_approved>\n\t\t\t<wp:comment_type><![CDATA[{}]]></wp:comment_type>\n\t\t\t<wp:comment_parent>{}</wp:comment_parent>\n\t\t\t<wp:comment_user_id>0</wp:comment_user_id>\n\t\t</wp:comment>\n",
                c.id,
                c.author,
                c.id,
                c.url,
                c.id,
                c.date,
                c.date,
                cdata(&c.content),
                c.approved,
                c.kind,
                c.parent,
            );
        }
        x.push_str("\t</item>\n");
        x
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// Text inside CDATA, split where it holds `]]>` (as WordPress writes it).
fn cdata(text: &str) -> String {
    text.replace("]]>", "]]]]><![CDATA[>")
}

fn comment(id: u64, parent: u64, text: &str) -> Comment {
    Comment {
        id,
        author: "Reader",
        url: "https://reader.example/",
        content: text.to_owned(),
        approved: "1",
        kind: "comment",
        parent,
        date: "2019-07-04 10:00:00",
    }
}

/// The classic-editor post: four paragraphs without `<p>`, a grade in the title, a thread five
/// replies deep and every kind of comment that must be dropped.
fn classic_post() -> Item {
    let mut post = Item::post(
        10,
        "Linefast Cable gets an F",
        "linefast-cable-gets-an-f",
        "I called Linefast on a Monday.\r\nThe hold music never stopped.\r\n\r\nOn Tuesday I went to the shop in person.\n\nThe clerk said the system was down &amp; sent me home.\n\n\n\nBy Friday I had cancelled <em>everything</em>.",
    );
    post.terms = vec![
        ("category", "telecom", "Telecom"),
        ("post_tag", "refunds", "Refunds"),
        ("post_tag", "phone-support", "Phone support"),
    ];
    let mut comments = vec![comment(100, 0, "Root comment about the hold music.")];
    for depth in 1..=5 {
        comments.push(comment(
            100 + depth,
            100 + depth - 1,
            &format!("Reply at depth {depth} in the thread."),
        ));
    }
    comments.push(comment(
        120,
        0,
        "Nice try <script>alert('x')</script> with a script tag.",
    ));
    comments.push(Comment {
        kind: "pingback",
        ..comment(121, 0, "Pingback text from another blog.")
    });
    comments.push(Comment {
        approved: "0",
        ..comment(122, 0, "Unapproved text waiting for moderation.")
    });
    comments.push(comment(
        124,
        122,
        "Approved reply to a comment still waiting for moderation.",
    ));
    comments.push(Comment {
        approved: "spam",
        ..comment(123, 0, "Spam text selling watches.")
    });
    post.comments = comments;
    post
}

fn attachment(id: u64, parent: u64, file: &'static str, alt: &'static str) -> Item {
    Item {
        id,
        title: "photo",
        kind: "attachment",
        status: "inherit",
        parent,
        attachment_url: file,
        meta: vec![
            (
                "_wp_attached_file",
                &file["https://tales.example/wp-content/uploads/".len()..],
            ),
            ("_wp_attachment_image_alt", alt),
        ],
        date: "2019-07-01 10:00:00",
        date_gmt: "2019-07-01 08:00:00",
        ..Item::default()
    }
}

/// An export holding every case of the issue.
fn full_export() -> String {
    let mut items = vec![classic_post()];
    items.push(Item {
        link: "https://tales.example/?p=11".into(),
        ..Item::post(
            11,
            "Grade: B- for a slow but honest bank",
            "honest-bank",
            "<!-- wp:paragraph -->\n<p>The branch was slow.</p>\n<!-- /wp:paragraph -->\n\n<!--more-->\n\n<!-- wp:paragraph -->\n<p>But they fixed it.</p>\n<!-- /wp:paragraph -->",
        )
    });
    let mut photo_post = Item::post(
        12,
        "Parcel Pronto earns an A+",
        "parcel-pronto-earns-an-a",
        "Look at this desk.\n\n[caption id=\"attachment_50\" align=\"aligncenter\" width=\"300\"]<a href=\"https://tales.example/wp-content/uploads/2019/07/desk.jpg\"><img class=\"size-medium wp-image-50\" src=\"https://tales.example/wp-content/uploads/2019/07/desk-300x200.jpg\" alt=\"\" width=\"300\" height=\"200\" /></a> The front desk. Photo: Ana Ruiz[/caption]\n\nAnd the gallery:\n\n[gallery ids=\"52,51\"]\n\n[embed]https://www.youtube.com/watch?v=abc123[/embed]\n\nhttps://vimeo.com/76979871\n\nMissing: <img class=\"wp-image-53\" src=\"https://tales.example/wp-content/uploads/2019/07/gone-1024x768.jpg\" alt=\"gone\" />",
    );
    photo_post.meta = vec![("_thumbnail_id", "51")];
    items.push(photo_post);
    items.push(attachment(
        50,
        12,
        "https://tales.example/wp-content/uploads/2019/07/desk.jpg",
        "The front desk",
    ));
    items.push(Item {
        // The featured image's caption, kept apart from its alt text.
        excerpt: "The van, loaded at <b>dawn</b>",
        ..attachment(
            51,
            12,
            "https://tales.example/wp-content/uploads/2019/07/van.jpg",
            "A delivery van",
        )
    });
    items.push(attachment(
        52,
        12,
        "https://tales.example/wp-content/uploads/2019/07/box.png",
        "A box",
    ));
    items.push(attachment(
        53,
        12,
        "https://tales.example/wp-content/uploads/2019/07/gone.jpg",
        "gone",
    ));
    items.push(Item {
        date_gmt: "0000-00-00 00:00:00",
        name: "",
        status: "draft",
        link: "https://tales.example/?p=13".into(),
        ..Item::post(13, "A draft about trains", "", "Draft text.")
    });
    items.push(Item {
        date: "2031-01-01 09:00:00",
        date_gmt: "2031-01-01 08:00:00",
        status: "future",
        ..Item::post(14, "Scheduled story", "scheduled-story", "Later text.")
    });
    items.push(Item {
        creator: "tomasz",
        ..Item::post(
            15,
            "Über die Bahn",
            "%c3%bcber-die-bahn",
            "Der Zug kam zu sp\u{e4}t.",
        )
    });
    items.push(Item {
        password: "hunter2",
        ..Item::post(16, "Locked", "locked", "Secret locked text.")
    });
    items.push(Item {
        status: "private",
        ..Item::post(17, "Private", "private-one", "Secret private text.")
    });
    items.push(Item {
        kind: "page",
        link: "https://tales.example/about/".into(),
        ..Item::post(20, "About", "about", "We write about service.")
    });
    items.push(Item {
        kind: "nav_menu_item",
        ..Item::post(30, "", "30", "")
    });
    items.push(Item {
        kind: "revision",
        status: "inherit",
        ..Item::post(31, "Old", "10-revision-v1", "Old text.")
    });
    let mut xml = HEAD.to_owned();
    for item in &items {
        xml.push_str(&item.xml());
    }
    xml.push_str(TAIL);
    xml
}

fn uploads(site: &Site) -> std::path::PathBuf {
    let uploads = site.beside("uploads");
    for file in ["2019/07/desk.jpg", "2019/07/van.jpg", "2019/07/box.png"] {
        let path = uploads.join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, format!("image bytes of {file}")).expect("write");
    }
    // Only the resized copy of this one exists: the original is missing.
    std::fs::write(uploads.join("2019/07/desk-300x200.jpg"), b"small").expect("write");
    uploads
}

fn import(site: &Site, export: &str, extra: &[&str]) -> crate::util::Run {
    let path = site.beside("export.xml");
    std::fs::write(&path, export).expect("write the export");
    let mut args = vec![
        "import".to_owned(),
        "wordpress".to_owned(),
        path.display().to_string(),
        "--root".to_owned(),
        site.root().display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    rave(&args)
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn all_text(dir: &Path) -> String {
    snapshot(dir)
        .into_values()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_full_export_imports_and_builds_with_every_case_handled() {
    let site = Site::new();
    let uploads = uploads(&site);
    let run = import(
        &site,
        &full_export(),
        &["--uploads", uploads.to_str().expect("utf-8")],
    );
    run.success();
    let root = site.root();

    // Published posts are stories; drafts and scheduled ones too, marked so.
    assert!(
        root.join("content/stories/linefast-cable-gets-an-f.md")
            .is_file()
    );
    assert!(root.join("content/stories/honest-bank.md").is_file());
    assert!(
        root.join("content/stories/parcel-pronto-earns-an-a/index.md")
            .is_file()
    );
    assert!(root.join("content/stories/uber-die-bahn.md").is_file());
    let draft = read(&root, "content/stories/a-draft-about-trains.md");
    assert!(draft.contains("draft: true"), "{draft}");
    assert!(draft.contains("date: \"2019-07-03T16:05:00Z\""), "{draft}");
    assert!(root.join("content/stories/scheduled-story.md").is_file());
    assert!(root.join("content/pages/about.md").is_file());
    assert!(!root.join("content/stories/locked.md").exists());
    assert!(!root.join("content/stories/private-one.md").exists());

    // The classic post keeps its four paragraphs and line break, and gets its grade.
    let classic = read(&root, "content/stories/linefast-cable-gets-an-f.md");
    let body = classic.splitn(3, "---\n").nth(2).expect("a body");
    assert_eq!(body.trim().split("\n\n").count(), 4, "{body}");
    assert!(body.contains("Monday.\\\nThe hold"), "{body}");
    assert!(
        classic.contains("- name: Linefast Cable\n    rating: F"),
        "{classic}"
    );
    assert!(classic.contains("category: Telecom"), "{classic}");
    assert!(classic.contains("author: mira-welsh"), "{classic}");

    // Photos: originals copied into the bundle, the featured image is the story's image.
    let photo = read(&root, "content/stories/parcel-pronto-earns-an-a/index.md");
    assert!(
        photo.contains("![The front desk](desk.jpg \"The front desk. Photo: Ana Ruiz\")"),
        "{photo}"
    );
    assert!(photo.contains("src: van.jpg"), "{photo}");
    assert!(
        photo.contains("  alt: A delivery van\n")
            && photo.contains("  caption: The van, loaded at dawn\n"),
        "the featured image's alt text and caption: {photo}"
    );
    let box_at = photo.find("](box.png").expect("gallery box");
    let van_at = photo.find("](van.jpg").expect("gallery van");
    assert!(box_at < van_at, "gallery order is kept: {photo}");
    assert_eq!(
        read(&root, "content/stories/parcel-pronto-earns-an-a/desk.jpg"),
        "image bytes of 2019/07/desk.jpg"
    );
    assert!(
        photo.contains("<https://www.youtube.com/watch?v=abc123>")
            || photo.contains("(https://www.youtube.com/watch?v=abc123)"),
        "{photo}"
    );
    assert!(
        photo.contains("https://tales.example/wp-content/uploads/2019/07/gone.jpg"),
        "{photo}"
    );

    // The report says what happened and what needs a person.
    let report = read(&root, "import-report.md");
    assert_eq!(run.stdout, report);
    assert!(
        report.contains("Skipped: 2 (password-protected 1, private 1)"),
        "{report}"
    );
    assert!(
        report.contains("Comments dropped: 3 (pingback 1, spam 1, unapproved 1)"),
        "{report}"
    );
    assert!(report.contains("Comments kept: 8"), "{report}");
    assert!(
        report.contains("missing photo https://tales.example/wp-content/uploads/2019/07/gone.jpg"),
        "{report}"
    );
    assert!(
        report.contains("\"Über die Bahn\" (WordPress id 15): no graded company"),
        "{report}"
    );
    assert!(
        report.contains("Ignored item types: 2 (nav_menu_item 1, revision 1)"),
        "{report}"
    );

    // Nothing of WordPress's markup is left in any story.
    let site_text = all_text(&root.join("content"));
    for left in ["[caption", "[gallery", "<!-- wp:", "[embed"] {
        assert!(!site_text.contains(left), "{left} left in the content");
    }

    // It builds without errors (the fixture's uploads are not real photos: they are warned
    // about and left out).
    let build = site.build(&["--drafts"]);
    build.success();
    assert!(!build.stderr.contains("error:"), "{}", build.stderr);
    let page = site.page("stories/linefast-cable-gets-an-f/index.html");
    for depth in 1..=5 {
        let reply = format!("Reply at depth {depth} in the thread.");
        assert_eq!(page.matches(&reply).count(), 1, "{reply} once");
    }
    assert_eq!(
        page.matches("Root comment about the hold music.").count(),
        1
    );
    // Each reply sits under its parent, which it names.
    let mut previous = page.find("id=\"comment-100\"").expect("the root comment");
    for depth in 1..=5 {
        let at = page
            .find(&format!("id=\"comment-{}\"", 100 + depth))
            .expect("a reply");
        assert!(at > previous, "reply {depth} follows its parent");
        let item = &page[at..at + page[at..].find("</li>").expect("end")];
        assert!(
            item.contains(&format!("href=\"#comment-{}\"", 100 + depth - 1)),
            "{item}"
        );
        previous = at;
    }
    let orphan = page.find("id=\"comment-124\"").expect("the reply kept");
    let orphan = &page[orphan..orphan + page[orphan..].find("</li>").expect("end")];
    assert!(!orphan.contains("in reply to"), "{orphan}");
    assert!(
        !page.contains("<script>alert"),
        "scripts never reach the page"
    );
    for dropped in ["Pingback text", "Unapproved text", "Spam text"] {
        assert!(!page.contains(dropped), "{dropped} is dropped");
    }

    // Every old permalink leads to its story.
    for (old, story) in [
        (
            "2019/07/linefast-cable-gets-an-f",
            "linefast-cable-gets-an-f",
        ),
        (
            "2019/07/parcel-pronto-earns-an-a",
            "parcel-pronto-earns-an-a",
        ),
        ("2019/07/\u{fc}ber-die-bahn", "uber-die-bahn"),
        ("about", "../pages/about"),
    ] {
        let redirect = site.page(&format!("{old}/index.html"));
        let target = format!("/stories/{story}/").replace("/stories/../", "/");
        assert!(
            redirect.contains(&format!("url={target}\"")),
            "{old}: {redirect}"
        );
    }
    let redirects = site.page("_redirects");
    for line in [
        "/ p=11 /stories/honest-bank/ 301",
        "/ p=10 /stories/linefast-cable-gets-an-f/ 301",
        "/ page_id=20 /pages/about/ 301",
    ] {
        assert!(redirects.contains(line), "{line} in {redirects}");
    }

    // No email address, IP address, login or locked text anywhere.
    let everything = format!(
        "{site_text}\n{}\n{}",
        all_text(&root),
        all_text(&site.out())
    );
    for private in [
        "@mail.example",
        "203.0.113.",
        "mira_w",
        "Secret locked text",
        "Secret private text",
        "hunter2",
    ] {
        assert!(!everything.contains(private), "{private} was published");
    }
}

#[test]
fn the_same_export_imported_twice_gives_the_same_bytes_and_a_rerun_writes_nothing() {
    let first = Site::new();
    let second = Site::new();
    let export = full_export();
    import(&first, &export, &[]).success();
    import(&second, &export, &[]).success();
    let a = snapshot(&first.root());
    assert_same_files(&a, &snapshot(&second.root()));
    let again = import(&first, &export, &[]);
    again.success();
    assert!(
        again.stdout.contains("Files written: 0"),
        "{}",
        again.stdout
    );
    let mut rerun = snapshot(&first.root());
    let mut before = a.clone();
    // The report alone changes: it counts the files kept.
    rerun.remove("import-report.md");
    before.remove("import-report.md");
    assert_same_files(&before, &rerun);
}

#[track_caller]
fn assert_same_files(
    a: &std::collections::BTreeMap<String, Vec<u8>>,
    b: &std::collections::BTreeMap<String, Vec<u8>>,
) {
    let names_a: Vec<_> = a.keys().collect();
    let names_b: Vec<_> = b.keys().collect();
    assert_eq!(names_a, names_b);
    for (name, bytes) in a {
        assert!(b[name] == *bytes, "{name} differs");
    }
}

#[test]
fn existing_files_are_never_replaced_and_force_replaces_only_the_imports_own() {
    let site = Site::new();
    site.story(
        "honest-bank.md",
        "title: Mine\ndate: 2020-01-01",
        "My own story.",
    );
    let export = full_export();
    import(&site, &export, &[]).success();
    let mine = read(&site.root(), "content/stories/honest-bank.md");
    assert!(mine.contains("My own story."));
    let path = site
        .root()
        .join("content/stories/linefast-cable-gets-an-f.md");
    std::fs::write(
        &path,
        read(&site.root(), "content/stories/linefast-cable-gets-an-f.md")
            .replace("Monday", "Sunday"),
    )
    .expect("edit");
    import(&site, &export, &["--force"]).success();
    assert!(read(&site.root(), "content/stories/honest-bank.md").contains("My own story."));
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("Monday")
    );
}

#[test]
fn a_dry_run_writes_nothing() {
    let site = Site::new();
    let before = snapshot(&site.root());
    let run = import(&site, &full_export(), &["--dry-run"]);
    run.success();
    assert!(run.stdout.contains("dry run"), "{}", run.stdout);
    assert_eq!(before, snapshot(&site.root()));
}

#[test]
fn a_missing_site_is_created() {
    let site = Site::new();
    let path = site.beside("export.xml");
    std::fs::write(&path, full_export()).expect("write");
    let root = site.beside("new-site");
    rave(&[
        "import",
        "wordpress",
        path.to_str().expect("utf-8"),
        "--root",
        root.to_str().expect("utf-8"),
    ])
    .success();
    let config = read(&root, "site.yaml");
    assert!(config.contains("title: Counter Tales"), "{config}");
    assert!(
        config.contains("base_url: https://tales.example"),
        "{config}"
    );
}

#[test]
fn messy_exports_are_recovered() {
    let site = Site::new();
    let mut export = String::from("PHP Notice: Undefined index in /var/www/export.php\n");
    export.push_str(&full_export());
    let mut bytes = export.into_bytes();
    // A NUL byte in serialized meta, a vertical tab in a title, invalid UTF-8 in a post.
    let nul = b"Look at this desk.";
    let at = bytes
        .windows(nul.len())
        .position(|w| w == nul)
        .expect("text");
    bytes.splice(at..at, b"\x00\x0b\xff ".iter().copied());
    let path = site.beside("messy.xml");
    std::fs::write(&path, &bytes).expect("write");
    rave(&[
        "import",
        "wordpress",
        path.to_str().expect("utf-8"),
        "--root",
        site.root().to_str().expect("utf-8"),
    ])
    .success();
    let photo = read(&site.root(), "content/stories/parcel-pronto-earns-an-a.md");
    assert!(photo.contains("\u{fffd} Look at this desk."), "{photo}");
    site.build(&[]).success();
}

#[test]
fn a_broken_export_names_line_and_column_and_writes_nothing() {
    let site = Site::new();
    let export = full_export();
    let cut = &export[..export.find("Parcel Pronto").expect("title")];
    let before = snapshot(&site.root());
    let run = import(&site, cut, &[]);
    run.expect_code(1);
    assert!(run.stderr.contains("line "), "{}", run.stderr);
    assert!(run.stderr.contains("column "), "{}", run.stderr);
    assert_eq!(before, snapshot(&site.root()));
}

#[test]
fn a_plain_rss_feed_is_named_as_not_an_export() {
    let site = Site::new();
    let feed = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Blog</title><link>https://x.example</link><item><title>Post</title><description>Hi</description></item></channel></rss>";
    let run = import(&site, feed, &[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("not a WordPress export"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("RSS feed"), "{}", run.stderr);
}
