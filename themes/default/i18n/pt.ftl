# As palavras do tema padrão em português.

## Navegação, cabeçalho e rodapé
skip-to-content = Ir para o conteúdo
nav-main = Navegação principal
nav-stories = Histórias
nav-companies = Empresas
nav-authors = Autores
nav-categories = Categorias
nav-tags = Etiquetas
nav-search = Pesquisa
footer-feeds = Acompanhar por feed:
footer-all-stories = todas as histórias
footer-built-with = Feito com rave.

## Quantidades
stories-count = { $count ->
    [one] { $count } história
   *[other] { $count } histórias
}
ratings-count = { $count ->
    [one] { $count } avaliação
   *[other] { $count } avaliações
}
comments-count = { $count ->
    [one] { $count } comentário
   *[other] { $count } comentários
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
    [one] { $count } história em comum
   *[other] { $count } histórias em comum
}
stars-count = { $count ->
    [one] { $count } estrela
   *[other] { $count } estrelas
}
ratings-from-stories = { $ratings ->
    [one] { $ratings } avaliação
   *[other] { $ratings } avaliações
} de { $stories ->
    [one] { $stories } história
   *[other] { $stories } histórias
}
ratings-word = { $count ->
    [one] avaliação
   *[other] avaliações
}
stories-word = { $count ->
    [one] história
   *[other] histórias
}
reading-time = { $minutes } min de leitura
words-count = { $count ->
    [one] { $count } palavra
   *[other] { $count } palavras
}

## Cartões e histórias
by-author = por
story-by-author = Por
story-updated = Atualizado em
not-rated = sem avaliação
card-not-rated = Sem avaliação
mentions-also-rated = Também avaliadas
mentions-companies-rated = Empresas avaliadas
contact-channel = Canal de contato:
tags-label = Etiquetas
no-stories = Ainda não há histórias.
ratings-in-story = Avaliações nesta história
written-as = escrito como “{ $original }”
photo-credit = Foto:
filed-under = Arquivado em
editor-note = Nota do editor
series-part-of = Parte { $position } de { $total } da série
series-previous-part = Parte anterior
series-next-part = Próxima parte
author-box-title = Sobre
author-box-more = Todas as histórias de { $author }
series-next-on = Próxima parte, em { $date }:
series-next-about = conta “{ $title }”

## Paginação
pagination = Paginação
pagination-previous = Página anterior
pagination-next = Próxima página
pagination-previous-hidden = { "" }
pagination-next-hidden = { "" }
pagination-page-number = Página{ " " }
page-of = página { $number } de { $total }

## Avaliações
grade-hidden = Nota{ " " }
no-grade-yet = Ainda sem nota
ranking-score = pontuação no ranking { $score }
verdict-good = Bom
verdict-mixed = Misto
verdict-bad = Ruim
verdict-ugly = Péssimo
verdicts = Veredictos
rating-grade = Nota { $grade } ({ $score } de 100), { $verdict ->
    [good] bom
    [mixed] misto
    [bad] ruim
   *[ugly] péssimo
}
rating-stars = { $stars } de 5 estrelas, { $verdict ->
    [good] bom
    [mixed] misto
    [bad] ruim
   *[ugly] péssimo
}
rating-percent = { $score } de 100, { $verdict ->
    [good] bom
    [mixed] misto
    [bad] ruim
   *[ugly] péssimo
}
rating-verdict-only = Veredicto: { $verdict ->
    [good] bom
    [mixed] misto
    [bad] ruim
   *[ugly] péssimo
}, sem nota
channel-phone = Telefone
channel-email = E-mail
channel-chat = Chat
channel-in-store = Na loja
channel-online = On-line
channel-social = Redes sociais
channel-mail = Correio
percent = { $value }%

## Página inicial
latest-stories = Histórias mais recentes
stories-heading = Histórias
highlights-title = O melhor e o pior de { $year }
highlights-best = Mais bem avaliadas
highlights-worst = Mais mal avaliadas
highlights-all-best = Todas as empresas mais bem avaliadas
highlights-all-worst = Todas as empresas mais mal avaliadas
highlights-no-best = Nenhuma empresa teve média boa ou mista em { $year }.
highlights-no-worst = Nenhuma empresa teve média ruim ou mista em { $year }.
highlights-too-few = Ainda há poucas avaliações de { $year } para montar um ranking: cada empresa precisa de { $count ->
    [one] { $count } avaliação
   *[other] { $count } avaliações
} no ano.

## Empresas
companies-title = Empresas
companies-lead = { $count ->
    [one] { $count } empresa
   *[other] { $count } empresas
}, de A a Z, com a média das suas avaliações.
companies-rankings = Rankings:
companies-best = mais bem avaliadas
companies-worst = mais mal avaliadas
companies-most-discussed = mais comentadas
companies-by-letter = Empresas por letra
no-companies = Ainda não há empresas.
report-card = Boletim
report-average = média
report-mean = Pontuação média { $mean } de 100
report-told-years = contadas de { $year_first } a { $year_last }
report-told-on = contada em
report-told-in = contadas em { $year }
report-grades = Notas
report-no-grades = Ainda não há avaliações com nota.
report-newest = História mais recente
report-over-time = Ao longo do tempo
report-by-channel = Por canal de contato
report-channel = Canal
report-stories = Histórias
report-ratings = Avaliações
report-average-column = Média
report-none = nenhuma
report-full-card = o boletim completo
experiences-title = Melhores e piores experiências
best-experience = Melhor experiência
worst-experience = Pior experiência
company-stories = Histórias sobre { $company }
company-about = Sobre { $company }
company-website = Site:
company-aliases = Também escrito como
related-title = Avaliadas nas mesmas histórias

