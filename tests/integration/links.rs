//! `rave check` finds links and images that point to nothing the build writes: root-relative
//! and relative, in story bodies, reader comments, profiles and pages, anchors included.

use crate::util::{Site, rave};

/// A site whose only problems are the broken links listed in the test.
fn linked_site() -> Site {
    let site = Site::new();
    site.file(
        "static/images/cat.png",
        crate::util::tiny_image(image::ImageFormat::Png),
    )
        .file(
            "content/pages/about.md",
            "---\ntitle: About\n---\nWrite to us, or read [the story](/stories/parcel/).\n\n[Gone](../../nothing-here/)\n",
        )
        .company(
            "comcast",
            "name: Comcast",
            "See [their story](/stories/parcel/#the-refund).\n",
        )
        .story(
            "parcel.md",
            "title: The parcel\ndate: 2023-01-01\nauthor: Ann\ncompany: Comcast\nrating: C\ncomments:\n  - author: Reader\n    date: 2023-01-02\n    body: \"Like [this one](/stories/nope/)\"",
            "## The refund\n\n\
             [a](/stories/nope/) [b](/companies/comcastt/) ![c](/images/not-there.png)\n\n\
             [fine](/companies/comcast/) [also](../parcel/#the-refund) ![cat](/images/cat.png)\n\
             [top](#the-refnd) [away](https://example.org/x) [home](/) [mail](mailto:a@b.c)\n",
        );
    site
}

#[test]
fn check_warns_about_every_broken_link_with_its_place_and_the_nearest_address() {
    let site = linked_site();
    let checked = rave(&["check".as_ref(), "--root".as_ref(), site.root().as_os_str()]);
    checked.success();
    let out = &checked.stdout;
    for expected in [
        "content/stories/parcel.md:14:1: warning: link `/stories/nope/` points to nothing the site publishes",
        "content/stories/parcel.md:14:21: warning: link `/companies/comcastt/` points to nothing the site publishes",
        "the nearest address the site has is `/companies/comcast/`",
        "content/stories/parcel.md:14:47: warning: image `/images/not-there.png` points to nothing the site publishes",
        "the nearest address the site has is `/images/cat.png`",
        "content/stories/parcel.md:17:1: warning: link `#the-refnd` points to an anchor `#the-refnd` that `/stories/parcel/` does not have",
        "the nearest anchor on `/stories/parcel/` is `#the-refund`",
        // A reader comment, at its body.
        "content/stories/parcel.md:10:11: warning: link `/stories/nope/` points to nothing the site publishes",
        // A page, relative to its own address.
        "content/pages/about.md:6:1: warning: link `../../nothing-here/` points to nothing the site publishes",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(out.contains("0 errors, 7 warnings in 2 files"), "{out}");
    assert!(
        !out.contains("comcast.md"),
        "the profile's anchor link is good: {out}"
    );

    let strict = rave(&[
        "check".as_ref(),
        "--root".as_ref(),
        site.root().as_os_str(),
        "--strict".as_ref(),
    ]);
    strict.expect_code(1);
}

#[test]
fn a_site_in_a_sub_folder_checks_links_under_its_own_root() {
    let site = Site::new();
    site.file(
        "site.yaml",
        "title: T\nbase_url: https://example.com/blog\n",
    )
    .story(
        "a.md",
        "title: A\ndate: 2023-01-01\nauthor: Ann\ncompany: Acme\nrating: B",
        "[ok](/blog/companies/acme/) [bad](/blog/companies/acne/) [other site](/shop/)\n",
    );
    let checked = rave(&["check".as_ref(), "--root".as_ref(), site.root().as_os_str()]);
    checked.success();
    let out = &checked.stdout;
    assert!(
        out.contains("link `/blog/companies/acne/` points to nothing the site publishes"),
        "{out}"
    );
    assert!(out.contains("`/blog/companies/acme/`"), "{out}");
    assert!(out.contains("0 errors, 2 warnings in 1 file"), "{out}");
}
