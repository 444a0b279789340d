# המילים של ערכת העיצוב בעברית (חלקי: מה שאינו כאן מוצג באנגלית).

## ניווט, כותרת עליונה ותחתונה
skip-to-content = דילוג לתוכן
nav-main = ניווט ראשי
nav-stories = סיפורים
nav-companies = חברות
nav-authors = כותבים
nav-categories = קטגוריות
nav-tags = תגיות
nav-search = חיפוש
footer-feeds = מעקב בפיד:
footer-all-stories = כל הסיפורים
footer-built-with = נבנה עם rave.

## ספירות
stories-count = { $count ->
    [one] סיפור אחד
    [two] שני סיפורים
   *[other] { $count } סיפורים
}
ratings-count = { $count ->
    [one] דירוג אחד
    [two] שני דירוגים
   *[other] { $count } דירוגים
}
comments-count = { $count ->
    [one] תגובה אחת
    [two] שתי תגובות
   *[other] { $count } תגובות
}
comments-title = { $count ->
    [one] תגובה אחת
    [two] שתי תגובות
   *[other] { $count } תגובות
}
companies-count = { $count ->
    [one] חברה אחת
    [two] שתי חברות
   *[other] { $count } חברות
}
reading-time = { $minutes } דק׳ קריאה

## כרטיסים וסיפורים
by-author = מאת
story-by-author = מאת
not-rated = ללא דירוג
card-not-rated = ללא דירוג
tags-label = תגיות
no-stories = אין עדיין סיפורים.
ratings-in-story = הדירוגים בסיפור הזה

## ניווט בין עמודים
pagination = ניווט בין עמודים
pagination-previous = העמוד הקודם
pagination-next = העמוד הבא
pagination-previous-hidden = { "" }
pagination-next-hidden = { "" }
pagination-page-number = עמוד{ " " }
page-of = עמוד { $number } מתוך { $total }

## דירוגים
no-grade-yet = אין עדיין ציון
verdict-good = טוב
verdict-mixed = מעורב
verdict-bad = רע
verdict-ugly = מחפיר
rating-grade = ציון { $grade } ({ $score } מתוך 100), { $verdict ->
    [good] טוב
    [mixed] מעורב
    [bad] רע
   *[ugly] מחפיר
}
rating-stars = { $stars } מתוך 5 כוכבים, { $verdict ->
    [good] טוב
    [mixed] מעורב
    [bad] רע
   *[ugly] מחפיר
}
rating-percent = { $score } מתוך 100, { $verdict ->
    [good] טוב
    [mixed] מעורב
    [bad] רע
   *[ugly] מחפיר
}

## דף הבית
latest-stories = הסיפורים האחרונים
stories-heading = סיפורים
highlights-title = הטובים והגרועים של { $year }
highlights-best = בעלי הדירוג הגבוה ביותר
highlights-worst = בעלי הדירוג הנמוך ביותר

## חברות
companies-title = חברות
report-card = תעודה
report-average = ממוצע
report-grades = ציונים
report-newest = הסיפור החדש ביותר
company-stories = סיפורים על { $company }
company-about = על { $company }

## כותבים, תגיות וחיפוש
authors-title = כותבים
tags-title = תגיות
categories-title = קטגוריות
search-title = חיפוש
search-label = חיפוש בסיפורים
search-button = חיפוש
search-filters = סינון
search-company = חברה
search-author = כותב
search-grade = ציון
search-any-grade = כל ציון
search-year = שנה
search-any-year = כל שנה
search-more = תוצאות נוספות

## הדף לא נמצא
not-found-title = הדף לא נמצא
not-found-lead = אין דף בכתובת הזאת. ייתכן שהוא הועבר, או שיש שגיאת הקלדה בקישור.
not-found-latest = הסיפורים האחרונים

## Threaded comments
comment-in-reply-to = בתגובה ל{ $author }

## תיבת הכותב והסדרה
editor-note = הערת העורך
photo-credit = צילום:
series-part-of = חלק { $position } מתוך { $total } בסדרה
series-previous-part = החלק הקודם
series-next-part = החלק הבא
series-coming = יתפרסם ב־
series-kicker = סדרה
series-coming-soon = בקרוב
series-part = חלק { $position }
parts-count = { $count ->
    [one] חלק אחד
    [two] שני חלקים
   *[other] { $count } חלקים
}
series-index-title = סדרות
series-index-lead = סיפורים בהמשכים, החל מהסדרה שנמשכה לאחרונה.
series-newest-part = החלק האחרון:
series-upcoming-count = { $count ->
    [one] עוד חלק אחד בדרך
    [two] עוד שני חלקים בדרך
   *[other] עוד { $count } חלקים בדרך
}
no-series = אין עדיין סדרות.
meta-series-index = סיפורים בהמשכים ב־{ $site }.
author-box-title = על
author-box-more = כל הסיפורים של { $author }
series-next-on = החלק הבא, ב־{ $date }:
series-next-about = על „{ $title }“

## Story archive and redirects
archive-title = כל הסיפורים
archive-year-title = סיפורים משנת { $year }
archive-month-title = סיפורים מחודש { $month }
archive-years = שנים
archive-months = חודשים
archive-by-year = ארכיון לפי שנה
archive-all-link = כל הסיפורים לפי תאריך
meta-archive = כל הסיפורים של { $site }, מהחדש לישן.
meta-archive-period = הסיפורים של { $site } מתקופת { $period }.
redirect-title = הפניה
redirect-go-on = הכתובת הזו מובילה אל

## Search script and related stories
search-found = { $count ->
    [one] נמצא סיפור אחד
    [two] נמצאו שני סיפורים
   *[other] נמצאו { $count } סיפורים
}
search-loading = טוען את אינדקס החיפוש…
search-failed = לא ניתן היה לטעון את אינדקס החיפוש.
related-company-title = עוד סיפורים על { $company }
related-tags-title = סיפורים דומים