## Rankings
rankings-nav = Rankings
board-best = Empresas mais bem avaliadas
board-worst = Empresas mais mal avaliadas
board-most-discussed = Empresas mais comentadas
board-most-discussed-description = Empresas pelo número de histórias que as mencionam.
board-ranked-description = Empresas com pelo menos { $min ->
    [one] { $min } avaliação
   *[other] { $min } avaliações
}, ordenadas pela média puxada para a média do site com o peso de { $weight ->
    [one] { $weight } avaliação
   *[other] { $weight } avaliações
}, para que uma única história entusiasmada ou furiosa não lidere a lista.
board-best-left-out = Empresas com média ruim ficam de fora.
board-worst-left-out = Empresas com média boa ficam de fora.
board-empty = Nenhuma empresa se qualifica ainda.
board-site-mean = A média de todas as avaliações com nota deste site é { $mean } de 100.

## Autores
authors-title = Autores
authors-lead = As pessoas que contam estas histórias.
no-authors = Ainda não há autores.
author-companies = Empresas avaliadas
author-stories = Histórias de { $author }

## Etiquetas, categorias e séries
tagged = Histórias com a etiqueta “{ $tag }”
term-stories-tag = { $count ->
    [one] { $count } história
   *[other] { $count } histórias
} com esta etiqueta
term-stories-category = { $count ->
    [one] { $count } história
   *[other] { $count } histórias
} nesta categoria
tags-title = Etiquetas
categories-title = Categorias
tags-lead-before = Navegue pelas histórias por etiqueta ou por
tags-lead-link = categoria
categories-lead-before = Navegue pelas histórias por categoria ou por
categories-lead-link = etiqueta
no-tags = Ainda não há etiquetas.
no-categories = Ainda não há categorias.
series-kicker = Série
series-coming-soon = Em breve
series-coming = publicação em
series-part = Parte { $position }
series-index-title = Séries
series-index-lead = Histórias contadas em várias partes, primeiro a continuada mais recentemente.
series-newest-part = Parte mais recente:
series-upcoming-count = { $count ->
    [one] { $count } parte por publicar
   *[other] { $count } partes por publicar
}
no-series = Ainda não há séries.
meta-series-index = Histórias contadas em várias partes em { $site }.

## Pesquisa
search-title = Pesquisa
search-lead = Encontre histórias por título, empresa, autor ou etiqueta.
search-label = Pesquisar histórias
search-button = Pesquisar
search-nojs-before = A pesquisa precisa de JavaScript. Sem ele, navegue pelas
search-nojs-companies = empresas
search-nojs-authors = autores
search-nojs-tags = etiquetas
search-or = ou
search-filters = Filtrar
search-company = Empresa
search-author = Autor
search-grade = Nota
search-any-grade = Qualquer nota
search-year = Ano
search-any-year = Qualquer ano
search-more = Mais resultados

## Comentários
comments-title = { $count ->
    [one] { $count } comentário
   *[other] { $count } comentários
}

## Página não encontrada
not-found-title = Página não encontrada
not-found-lead = Não há nenhuma página neste endereço. Talvez ela tenha mudado de lugar, ou o link tenha um erro de digitação.
not-found-latest = Histórias mais recentes
not-found-companies = Empresas de A a Z

## Feeds
feed-company = { $company } em { $site }
feed-author = Histórias de { $author } em { $site }
feed-term = { $term } em { $site }
feed-series = { $series } em { $site }

## Títulos e descrições
title-page = { $title } (página { $page })
title-tag = Etiqueta: { $term }
title-category = Categoria: { $term }
meta-company-rated = { $company } tem média { $average } em { $count ->
    [one] { $count } avaliação
   *[other] { $count } avaliações
}.
meta-company = Histórias de clientes sobre { $company }.
meta-companies = Todas as empresas avaliadas em { $site }, de A a Z, com a nota média.
meta-author = Histórias de { $author } em { $site }.
meta-authors = As pessoas que contaram suas histórias em { $site }.
meta-term = Histórias arquivadas em { $term } em { $site }.
meta-terms = { $terms } de { $site }.
meta-search = Pesquise as histórias de { $site }.

## Chart of the mean over time
chart-title-year = Pontuação média de { $subject } por ano, de 100
chart-title-quarter = Pontuação média de { $subject } por trimestre, de 100
chart-period = { $period }: { $mean } ({ $count ->
    [one] { $count } avaliação
   *[other] { $count } avaliações
})
chart-axis-year = Ano
chart-axis-quarter = Trimestre
period-quarter = T{ $quarter } { $year }

## Threaded comments
comment-in-reply-to = em resposta a { $author }

## Story archive and redirects
archive-title = Todas as histórias
archive-year-title = Histórias de { $year }
archive-month-title = Histórias de { $month }
archive-years = Anos
archive-months = Meses
archive-by-year = Arquivo por ano
archive-all-link = Todas as histórias, por data
meta-archive = Todas as histórias de { $site }, das mais recentes às mais antigas.
meta-archive-period = As histórias de { $site } de { $period }.
redirect-title = Redirecionamento
redirect-go-on = Este endereço leva a

## Search script and related stories
search-found = { $count ->
    [one] { $count } história encontrada
   *[other] { $count } histórias encontradas
}
search-loading = A carregar o índice de pesquisa…
search-failed = Não foi possível carregar o índice de pesquisa.
related-company-title = Mais histórias sobre { $company }
related-tags-title = Histórias parecidas
