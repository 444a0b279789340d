# Les mots du thème par défaut en français.

## Navigation, en-tête et pied de page
skip-to-content = Aller au contenu
nav-main = Navigation principale
nav-stories = Récits
nav-companies = Entreprises
nav-authors = Auteurs
nav-categories = Catégories
nav-tags = Mots-clés
nav-search = Recherche
footer-feeds = Suivre par flux :
footer-all-stories = tous les récits
footer-built-with = Créé avec rave.

## Quantités
stories-count = { $count ->
    [one] { $count } récit
   *[other] { $count } récits
}
ratings-count = { $count ->
    [one] { $count } note
   *[other] { $count } notes
}
comments-count = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}
parts-count = { $count ->
    [one] { $count } épisode
   *[other] { $count } épisodes
}
companies-count = { $count ->
    [one] { $count } entreprise
   *[other] { $count } entreprises
}
shared-stories-count = { $count ->
    [one] { $count } récit en commun
   *[other] { $count } récits en commun
}
stars-count = { $count ->
    [one] { $count } étoile
   *[other] { $count } étoiles
}
ratings-from-stories = { $ratings ->
    [one] { $ratings } note
   *[other] { $ratings } notes
} tirées de { $stories ->
    [one] { $stories } récit
   *[other] { $stories } récits
}
ratings-word = { $count ->
    [one] note
   *[other] notes
}
stories-word = { $count ->
    [one] récit
   *[other] récits
}
reading-time = { $minutes } min de lecture
words-count = { $count ->
    [one] { $count } mot
   *[other] { $count } mots
}

## Cartes et récits
by-author = par
story-by-author = Par
story-updated = Mis à jour le
not-rated = sans note
card-not-rated = Sans note
mentions-also-rated = Également notées
mentions-companies-rated = Entreprises notées
contact-channel = Canal de contact :
tags-label = Mots-clés
no-stories = Aucun récit pour l’instant.
ratings-in-story = Les notes de ce récit
written-as = écrit « { $original } »
photo-credit = Photo :
filed-under = Classé dans
editor-note = Note de la rédaction
series-part-of = Épisode { $position } sur { $total } de la série
series-previous-part = Épisode précédent
series-next-part = Épisode suivant
author-box-title = À propos de
author-box-more = Tous les récits de { $author }
series-next-on = Prochain épisode, le { $date } :
series-next-about = raconte « { $title } »

## Pagination
pagination = Pagination
pagination-previous = Page précédente
pagination-next = Page suivante
pagination-previous-hidden = { "" }
pagination-next-hidden = { "" }
pagination-page-number = Page{ " " }
page-of = page { $number } sur { $total }

## Notes
grade-hidden = Note{ " " }
no-grade-yet = Pas encore de note
ranking-score = score de classement { $score }
verdict-good = Bon
verdict-mixed = Mitigé
verdict-bad = Mauvais
verdict-ugly = Affreux
verdicts = Verdicts
rating-grade = Note { $grade } ({ $score } sur 100), { $verdict ->
    [good] bon
    [mixed] mitigé
    [bad] mauvais
   *[ugly] affreux
}
rating-stars = { $stars } étoiles sur 5, { $verdict ->
    [good] bon
    [mixed] mitigé
    [bad] mauvais
   *[ugly] affreux
}
rating-percent = { $score } sur 100, { $verdict ->
    [good] bon
    [mixed] mitigé
    [bad] mauvais
   *[ugly] affreux
}
rating-verdict-only = Verdict : { $verdict ->
    [good] bon
    [mixed] mitigé
    [bad] mauvais
   *[ugly] affreux
}, sans note
channel-phone = Téléphone
channel-email = E-mail
channel-chat = Chat
channel-in-store = En magasin
channel-online = En ligne
channel-social = Réseaux sociaux
channel-mail = Courrier
percent = { $value } %

## Accueil
latest-stories = Derniers récits
stories-heading = Récits
highlights-title = Le meilleur et le pire de { $year }
highlights-best = Les mieux notées
highlights-worst = Les moins bien notées
highlights-all-best = Toutes les entreprises les mieux notées
highlights-all-worst = Toutes les entreprises les moins bien notées
highlights-no-best = Aucune entreprise n’a obtenu une moyenne bonne ou mitigée en { $year }.
highlights-no-worst = Aucune entreprise n’a obtenu une moyenne mauvaise ou mitigée en { $year }.
highlights-too-few = Trop peu de notes en { $year } pour établir un classement : une entreprise doit avoir { $count ->
    [one] { $count } note
   *[other] { $count } notes
} dans l’année.

## Entreprises
companies-title = Entreprises
companies-lead = { $count ->
    [one] { $count } entreprise
   *[other] { $count } entreprises
}, de A à Z, avec la moyenne de leurs notes.
companies-rankings = Classements :
companies-best = les mieux notées
companies-worst = les moins bien notées
companies-most-discussed = les plus citées
companies-by-letter = Entreprises par lettre
no-companies = Aucune entreprise pour l’instant.
report-card = Bulletin
report-average = moyenne
report-mean = Score moyen { $mean } sur 100
report-told-years = racontés de { $year_first } à { $year_last }
report-told-on = raconté le
report-told-in = racontés en { $year }
report-grades = Notes
report-no-grades = Pas encore de note chiffrée.
report-newest = Récit le plus récent
report-over-time = Au fil du temps
report-by-channel = Par canal de contact
report-channel = Canal
report-stories = Récits
report-ratings = Notes
report-average-column = Moyenne
report-none = aucune
report-full-card = le bulletin complet
experiences-title = Meilleures et pires expériences
best-experience = Meilleure expérience
worst-experience = Pire expérience
company-stories = Récits sur { $company }
company-about = À propos de { $company }
company-website = Site web :
company-aliases = Aussi écrit
related-title = Notées dans les mêmes récits

