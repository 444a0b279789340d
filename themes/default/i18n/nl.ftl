# De woorden van het standaardthema in het Nederlands.

## Navigatie, kop en voet
skip-to-content = Naar de inhoud
nav-main = Hoofdnavigatie
nav-stories = Verhalen
nav-companies = Bedrijven
nav-authors = Auteurs
nav-categories = Categorieën
nav-tags = Tags
nav-search = Zoeken
footer-feeds = Volgen via feed:
footer-all-stories = alle verhalen
footer-built-with = Gemaakt met rave.

## Aantallen
stories-count = { $count ->
    [one] { $count } verhaal
   *[other] { $count } verhalen
}
ratings-count = { $count ->
    [one] { $count } beoordeling
   *[other] { $count } beoordelingen
}
comments-count = { $count ->
    [one] { $count } reactie
   *[other] { $count } reacties
}
parts-count = { $count ->
    [one] { $count } deel
   *[other] { $count } delen
}
companies-count = { $count ->
    [one] { $count } bedrijf
   *[other] { $count } bedrijven
}
shared-stories-count = { $count ->
    [one] { $count } gedeeld verhaal
   *[other] { $count } gedeelde verhalen
}
stars-count = { $count ->
    [one] { $count } ster
   *[other] { $count } sterren
}
ratings-from-stories = { $ratings ->
    [one] { $ratings } beoordeling
   *[other] { $ratings } beoordelingen
} uit { $stories ->
    [one] { $stories } verhaal
   *[other] { $stories } verhalen
}
ratings-word = { $count ->
    [one] beoordeling
   *[other] beoordelingen
}
stories-word = { $count ->
    [one] verhaal
   *[other] verhalen
}
reading-time = { $minutes } min. leestijd
words-count = { $count ->
    [one] { $count } woord
   *[other] { $count } woorden
}

## Kaarten en verhalen
by-author = door
story-by-author = Door
story-updated = Bijgewerkt op
not-rated = niet beoordeeld
card-not-rated = Niet beoordeeld
mentions-also-rated = Ook beoordeeld
mentions-companies-rated = Beoordeelde bedrijven
contact-channel = Contactkanaal:
tags-label = Tags
no-stories = Nog geen verhalen.
ratings-in-story = Beoordelingen in dit verhaal
written-as = geschreven als ‘{ $original }’
photo-credit = Foto:
filed-under = Gearchiveerd onder
editor-note = Noot van de redactie
series-part-of = Deel { $position } van { $total } in de reeks
series-previous-part = Vorig deel
series-next-part = Volgend deel
author-box-title = Over
author-box-more = Alle verhalen van { $author }
series-next-on = Volgende deel, op { $date }:
series-next-about = over ‘{ $title }’

## Paginering
pagination = Paginering
pagination-previous = Vorige
pagination-next = Volgende
pagination-previous-hidden = { " " }pagina
pagination-next-hidden = { " " }pagina
pagination-page-number = Pagina{ " " }
page-of = pagina { $number } van { $total }

## Beoordelingen
grade-hidden = Cijfer{ " " }
no-grade-yet = Nog geen cijfer
ranking-score = rangschikkingsscore { $score }
verdict-good = Goed
verdict-mixed = Wisselend
verdict-bad = Slecht
verdict-ugly = Belabberd
verdicts = Oordelen
rating-grade = Cijfer { $grade } ({ $score } van 100), { $verdict ->
    [good] goed
    [mixed] wisselend
    [bad] slecht
   *[ugly] belabberd
}
rating-stars = { $stars } van 5 sterren, { $verdict ->
    [good] goed
    [mixed] wisselend
    [bad] slecht
   *[ugly] belabberd
}
rating-percent = { $score } van 100, { $verdict ->
    [good] goed
    [mixed] wisselend
    [bad] slecht
   *[ugly] belabberd
}
rating-verdict-only = Oordeel: { $verdict ->
    [good] goed
    [mixed] wisselend
    [bad] slecht
   *[ugly] belabberd
}, zonder cijfer
channel-phone = Telefoon
channel-email = E-mail
channel-chat = Chat
channel-in-store = In de winkel
channel-online = Online
channel-social = Sociale media
channel-mail = Post
percent = { $value }%

