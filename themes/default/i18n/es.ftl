# Las palabras del tema predeterminado en español.

## Navegación, cabecera y pie
skip-to-content = Saltar al contenido
nav-main = Navegación principal
nav-stories = Historias
nav-companies = Empresas
nav-authors = Autores
nav-categories = Categorías
nav-tags = Etiquetas
nav-search = Buscar
footer-feeds = Seguir por feed:
footer-all-stories = todas las historias
footer-built-with = Hecho con rave.

## Cantidades
stories-count = { $count ->
    [one] { $count } historia
   *[other] { $count } historias
}
ratings-count = { $count ->
    [one] { $count } valoración
   *[other] { $count } valoraciones
}
comments-count = { $count ->
    [one] { $count } comentario
   *[other] { $count } comentarios
}
parts-count = { $count ->
    [one] { $count } parte
   *[other] { $count } partes
}
companies-count = { $count ->
    [one] { $count } empresa
   *[other] { $count } empresas
}
shared-stories-count = { $count ->
    [one] { $count } historia en común
   *[other] { $count } historias en común
}
stars-count = { $count ->
    [one] { $count } estrella
   *[other] { $count } estrellas
}
ratings-from-stories = { $ratings ->
    [one] { $ratings } valoración
   *[other] { $ratings } valoraciones
} de { $stories ->
    [one] { $stories } historia
   *[other] { $stories } historias
}
ratings-word = { $count ->
    [one] valoración
   *[other] valoraciones
}
stories-word = { $count ->
    [one] historia
   *[other] historias
}
reading-time = { $minutes } min de lectura
words-count = { $count ->
    [one] { $count } palabra
   *[other] { $count } palabras
}

## Tarjetas e historias
by-author = por
story-by-author = Por
story-updated = Actualizado el
not-rated = sin valorar
card-not-rated = Sin valorar
mentions-also-rated = También valoradas
mentions-companies-rated = Empresas valoradas
contact-channel = Canal de contacto:
tags-label = Etiquetas
no-stories = Todavía no hay historias.
ratings-in-story = Valoraciones de esta historia
written-as = escrito como «{ $original }»
photo-credit = Foto:
filed-under = Archivado en
editor-note = Nota del editor
series-part-of = Parte { $position } de { $total } de la serie
series-previous-part = Parte anterior
series-next-part = Parte siguiente
author-box-title = Sobre
author-box-more = Todas las historias de { $author }
series-next-on = Próxima parte, el { $date }:
series-next-about = cuenta «{ $title }»

## Paginación
pagination = Paginación
pagination-previous = Página anterior
pagination-next = Página siguiente
pagination-previous-hidden = { "" }
pagination-next-hidden = { "" }
pagination-page-number = Página{ " " }
page-of = página { $number } de { $total }

## Valoraciones
grade-hidden = Nota{ " " }
no-grade-yet = Todavía sin nota
ranking-score = puntuación de clasificación { $score }
verdict-good = Bueno
verdict-mixed = Regular
verdict-bad = Malo
verdict-ugly = Pésimo
verdicts = Veredictos
rating-grade = Nota { $grade } ({ $score } de 100), { $verdict ->
    [good] bueno
    [mixed] regular
    [bad] malo
   *[ugly] pésimo
}
rating-stars = { $stars } de 5 estrellas, { $verdict ->
    [good] bueno
    [mixed] regular
    [bad] malo
   *[ugly] pésimo
}
rating-percent = { $score } de 100, { $verdict ->
    [good] bueno
    [mixed] regular
    [bad] malo
   *[ugly] pésimo
}
rating-verdict-only = Veredicto: { $verdict ->
    [good] bueno
    [mixed] regular
    [bad] malo
   *[ugly] pésimo
}, sin nota
channel-phone = Teléfono
channel-email = Correo electrónico
channel-chat = Chat
channel-in-store = En tienda
channel-online = En línea
channel-social = Redes sociales
channel-mail = Correo postal
percent = { $value } %

## Portada
latest-stories = Últimas historias
stories-heading = Historias
highlights-title = Lo mejor y lo peor de { $year }
highlights-best = Las mejor valoradas
highlights-worst = Las peor valoradas
highlights-all-best = Todas las empresas mejor valoradas
highlights-all-worst = Todas las empresas peor valoradas
highlights-no-best = Ninguna empresa obtuvo una media buena o regular en { $year }.
highlights-no-worst = Ninguna empresa obtuvo una media mala o regular en { $year }.
highlights-too-few = Aún hay muy pocas valoraciones de { $year } para clasificar empresas: cada una necesita { $count ->
    [one] { $count } valoración
   *[other] { $count } valoraciones
} en el año.

## Empresas
companies-title = Empresas
companies-lead = { $count ->
    [one] { $count } empresa
   *[other] { $count } empresas
}, de la A a la Z, con la media de sus valoraciones.
companies-rankings = Clasificaciones:
companies-best = mejor valoradas
companies-worst = peor valoradas
companies-most-discussed = más comentadas
companies-by-letter = Empresas por letra
no-companies = Todavía no hay empresas.
report-card = Boletín de notas
report-average = media
report-mean = Puntuación media { $mean } de 100
report-told-years = contadas de { $year_first } a { $year_last }
report-told-on = contada el
report-told-in = contadas en { $year }
report-grades = Notas
report-no-grades = Todavía no hay valoraciones con nota.
report-newest = Historia más reciente
report-over-time = A lo largo del tiempo
report-by-channel = Por canal de contacto
report-channel = Canal
report-stories = Historias
report-ratings = Valoraciones
report-average-column = Media
report-none = ninguna
report-full-card = el boletín completo
experiences-title = Mejores y peores experiencias
best-experience = Mejor experiencia
worst-experience = Peor experiencia
company-stories = Historias sobre { $company }
company-about = Acerca de { $company }
company-website = Sitio web:
company-aliases = También escrito como
related-title = Valoradas en las mismas historias

