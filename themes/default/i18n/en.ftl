# The default theme's words in English: every site's fallback.
# Placeholders are { $name }; numbers select plural forms with CLDR's categories
# (zero, one, two, few, many, other). Arguments named `year` are shown as written.

## Navigation, header and footer
skip-to-content = Skip to content
nav-main = Main
nav-stories = Stories
nav-companies = Companies
nav-authors = Authors
nav-categories = Categories
nav-tags = Tags
nav-search = Search
footer-feeds = Follow by feed:
footer-all-stories = all stories
footer-built-with = Built with rave.

## Counted things
stories-count = { $count ->
    [one] { $count } story
   *[other] { $count } stories
}
ratings-count = { $count ->
    [one] { $count } rating
   *[other] { $count } ratings
}
comments-count = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
parts-count = { $count ->
    [one] { $count } part
   *[other] { $count } parts
}
companies-count = { $count ->
    [one] { $count } company
   *[other] { $count } companies
}
shared-stories-count = { $count ->
    [one] { $count } shared story
   *[other] { $count } shared stories
}
stars-count = { $count ->
    [one] { $count } star
   *[other] { $count } stars
}
ratings-from-stories = { $ratings ->
    [one] { $ratings } rating
   *[other] { $ratings } ratings
} from { $stories ->
    [one] { $stories } story
   *[other] { $stories } stories
}
ratings-word = { $count ->
    [one] rating
   *[other] ratings
}
stories-word = { $count ->
    [one] story
   *[other] stories
}
reading-time = { $minutes } min read
words-count = { $count ->
    [one] { $count } word
   *[other] { $count } words
}

## Story cards and story pages
by-author = by
story-by-author = By
story-updated = Updated
not-rated = not rated
card-not-rated = Not rated
mentions-also-rated = Also rated
mentions-companies-rated = Companies rated
contact-channel = Contact channel:
tags-label = Tags
no-stories = No stories yet.
ratings-in-story = Ratings in this story
written-as = written as “{ $original }”
photo-credit = Photo:
filed-under = Filed under
editor-note = Editor's note
series-part-of = Part { $position } of { $total } in
series-previous-part = Previous part
series-next-part = Next part
author-box-title = About
author-box-more = All stories by { $author }
series-next-on = Next, on { $date }:
series-next-about = on “{ $title }”

## Pagination
pagination = Pagination
pagination-previous = Previous
pagination-next = Next
pagination-previous-hidden = { " " }page
pagination-next-hidden = { " " }page
pagination-page-number = Page{ " " }
page-of = page { $number } of { $total }

## Ratings
grade-hidden = Grade{ " " }
no-grade-yet = No grade yet
ranking-score = ranking score { $score }
verdict-good = Good
verdict-mixed = Mixed
verdict-bad = Bad
verdict-ugly = Ugly
verdicts = Verdicts
rating-grade = Grade { $grade } ({ $score } out of 100), { $verdict }
rating-stars = { $stars } out of 5 stars, { $verdict }
rating-percent = { $score } out of 100, { $verdict }
rating-verdict-only = Verdict: { $verdict }, without a grade
channel-phone = Phone
channel-email = Email
channel-chat = Chat
channel-in-store = In store
channel-online = Online
channel-social = Social media
channel-mail = Mail

## Home page
latest-stories = Latest stories
stories-heading = Stories
highlights-title = Best and worst of { $year }
highlights-best = Best rated
highlights-worst = Worst rated
highlights-all-best = All the best rated companies
highlights-all-worst = All the worst rated companies
highlights-no-best = No company earned a good or mixed average in { $year }.
highlights-no-worst = No company earned a bad or mixed average in { $year }.
highlights-too-few = Too few ratings in { $year } to rank companies yet: a company needs { $count ->
    [one] { $count } rating
   *[other] { $count } ratings
} in the year.

## Companies
companies-title = Companies
companies-lead = { $count ->
    [one] { $count } company
   *[other] { $count } companies
}, A to Z, with the average of their ratings.
companies-rankings = Rankings:
companies-best = best rated
companies-worst = worst rated
companies-most-discussed = most discussed
companies-by-letter = Companies by letter
no-companies = No companies yet.
report-card = Report card
report-average = average
report-mean = Mean score { $mean } out of 100
report-told-years = told { $year_first } to { $year_last }
report-told-on = told
report-told-in = told in { $year }
report-grades = Grades
report-no-grades = No graded ratings yet.
report-newest = Newest story
report-over-time = Over time
report-by-channel = By contact channel
report-channel = Channel
report-stories = Stories
report-ratings = Ratings
report-average-column = Average
report-none = none
report-full-card = the full report card
experiences-title = Best and worst experiences
best-experience = Best experience
worst-experience = Worst experience
company-stories = Stories about { $company }
company-about = About { $company }
company-website = Website:
company-aliases = Also written as
related-title = Rated in the same stories

