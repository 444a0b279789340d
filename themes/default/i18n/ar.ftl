# كلمات القالب الافتراضي بالعربية (جزئية: ما لا يوجد هنا يظهر بالإنجليزية).

## التنقل والترويسة والتذييل
skip-to-content = انتقل إلى المحتوى
nav-main = القائمة الرئيسية
nav-stories = القصص
nav-companies = الشركات
nav-authors = الكتّاب
nav-categories = التصنيفات
nav-tags = الوسوم
nav-search = بحث
footer-feeds = تابِع عبر الخلاصة:
footer-all-stories = كل القصص
footer-built-with = صُنع باستخدام rave.

## المعدودات
stories-count = { $count ->
    [zero] لا قصص
    [one] قصة واحدة
    [two] قصتان
    [few] { $count } قصص
    [many] { $count } قصة
   *[other] { $count } قصة
}
ratings-count = { $count ->
    [zero] لا تقييمات
    [one] تقييم واحد
    [two] تقييمان
    [few] { $count } تقييمات
    [many] { $count } تقييمًا
   *[other] { $count } تقييم
}
comments-count = { $count ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقًا
   *[other] { $count } تعليق
}
comments-title = { $count ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقًا
   *[other] { $count } تعليق
}
companies-count = { $count ->
    [zero] لا شركات
    [one] شركة واحدة
    [two] شركتان
    [few] { $count } شركات
    [many] { $count } شركة
   *[other] { $count } شركة
}
reading-time = مدة القراءة { $minutes } د

## البطاقات والقصص
by-author = بقلم
story-by-author = بقلم
not-rated = بلا تقييم
card-not-rated = بلا تقييم
tags-label = الوسوم
no-stories = لا قصص بعد.
ratings-in-story = التقييمات في هذه القصة

## التنقل بين الصفحات
pagination = التنقل بين الصفحات
pagination-previous = الصفحة السابقة
pagination-next = الصفحة التالية
pagination-previous-hidden = { "" }
pagination-next-hidden = { "" }
pagination-page-number = الصفحة{ " " }
page-of = الصفحة { $number } من { $total }

## التقييمات
no-grade-yet = لا درجة بعد
verdict-good = جيد
verdict-mixed = متفاوت
verdict-bad = سيئ
verdict-ugly = فظيع
rating-grade = الدرجة { $grade } ({ $score } من 100)، { $verdict ->
    [good] جيد
    [mixed] متفاوت
    [bad] سيئ
   *[ugly] فظيع
}
rating-stars = { $stars } من 5 نجوم، { $verdict ->
    [good] جيد
    [mixed] متفاوت
    [bad] سيئ
   *[ugly] فظيع
}
rating-percent = { $score } من 100، { $verdict ->
    [good] جيد
    [mixed] متفاوت
    [bad] سيئ
   *[ugly] فظيع
}

## الصفحة الرئيسية
latest-stories = أحدث القصص
stories-heading = القصص
highlights-title = الأفضل والأسوأ في { $year }
highlights-best = الأعلى تقييمًا
highlights-worst = الأدنى تقييمًا

## الشركات
companies-title = الشركات
report-card = بطاقة التقييم
report-average = المتوسط
report-grades = الدرجات
report-newest = أحدث قصة
company-stories = قصص عن { $company }
company-about = عن { $company }

## الكتّاب والوسوم والبحث
authors-title = الكتّاب
tags-title = الوسوم
categories-title = التصنيفات
search-title = بحث
search-label = ابحث في القصص
search-button = بحث
search-filters = تصفية
search-company = الشركة
search-author = الكاتب
search-grade = الدرجة
search-any-grade = أي درجة
search-year = السنة
search-any-year = أي سنة
search-more = المزيد من النتائج

## الصفحة غير موجودة
not-found-title = الصفحة غير موجودة
not-found-lead = لا توجد صفحة بهذا العنوان. ربما نُقلت، أو أن في الرابط خطأً مطبعيًا.
not-found-latest = أحدث القصص

## Threaded comments
comment-in-reply-to = ردًّا على { $author }

## صندوق الكاتب والسلسلة
editor-note = ملاحظة المحرّر
photo-credit = تصوير:
series-part-of = الجزء { $position } من { $total } في سلسلة
series-previous-part = الجزء السابق
series-next-part = الجزء التالي
series-coming = يُنشر في
series-kicker = سلسلة
series-coming-soon = قريبًا
series-part = الجزء { $position }
parts-count = { $count ->
    [zero] لا أجزاء
    [one] جزء واحد
    [two] جزآن
    [few] { $count } أجزاء
    [many] { $count } جزءًا
   *[other] { $count } جزء
}
series-index-title = السلاسل
series-index-lead = قصص تُروى على أجزاء، تبدأ بالسلسلة التي استُكملت مؤخرًا.
series-newest-part = أحدث جزء:
series-upcoming-count = { $count ->
    [zero] لا أجزاء قادمة
    [one] جزء واحد قادم
    [two] جزآن قادمان
    [few] { $count } أجزاء قادمة
    [many] { $count } جزءًا قادمًا
   *[other] { $count } جزء قادم
}
no-series = لا سلاسل بعد.
meta-series-index = القصص التي تُروى على أجزاء في { $site }.
author-box-title = عن
author-box-more = كل قصص { $author }
series-next-on = الجزء التالي، في { $date }:
series-next-about = يروي «{ $title }»

## Story archive and redirects
archive-title = كل القصص
archive-year-title = قصص عام { $year }
archive-month-title = قصص { $month }
archive-years = السنوات
archive-months = الأشهر
archive-by-year = الأرشيف حسب السنة
archive-all-link = كل القصص حسب التاريخ
meta-archive = كل قصص { $site }، الأحدث أولًا.
meta-archive-period = قصص { $site } في { $period }.
redirect-title = إعادة توجيه
redirect-go-on = هذا العنوان يؤدي إلى

## Search script and related stories
search-found = { $count ->
    [zero] لم يُعثر على أي قصة
    [one] عُثر على قصة واحدة
    [two] عُثر على قصتين
    [few] عُثر على { $count } قصص
   *[other] عُثر على { $count } قصة
}
search-loading = جارٍ تحميل فهرس البحث…
search-failed = تعذّر تحميل فهرس البحث.
related-company-title = المزيد من القصص عن { $company }
related-tags-title = قصص مشابهة