## Clasificaciones
rankings-nav = Clasificaciones
board-best = Empresas mejor valoradas
board-worst = Empresas peor valoradas
board-most-discussed = Empresas más comentadas
board-most-discussed-description = Empresas según el número de historias que las mencionan.
board-ranked-description = Empresas con al menos { $min ->
    [one] { $min } valoración
   *[other] { $min } valoraciones
}, ordenadas por su media acercada a la media del sitio con el peso de { $weight ->
    [one] { $weight } valoración
   *[other] { $weight } valoraciones
}, para que una sola historia entusiasta o furiosa no encabece la lista.
board-best-left-out = Quedan fuera las empresas cuya media es mala.
board-worst-left-out = Quedan fuera las empresas cuya media es buena.
board-empty = Todavía ninguna empresa cumple los requisitos.
board-site-mean = La media de todas las valoraciones con nota de este sitio es { $mean } de 100.

## Autores
authors-title = Autores
authors-lead = Las personas que cuentan estas historias.
no-authors = Todavía no hay autores.
author-companies = Empresas valoradas
author-stories = Historias de { $author }

## Etiquetas, categorías y series
tagged = Historias con la etiqueta «{ $tag }»
term-stories-tag = { $count ->
    [one] { $count } historia
   *[other] { $count } historias
} con esta etiqueta
term-stories-category = { $count ->
    [one] { $count } historia
   *[other] { $count } historias
} en esta categoría
tags-title = Etiquetas
categories-title = Categorías
tags-lead-before = Explora las historias por etiqueta o por
tags-lead-link = categoría
categories-lead-before = Explora las historias por categoría o por
categories-lead-link = etiqueta
no-tags = Todavía no hay etiquetas.
no-categories = Todavía no hay categorías.
series-kicker = Serie
series-coming-soon = Próximamente
series-coming = se publica el
series-part = Parte { $position }
series-index-title = Series
series-index-lead = Historias contadas en varias partes, primero la continuada más recientemente.
series-newest-part = Parte más reciente:
series-upcoming-count = { $count ->
    [one] { $count } parte por publicar
   *[other] { $count } partes por publicar
}
no-series = Todavía no hay series.
meta-series-index = Historias contadas en varias partes en { $site }.

## Búsqueda
search-title = Buscar
search-lead = Encuentra historias por título, empresa, autor o etiqueta.
search-label = Buscar historias
search-button = Buscar
search-nojs-before = La búsqueda necesita JavaScript. Sin él, explora las
search-nojs-companies = empresas
search-nojs-authors = autores
search-nojs-tags = etiquetas
search-or = o
search-filters = Filtrar
search-company = Empresa
search-author = Autor
search-grade = Nota
search-any-grade = Cualquier nota
search-year = Año
search-any-year = Cualquier año
search-more = Más resultados

## Comentarios
comments-title = { $count ->
    [one] { $count } comentario
   *[other] { $count } comentarios
}

## Página no encontrada
not-found-title = Página no encontrada
not-found-lead = No hay ninguna página en esta dirección. Puede que se haya movido o que el enlace tenga una errata.
not-found-latest = Últimas historias
not-found-companies = Empresas de la A a la Z

## Feeds
feed-company = { $company } en { $site }
feed-author = Historias de { $author } en { $site }
feed-term = { $term } en { $site }
feed-series = { $series } en { $site }

## Títulos y descripciones
title-page = { $title } (página { $page })
title-tag = Etiqueta: { $term }
title-category = Categoría: { $term }
meta-company-rated = { $company } tiene una media de { $average } según { $count ->
    [one] { $count } valoración
   *[other] { $count } valoraciones
}.
meta-company = Historias de clientes sobre { $company }.
meta-companies = Todas las empresas valoradas en { $site }, de la A a la Z, con su nota media.
meta-author = Historias de { $author } en { $site }.
meta-authors = Las personas que han contado sus historias en { $site }.
meta-term = Historias archivadas en { $term } en { $site }.
meta-terms = { $terms } de { $site }.
meta-search = Busca en las historias de { $site }.

## Chart of the mean over time
chart-title-year = Puntuación media de { $subject } por año, sobre 100
chart-title-quarter = Puntuación media de { $subject } por trimestre, sobre 100
chart-period = { $period }: { $mean } ({ $count ->
    [one] { $count } valoración
   *[other] { $count } valoraciones
})
chart-axis-year = Año
chart-axis-quarter = Trimestre
period-quarter = T{ $quarter } { $year }

## Threaded comments
comment-in-reply-to = en respuesta a { $author }

## Story archive and redirects
archive-title = Todas las historias
archive-year-title = Historias de { $year }
archive-month-title = Historias de { $month }
archive-years = Años
archive-months = Meses
archive-by-year = Archivo por años
archive-all-link = Todas las historias, por fecha
meta-archive = Todas las historias de { $site }, de la más reciente a la más antigua.
meta-archive-period = Las historias de { $site } de { $period }.
redirect-title = Redirección
redirect-go-on = Esta dirección lleva a

## Search script and related stories
search-found = { $count ->
    [one] { $count } historia encontrada
   *[other] { $count } historias encontradas
}
search-loading = Cargando el índice de búsqueda…
search-failed = No se pudo cargar el índice de búsqueda.
related-company-title = Más historias sobre { $company }
related-tags-title = Historias parecidas