## Startpagina
latest-stories = Nieuwste verhalen
stories-heading = Verhalen
highlights-title = Het beste en het slechtste van { $year }
highlights-best = Best beoordeeld
highlights-worst = Slechtst beoordeeld
highlights-all-best = Alle best beoordeelde bedrijven
highlights-all-worst = Alle slechtst beoordeelde bedrijven
highlights-no-best = Geen enkel bedrijf haalde in { $year } een goed of wisselend gemiddelde.
highlights-no-worst = Geen enkel bedrijf kreeg in { $year } een slecht of wisselend gemiddelde.
highlights-too-few = Te weinig beoordelingen in { $year } om bedrijven te rangschikken: een bedrijf heeft { $count ->
    [one] { $count } beoordeling
   *[other] { $count } beoordelingen
} in het jaar nodig.

## Bedrijven
companies-title = Bedrijven
companies-lead = { $count ->
    [one] { $count } bedrijf
   *[other] { $count } bedrijven
}, van A tot Z, met het gemiddelde van hun beoordelingen.
companies-rankings = Ranglijsten:
companies-best = best beoordeeld
companies-worst = slechtst beoordeeld
companies-most-discussed = meest besproken
companies-by-letter = Bedrijven per letter
no-companies = Nog geen bedrijven.
report-card = Rapport
report-average = gemiddeld
report-mean = Gemiddelde score { $mean } van 100
report-told-years = verteld van { $year_first } tot { $year_last }
report-told-on = verteld op
report-told-in = verteld in { $year }
report-grades = Cijfers
report-no-grades = Nog geen beoordelingen met een cijfer.
report-newest = Nieuwste verhaal
report-over-time = In de loop van de tijd
report-by-channel = Per contactkanaal
report-channel = Kanaal
report-stories = Verhalen
report-ratings = Beoordelingen
report-average-column = Gemiddelde
report-none = geen
report-full-card = het volledige rapport
experiences-title = Beste en slechtste ervaringen
best-experience = Beste ervaring
worst-experience = Slechtste ervaring
company-stories = Verhalen over { $company }
company-about = Over { $company }
company-website = Website:
company-aliases = Ook geschreven als
related-title = Beoordeeld in dezelfde verhalen

## Ranglijsten
rankings-nav = Ranglijsten
board-best = Best beoordeelde bedrijven
board-worst = Slechtst beoordeelde bedrijven
board-most-discussed = Meest besproken bedrijven
board-most-discussed-description = Bedrijven naar het aantal verhalen waarin ze voorkomen.
board-ranked-description = Bedrijven met minstens { $min ->
    [one] { $min } beoordeling
   *[other] { $min } beoordelingen
}, gerangschikt op hun gemiddelde, dat met het gewicht van { $weight ->
    [one] { $weight } beoordeling
   *[other] { $weight } beoordelingen
} naar het gemiddelde van de hele site wordt getrokken, zodat één lovend of woedend verhaal de lijst niet aanvoert.
board-best-left-out = Bedrijven met een slecht gemiddelde staan hier niet tussen.
board-worst-left-out = Bedrijven met een goed gemiddelde staan hier niet tussen.
board-empty = Nog geen bedrijf voldoet.
board-site-mean = Het gemiddelde van alle beoordelingen met een cijfer op deze site is { $mean } van 100.

## Auteurs
authors-title = Auteurs
authors-lead = De mensen die hier hun verhaal vertellen.
no-authors = Nog geen auteurs.
author-companies = Beoordeelde bedrijven
author-stories = Verhalen van { $author }