## Rankings
rankings-nav = Rankings
board-best = Best rated companies
board-worst = Worst rated companies
board-most-discussed = Most discussed companies
board-most-discussed-description = Companies by the number of stories that mention them.
board-ranked-description = Companies with at least { $min ->
    [one] { $min } rating
   *[other] { $min } ratings
}, ranked by their average pulled towards the site-wide mean with the weight of { $weight ->
    [one] { $weight } rating
   *[other] { $weight } ratings
}, so that one glowing or furious story does not top the list.
board-best-left-out = Companies whose average is a bad verdict are left out.
board-worst-left-out = Companies whose average is a good verdict are left out.
board-empty = No company qualifies yet.
board-site-mean = The mean of every graded rating on this site is { $mean } out of 100.

## Authors
authors-title = Authors
authors-lead = The people telling the stories.
no-authors = No authors yet.
author-companies = Companies rated
author-stories = Stories by { $author }

## Tags, categories and series
tagged = Stories tagged “{ $tag }”
term-stories-tag = { $count ->
    [one] { $count } story
   *[other] { $count } stories
} with this tag
term-stories-category = { $count ->
    [one] { $count } story
   *[other] { $count } stories
} in this category
tags-title = Tags
categories-title = Categories
tags-lead-before = Browse stories by tag, or by
tags-lead-link = category
categories-lead-before = Browse stories by category, or by
categories-lead-link = tag
no-tags = No tags yet.
no-categories = No categories yet.
series-kicker = Series
series-coming-soon = Coming soon
series-coming = coming
series-part = Part { $position }
series-index-title = Series
series-index-lead = Stories told in several parts, the most recently continued first.
series-newest-part = Newest part:
series-upcoming-count = { $count } more to come
no-series = No series yet.
meta-series-index = Stories told in several parts on { $site }.

## Search
search-title = Search
search-lead = Find stories by title, company, author or tag.
search-label = Search stories
search-button = Search
search-nojs-before = Search needs JavaScript. Without it, browse the
search-nojs-companies = companies
search-nojs-authors = authors
search-nojs-tags = tags
search-or = or
search-filters = Filter
search-company = Company
search-author = Author
search-grade = Grade
search-any-grade = Any grade
search-year = Year
search-any-year = Any year
search-more = More results

## Comments
comments-title = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}

## The page-not-found page
not-found-title = Page not found
not-found-lead = There is no page at this address. It may have moved, or the link may be mistyped.
not-found-latest = Latest stories
not-found-companies = Companies A to Z

## Feeds
feed-company = { $company } on { $site }
feed-author = Stories by { $author } on { $site }
feed-term = { $term } on { $site }
feed-series = { $series } on { $site }

## Page titles and descriptions
title-page = { $title } (page { $page })
title-tag = Tag: { $term }
title-category = Category: { $term }
meta-company-rated = { $company } is rated { $average } on average from { $count ->
    [one] { $count } rating
   *[other] { $count } ratings
}.
meta-company = Customer stories about { $company }.
meta-companies = Every company rated on { $site }, A to Z, with its average grade.
meta-author = Stories by { $author } on { $site }.
meta-authors = The people who told their stories on { $site }.
meta-term = Stories filed under { $term } on { $site }.
meta-terms = { $terms } of { $site }.
meta-search = Search the stories of { $site }.
percent = { $value }%

## Chart of the mean over time
chart-title-year = Mean score of { $subject } per year, out of 100
chart-title-quarter = Mean score of { $subject } per quarter, out of 100
chart-period = { $period }: { $mean } ({ $count ->
    [one] { $count } rating
   *[other] { $count } ratings
})
chart-axis-year = Year
chart-axis-quarter = Quarter
period-quarter = { $year } Q{ $quarter }

## Threaded comments
comment-in-reply-to = in reply to { $author }

## Story archive and redirects
archive-title = All stories
archive-year-title = Stories from { $year }
archive-month-title = Stories from { $month }
archive-years = Years
archive-months = Months
archive-by-year = Archive by year
archive-all-link = All stories, by date
meta-archive = Every story of { $site }, newest first.
meta-archive-period = The stories of { $site } from { $period }.
redirect-title = Redirecting
redirect-go-on = This address leads to

## Search script and related stories
search-found = { $count ->
    [one] { $count } story found
   *[other] { $count } stories found
}
search-loading = Loading the search index…
search-failed = The search index could not be loaded.
related-company-title = More stories about { $company }
related-tags-title = More stories like this
