//! Lists that never mislead: the best and worst rated leaderboards and the home page's
//! highlights of the year leave out companies whose average says the opposite, and the
//! highlights ask for the leaderboards' minimum number of ratings.

use crate::util::{Site, text_of};

/// A site whose 2023 stories rate three companies, two ratings each, all of them well:
/// Acme 95 and 90 (mean 92.5), Bolt 85 and 80 (82.5), Crane 75 and 70 (72.5), every average a
/// good verdict; and Dross once, 10 (bad), in 2023 too.
fn all_good_site(min_ratings: usize) -> Site {
    let site = Site::new();
    site.file(
        "site.yaml",
        format!(
            "title: Test Stories\nbase_url: https://example.com\nranking: {{ prior_weight: 1, min_ratings: {min_ratings} }}\n"
        ),
    );
    let ratings = [
        ("one", "2023-01-10", [("Acme", 95), ("Bolt", 85)]),
        ("two", "2023-02-10", [("Acme", 90), ("Crane", 75)]),
        ("three", "2023-03-10", [("Bolt", 80), ("Crane", 70)]),
        ("four", "2023-04-10", [("Dross", 10), ("Dross", 10)]),
    ];
    for (slug, date, companies) in ratings {
        let mut front = format!("title: Story {slug}\ndate: {date}\ncompanies:\n");
        let mut seen = Vec::new();
        for (name, score) in companies {
            if seen.contains(&name) {
                continue;
            }
            seen.push(name);
            front.push_str(&format!("  - name: {name}\n    rating: {score}%\n"));
        }
        site.story(&format!("{slug}.md"), &front, "Text.\n");
    }
    site
}

/// The text of the home page's highlights panel.
fn highlights(site: &Site) -> String {
    let home = text_of(&site.page("index.html"));
    let start = home.find("Best and worst of").expect("a highlights panel");
    let end = home.find("Latest stories").expect("the latest stories");
    home[start..end].to_owned()
}

#[test]
fn a_worst_rated_list_never_shows_a_good_average_nor_a_best_rated_one_a_bad_average() {
    let site = all_good_site(1);
    site.build(&[]).success();
    let worst = text_of(&site.page("companies/worst/index.html"));
    for good in ["Acme", "Bolt", "Crane"] {
        assert!(!worst.contains(good), "{good} is good: {worst}");
    }
    assert!(worst.contains("Dross"), "{worst}");
    let best = text_of(&site.page("companies/best/index.html"));
    assert!(!best.contains("Dross"), "Dross is bad: {best}");
    for good in ["Acme", "Bolt", "Crane"] {
        assert!(best.contains(good), "{good} in: {best}");
    }

    // Four companies qualify in 2023: two per list at most. Best: Acme, Bolt. Worst: only
    // Dross, never Crane (72.5, good) even though it ranks below the others.
    let panel = highlights(&site);
    assert!(panel.contains("Acme") && panel.contains("Bolt"), "{panel}");
    let worst_half = &panel[panel.find("Worst rated").expect("a worst half")..];
    assert!(worst_half.contains("Dross"), "{panel}");
    assert!(!worst_half.contains("Crane"), "{panel}");
}

#[test]
fn highlights_need_the_leaderboards_minimum_of_ratings_or_say_there_is_too_little() {
    // Two ratings each: Dross (one rating) is left out of the boards and the highlights, and
    // the worst half has nobody left who is not good.
    let site = all_good_site(2);
    site.build(&[]).success();
    let panel = highlights(&site);
    assert!(!panel.contains("Dross"), "{panel}");
    assert!(
        panel.contains("No company earned a bad or mixed average in 2023."),
        "{panel}"
    );
    assert!(
        text_of(&site.page("companies/worst/index.html")).contains("No company qualifies yet."),
    );

    // Three ratings each: nobody qualifies, and the panel says so instead of ranking.
    let site = all_good_site(3);
    site.build(&[]).success();
    let panel = highlights(&site);
    assert!(
        panel.contains(
            "Too few ratings in 2023 to rank companies yet: a company needs 3 ratings in the year."
        ),
        "{panel}"
    );
    assert!(!panel.contains("Acme"), "{panel}");
}
