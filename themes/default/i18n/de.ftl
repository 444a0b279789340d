# Die Wörter des Standard-Themes auf Deutsch.

## Navigation, Kopf und Fuß
skip-to-content = Zum Inhalt springen
nav-main = Hauptnavigation
nav-stories = Geschichten
nav-companies = Firmen
nav-authors = Autoren
nav-categories = Kategorien
nav-tags = Schlagwörter
nav-search = Suche
footer-feeds = Per Feed folgen:
footer-all-stories = alle Geschichten
footer-built-with = Erstellt mit rave.

## Gezähltes
stories-count = { $count ->
    [one] { $count } Geschichte
   *[other] { $count } Geschichten
}
ratings-count = { $count ->
    [one] { $count } Bewertung
   *[other] { $count } Bewertungen
}
comments-count = { $count ->
    [one] { $count } Kommentar
   *[other] { $count } Kommentare
}
parts-count = { $count ->
    [one] { $count } Teil
   *[other] { $count } Teile
}
companies-count = { $count ->
    [one] { $count } Unternehmen
   *[other] { $count } Unternehmen
}
shared-stories-count = { $count ->
    [one] { $count } gemeinsame Geschichte
   *[other] { $count } gemeinsame Geschichten
}
stars-count = { $count ->
    [one] { $count } Stern
   *[other] { $count } Sterne
}
ratings-from-stories = { $ratings ->
    [one] { $ratings } Bewertung
   *[other] { $ratings } Bewertungen
} aus { $stories ->
    [one] { $stories } Geschichte
   *[other] { $stories } Geschichten
}
ratings-word = { $count ->
    [one] Bewertung
   *[other] Bewertungen
}
stories-word = { $count ->
    [one] Geschichte
   *[other] Geschichten
}
reading-time = { $minutes } Min. Lesezeit
words-count = { $count ->
    [one] { $count } Wort
   *[other] { $count } Wörter
}

## Karten und Geschichten
by-author = von
story-by-author = Von
story-updated = Aktualisiert am
not-rated = nicht bewertet
card-not-rated = Nicht bewertet
mentions-also-rated = Ebenfalls bewertet
mentions-companies-rated = Bewertete Unternehmen
contact-channel = Kontaktweg:
tags-label = Schlagwörter
no-stories = Noch keine Geschichten.
ratings-in-story = Bewertungen in dieser Geschichte
written-as = geschrieben als „{ $original }“
photo-credit = Foto:
filed-under = Abgelegt unter
editor-note = Anmerkung der Redaktion
series-part-of = Teil { $position } von { $total } der Reihe
series-previous-part = Vorheriger Teil
series-next-part = Nächster Teil
author-box-title = Über
author-box-more = Alle Geschichten von { $author }
series-next-on = Als Nächstes, am { $date }:
series-next-about = über „{ $title }“

## Seitennavigation
pagination = Seitennavigation
pagination-previous = Zurück
pagination-next = Weiter
pagination-previous-hidden = { " " }zur vorherigen Seite
pagination-next-hidden = { " " }zur nächsten Seite
pagination-page-number = Seite{ " " }
page-of = Seite { $number } von { $total }

## Bewertungen
grade-hidden = Note{ " " }
no-grade-yet = Noch keine Note
ranking-score = Ranglistenwert { $score }
verdict-good = Gut
verdict-mixed = Gemischt
verdict-bad = Schlecht
verdict-ugly = Übel
verdicts = Urteile
rating-grade = Note { $grade } ({ $score } von 100), { $verdict ->
    [good] gut
    [mixed] gemischt
    [bad] schlecht
   *[ugly] übel
}
rating-stars = { $stars } von 5 Sternen, { $verdict ->
    [good] gut
    [mixed] gemischt
    [bad] schlecht
   *[ugly] übel
}
rating-percent = { $score } von 100, { $verdict ->
    [good] gut
    [mixed] gemischt
    [bad] schlecht
   *[ugly] übel
}
rating-verdict-only = Urteil: { $verdict ->
    [good] gut
    [mixed] gemischt
    [bad] schlecht
   *[ugly] übel
}, ohne Note
channel-phone = Telefon
channel-email = E-Mail
channel-chat = Chat
channel-in-store = Im Geschäft
channel-online = Online
channel-social = Soziale Medien
channel-mail = Post
percent = { $value } %

