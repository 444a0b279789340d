//! Snapshots of rendered pages of a small fixed site: a change to the default theme or to the
//! views shows up as a reviewable diff (`cargo insta review`).

use crate::util::Site;

fn snapshot_site() -> Site {
    let site = Site::new();
    site.company(
        "acme",
        "name: Acme Hardware\naliases: [Acme]\nwebsite: https://acme.example\ndescription: A hardware shop on the corner.",
        "Family-run since 1962.\n",
    );
    site.author(
        "ann",
        "name: Ann Example\ntagline: Fixes things",
        "Ann writes about repairs.\n",
    );
    site.story(
        "drill.md",
        "title: The drill that came back\ndate: 2022-03-04\nauthor: ann\ntags: [repairs]\ncategory: Retail\ncompanies:\n  - name: Acme\n    rating: A\n    channel: in-store\n  - name: Parcel Pals\n    rating: 2/5\n    verdict: ugly",
        "Acme took the drill back *without a receipt*.\n\n## What happened next\n\nThe courier lost the replacement.\n",
    );
    site.story(
        "paint.md",
        "title: Paint by numbers\ndate: 2023-05-06\nauthor: ann\ncompany: Acme Hardware\nrating: 70%",
        "They mixed the wrong colour, then mixed it again for free.\n",
    );
    site
}

#[test]
fn story_and_company_pages() {
    let site = snapshot_site();
    let pages = match rave::pipeline::build_in_memory(&site.options()) {
        Ok((pages, _)) => pages,
        Err(diagnostics) => panic!("the build failed:\n{}", diagnostics.render()),
    };
    let page = |path: &str| String::from_utf8(pages[path].clone()).expect("utf-8");
    insta::assert_snapshot!("story_page", page("stories/drill/index.html"));
    insta::assert_snapshot!("company_page", page("companies/acme-hardware/index.html"));
}