## Classements
rankings-nav = Classements
board-best = Les entreprises les mieux notées
board-worst = Les entreprises les moins bien notées
board-most-discussed = Les entreprises les plus citées
board-most-discussed-description = Les entreprises selon le nombre de récits qui les citent.
board-ranked-description = Les entreprises ayant au moins { $min ->
    [one] { $min } note
   *[other] { $min } notes
}, classées selon leur moyenne ramenée vers la moyenne du site avec le poids de { $weight ->
    [one] { $weight } note
   *[other] { $weight } notes
}, pour qu’un seul récit enthousiaste ou furieux ne suffise pas à mener le classement.
board-best-left-out = Les entreprises dont la moyenne est mauvaise n’y figurent pas.
board-worst-left-out = Les entreprises dont la moyenne est bonne n’y figurent pas.
board-empty = Aucune entreprise ne remplit encore les conditions.
board-site-mean = La moyenne de toutes les notes chiffrées de ce site est de { $mean } sur 100.

## Auteurs
authors-title = Auteurs
authors-lead = Les personnes qui racontent ces récits.
no-authors = Aucun auteur pour l’instant.
author-companies = Entreprises notées
author-stories = Récits de { $author }

## Mots-clés, catégories et séries
tagged = Récits avec le mot-clé « { $tag } »
term-stories-tag = { $count ->
    [one] { $count } récit
   *[other] { $count } récits
} avec ce mot-clé
term-stories-category = { $count ->
    [one] { $count } récit
   *[other] { $count } récits
} dans cette catégorie
tags-title = Mots-clés
categories-title = Catégories
tags-lead-before = Parcourir les récits par mot-clé, ou par
tags-lead-link = catégorie
categories-lead-before = Parcourir les récits par catégorie, ou par
categories-lead-link = mot-clé
no-tags = Aucun mot-clé pour l’instant.
no-categories = Aucune catégorie pour l’instant.
series-kicker = Série
series-coming-soon = Bientôt
series-coming = à paraître le
series-part = Épisode { $position }
series-index-title = Séries
series-index-lead = Des récits en plusieurs épisodes, le plus récemment poursuivi en premier.
series-newest-part = Dernier épisode :
series-upcoming-count = { $count ->
    [one] { $count } épisode à venir
   *[other] { $count } épisodes à venir
}
no-series = Aucune série pour l’instant.
meta-series-index = Les récits en plusieurs épisodes de { $site }.

## Recherche
search-title = Recherche
search-lead = Trouver des récits par titre, entreprise, auteur ou mot-clé.
search-label = Rechercher dans les récits
search-button = Rechercher
search-nojs-before = La recherche nécessite JavaScript. Sans lui, parcourez les
search-nojs-companies = entreprises
search-nojs-authors = auteurs
search-nojs-tags = mots-clés
search-or = ou
search-filters = Filtrer
search-company = Entreprise
search-author = Auteur
search-grade = Note
search-any-grade = Toutes les notes
search-year = Année
search-any-year = Toutes les années
search-more = Plus de résultats

## Commentaires
comments-title = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}

## Page introuvable
not-found-title = Page introuvable
not-found-lead = Il n’y a pas de page à cette adresse. Elle a peut-être été déplacée, ou le lien contient une faute de frappe.
not-found-latest = Derniers récits
not-found-companies = Entreprises de A à Z

## Flux
feed-company = { $company } sur { $site }
feed-author = Récits de { $author } sur { $site }
feed-term = { $term } sur { $site }
feed-series = { $series } sur { $site }

## Titres et descriptions
title-page = { $title } (page { $page })
title-tag = Mot-clé : { $term }
title-category = Catégorie : { $term }
meta-company-rated = { $company } obtient en moyenne { $average } sur { $count ->
    [one] { $count } note
   *[other] { $count } notes
}.
meta-company = Récits de clients sur { $company }.
meta-companies = Toutes les entreprises notées sur { $site }, de A à Z, avec leur note moyenne.
meta-author = Récits de { $author } sur { $site }.
meta-authors = Les personnes qui ont raconté leur histoire sur { $site }.
meta-term = Récits classés dans { $term } sur { $site }.
meta-terms = { $terms } de { $site }.
meta-search = Rechercher dans les récits de { $site }.

## Chart of the mean over time
chart-title-year = Score moyen de { $subject } par année, sur 100
chart-title-quarter = Score moyen de { $subject } par trimestre, sur 100
chart-period = { $period }: { $mean } ({ $count ->
    [one] { $count } note
   *[other] { $count } notes
})
chart-axis-year = Année
chart-axis-quarter = Trimestre
period-quarter = T{ $quarter } { $year }

## Threaded comments
comment-in-reply-to = en réponse à { $author }

## Story archive and redirects
archive-title = Tous les récits
archive-year-title = Récits de { $year }
archive-month-title = Récits de { $month }
archive-years = Années
archive-months = Mois
archive-by-year = Archives par année
archive-all-link = Tous les récits, par date
meta-archive = Tous les récits de { $site }, du plus récent au plus ancien.
meta-archive-period = Les récits de { $site } de { $period }.
redirect-title = Redirection
redirect-go-on = Cette adresse mène à

## Search script and related stories
search-found = { $count ->
    [one] { $count } récit trouvé
   *[other] { $count } récits trouvés
}
search-loading = Chargement de l’index de recherche…
search-failed = L’index de recherche n’a pas pu être chargé.
related-company-title = D’autres récits sur { $company }
related-tags-title = Des récits du même genre