## Startseite
latest-stories = Neueste Geschichten
stories-heading = Geschichten
highlights-title = Die Besten und die Schlechtesten { $year }
highlights-best = Am besten bewertet
highlights-worst = Am schlechtesten bewertet
highlights-all-best = Alle am besten bewerteten Unternehmen
highlights-all-worst = Alle am schlechtesten bewerteten Unternehmen
highlights-no-best = { $year } hat kein Unternehmen einen guten oder gemischten Schnitt erreicht.
highlights-no-worst = { $year } hat kein Unternehmen einen schlechten oder gemischten Schnitt erhalten.
highlights-too-few = Für { $year } gibt es noch zu wenige Bewertungen für eine Rangliste: Ein Unternehmen braucht { $count ->
    [one] { $count } Bewertung
   *[other] { $count } Bewertungen
} im Jahr.

## Unternehmen
companies-title = Unternehmen
companies-lead = { $count ->
    [one] { $count } Unternehmen
   *[other] { $count } Unternehmen
} von A bis Z, mit dem Durchschnitt ihrer Bewertungen.
companies-rankings = Ranglisten:
companies-best = am besten bewertet
companies-worst = am schlechtesten bewertet
companies-most-discussed = am meisten besprochen
companies-by-letter = Unternehmen nach Anfangsbuchstabe
no-companies = Noch keine Unternehmen.
report-card = Zeugnis
report-average = Durchschnitt
report-mean = Mittelwert { $mean } von 100
report-told-years = erzählt { $year_first } bis { $year_last }
report-told-on = erzählt am
report-told-in = erzählt { $year }
report-grades = Noten
report-no-grades = Noch keine benoteten Bewertungen.
report-newest = Neueste Geschichte
report-over-time = Im Zeitverlauf
report-by-channel = Nach Kontaktweg
report-channel = Kontaktweg
report-stories = Geschichten
report-ratings = Bewertungen
report-average-column = Durchschnitt
report-none = keine
report-full-card = zum vollständigen Zeugnis
experiences-title = Beste und schlechteste Erfahrungen
best-experience = Beste Erfahrung
worst-experience = Schlechteste Erfahrung
company-stories = Geschichten über { $company }
company-about = Über { $company }
company-website = Website:
company-aliases = Auch geschrieben als
related-title = In denselben Geschichten bewertet

## Ranglisten
rankings-nav = Ranglisten
board-best = Am besten bewertete Unternehmen
board-worst = Am schlechtesten bewertete Unternehmen
board-most-discussed = Am meisten besprochene Unternehmen
board-most-discussed-description = Unternehmen nach der Zahl der Geschichten, die sie erwähnen.
board-ranked-description = Unternehmen mit mindestens { $min ->
    [one] { $min } Bewertung
   *[other] { $min } Bewertungen
}, gereiht nach ihrem Durchschnitt, der mit dem Gewicht von { $weight ->
    [one] { $weight } Bewertung
   *[other] { $weight } Bewertungen
} zum Mittel der ganzen Website gezogen wird, damit nicht eine einzige begeisterte oder wütende Geschichte die Liste anführt.
board-best-left-out = Unternehmen mit einem schlechten Durchschnitt fehlen hier.
board-worst-left-out = Unternehmen mit einem guten Durchschnitt fehlen hier.
board-empty = Noch kein Unternehmen erfüllt die Bedingungen.
board-site-mean = Das Mittel aller benoteten Bewertungen dieser Website liegt bei { $mean } von 100.

## Autoren
authors-title = Autoren
authors-lead = Die Menschen, die hier ihre Geschichten erzählen.
no-authors = Noch keine Autoren.
author-companies = Bewertete Unternehmen
author-stories = Geschichten von { $author }