## Tags, categorieën en reeksen
tagged = Verhalen met de tag ‘{ $tag }’
term-stories-tag = { $count ->
    [one] { $count } verhaal
   *[other] { $count } verhalen
} met deze tag
term-stories-category = { $count ->
    [one] { $count } verhaal
   *[other] { $count } verhalen
} in deze categorie
tags-title = Tags
categories-title = Categorieën
tags-lead-before = Blader door de verhalen per tag, of per
tags-lead-link = categorie
categories-lead-before = Blader door de verhalen per categorie, of per
categories-lead-link = tag
no-tags = Nog geen tags.
no-categories = Nog geen categorieën.
series-kicker = Reeks
series-coming-soon = Binnenkort
series-coming = verschijnt op
series-part = Deel { $position }
series-index-title = Reeksen
series-index-lead = Verhalen in meerdere delen, de laatst voortgezette eerst.
series-newest-part = Nieuwste deel:
series-upcoming-count = { $count ->
    [one] nog { $count } deel op komst
   *[other] nog { $count } delen op komst
}
no-series = Nog geen reeksen.
meta-series-index = Verhalen in meerdere delen op { $site }.

## Zoeken
search-title = Zoeken
search-lead = Vind verhalen op titel, bedrijf, auteur of tag.
search-label = Verhalen doorzoeken
search-button = Zoeken
search-nojs-before = Zoeken werkt alleen met JavaScript. Zonder JavaScript kunt u bladeren door de
search-nojs-companies = bedrijven
search-nojs-authors = auteurs
search-nojs-tags = tags
search-or = of
search-filters = Filteren
search-company = Bedrijf
search-author = Auteur
search-grade = Cijfer
search-any-grade = Elk cijfer
search-year = Jaar
search-any-year = Elk jaar
search-more = Meer resultaten

## Reacties
comments-title = { $count ->
    [one] { $count } reactie
   *[other] { $count } reacties
}

## Pagina niet gevonden
not-found-title = Pagina niet gevonden
not-found-lead = Op dit adres staat geen pagina. Misschien is ze verplaatst, of zit er een tikfout in de link.
not-found-latest = Nieuwste verhalen
not-found-companies = Bedrijven van A tot Z

## Feeds
feed-company = { $company } op { $site }
feed-author = Verhalen van { $author } op { $site }
feed-term = { $term } op { $site }
feed-series = { $series } op { $site }

## Titels en beschrijvingen
title-page = { $title } (pagina { $page })
title-tag = Tag: { $term }
title-category = Categorie: { $term }
meta-company-rated = { $company } krijgt gemiddeld een { $average } uit { $count ->
    [one] { $count } beoordeling
   *[other] { $count } beoordelingen
}.
meta-company = Klantverhalen over { $company }.
meta-companies = Alle bedrijven die op { $site } beoordeeld zijn, van A tot Z, met hun gemiddelde cijfer.
meta-author = Verhalen van { $author } op { $site }.
meta-authors = De mensen die hun verhaal op { $site } vertelden.
meta-term = Verhalen onder { $term } op { $site }.
meta-terms = { $terms } van { $site }.
meta-search = Doorzoek de verhalen van { $site }.

## Chart of the mean over time
chart-title-year = Gemiddelde score van { $subject } per jaar, van 100
chart-title-quarter = Gemiddelde score van { $subject } per kwartaal, van 100
chart-period = { $period }: { $mean } ({ $count ->
    [one] { $count } beoordeling
   *[other] { $count } beoordelingen
})
chart-axis-year = Jaar
chart-axis-quarter = Kwartaal
period-quarter = K{ $quarter } { $year }

## Threaded comments
comment-in-reply-to = als antwoord op { $author }

## Story archive and redirects
archive-title = Alle verhalen
archive-year-title = Verhalen uit { $year }
archive-month-title = Verhalen uit { $month }
archive-years = Jaren
archive-months = Maanden
archive-by-year = Archief per jaar
archive-all-link = Alle verhalen, op datum
meta-archive = Alle verhalen van { $site }, de nieuwste eerst.
meta-archive-period = De verhalen van { $site } uit { $period }.
redirect-title = Doorverwijzing
redirect-go-on = Dit adres leidt naar

## Search script and related stories
search-found = { $count ->
    [one] { $count } verhaal gevonden
   *[other] { $count } verhalen gevonden
}
search-loading = De zoekindex wordt geladen…
search-failed = De zoekindex kon niet worden geladen.
related-company-title = Meer verhalen over { $company }
related-tags-title = Vergelijkbare verhalen