## Schlagwörter, Kategorien und Reihen
tagged = Geschichten mit dem Schlagwort „{ $tag }“
term-stories-tag = { $count ->
    [one] { $count } Geschichte
   *[other] { $count } Geschichten
} mit diesem Schlagwort
term-stories-category = { $count ->
    [one] { $count } Geschichte
   *[other] { $count } Geschichten
} in dieser Kategorie
tags-title = Schlagwörter
categories-title = Kategorien
tags-lead-before = Geschichten nach Schlagwort durchstöbern, oder nach
tags-lead-link = Kategorie
categories-lead-before = Geschichten nach Kategorie durchstöbern, oder nach
categories-lead-link = Schlagwort
no-tags = Noch keine Schlagwörter.
no-categories = Noch keine Kategorien.
series-kicker = Reihe
series-coming-soon = Demnächst
series-coming = erscheint am
series-part = Teil { $position }
series-index-title = Reihen
series-index-lead = Geschichten in mehreren Teilen, die zuletzt fortgesetzte zuerst.
series-newest-part = Neuester Teil:
series-upcoming-count = { $count ->
    [one] { $count } weiterer Teil folgt
   *[other] { $count } weitere Teile folgen
}
no-series = Noch keine Reihen.
meta-series-index = Geschichten in mehreren Teilen auf { $site }.

## Suche
search-title = Suche
search-lead = Geschichten nach Titel, Unternehmen, Autor oder Schlagwort finden.
search-label = Geschichten durchsuchen
search-button = Suchen
search-nojs-before = Die Suche braucht JavaScript. Ohne JavaScript finden Sie alles über die
search-nojs-companies = Unternehmen
search-nojs-authors = Autoren
search-nojs-tags = Schlagwörter
search-or = oder
search-filters = Filtern
search-company = Unternehmen
search-author = Autor
search-grade = Note
search-any-grade = Jede Note
search-year = Jahr
search-any-year = Jedes Jahr
search-more = Weitere Ergebnisse

## Kommentare
comments-title = Kommentare ({ $count })

## Seite nicht gefunden
not-found-title = Seite nicht gefunden
not-found-lead = Unter dieser Adresse gibt es keine Seite. Vielleicht ist sie umgezogen, oder der Link enthält einen Tippfehler.
not-found-latest = Neueste Geschichten
not-found-companies = Unternehmen von A bis Z

## Feeds
feed-company = { $company } auf { $site }
feed-author = Geschichten von { $author } auf { $site }
feed-term = { $term } auf { $site }
feed-series = { $series } auf { $site }

## Seitentitel und Beschreibungen
title-page = { $title } (Seite { $page })
title-tag = Schlagwort: { $term }
title-category = Kategorie: { $term }
meta-company-rated = { $company } wird im Schnitt mit { $average } bewertet, aus { $count ->
    [one] { $count } Bewertung
   *[other] { $count } Bewertungen
}.
meta-company = Kundengeschichten über { $company }.
meta-companies = Alle auf { $site } bewerteten Unternehmen von A bis Z, mit ihrer Durchschnittsnote.
meta-author = Geschichten von { $author } auf { $site }.
meta-authors = Die Menschen, die auf { $site } ihre Geschichten erzählt haben.
meta-term = Geschichten zu { $term } auf { $site }.
meta-terms = { $terms } von { $site }.
meta-search = Die Geschichten von { $site } durchsuchen.

## Chart of the mean over time
chart-title-year = Mittlere Punktzahl von { $subject } je Jahr, von 100
chart-title-quarter = Mittlere Punktzahl von { $subject } je Quartal, von 100
chart-period = { $period }: { $mean } ({ $count ->
    [one] { $count } Bewertung
   *[other] { $count } Bewertungen
})
chart-axis-year = Jahr
chart-axis-quarter = Quartal
period-quarter = Q{ $quarter } { $year }

## Threaded comments
comment-in-reply-to = als Antwort auf { $author }

## Story archive and redirects
archive-title = Alle Geschichten
archive-year-title = Geschichten aus dem Jahr { $year }
archive-month-title = Geschichten aus dem { $month }
archive-years = Jahre
archive-months = Monate
archive-by-year = Archiv nach Jahren
archive-all-link = Alle Geschichten nach Datum
meta-archive = Alle Geschichten von { $site }, die neuesten zuerst.
meta-archive-period = Die Geschichten von { $site } aus dem Zeitraum { $period }.
redirect-title = Weiterleitung
redirect-go-on = Diese Adresse führt zu

## Search script and related stories
search-found = { $count ->
    [one] { $count } Geschichte gefunden
   *[other] { $count } Geschichten gefunden
}
search-loading = Der Suchindex wird geladen …
search-failed = Der Suchindex konnte nicht geladen werden.
related-company-title = Weitere Geschichten über { $company }
related-tags-title = Ähnliche Geschichten
