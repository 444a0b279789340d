//! The starter site of `rave init --language de`: the same two sample stories, company and
//! writer as the English one, written in German, so a German blog starts in German.

pub(super) const DESCRIPTION: &str =
    "Geschichten über Kundenservice, gute, schlechte und üble, erzählt von den Kunden und benotet.";

pub(super) const STORY_BAKERY: &str = r#"---
title: Die Bäckerei Kieselweg backte einen Geburtstagskuchen in einer Stunde
date: 2023-10-14
author: wren-castellano
companies:
  - name: Kieselweg
    rating: A
    channel: in-store
tags: [bäckereien, geburtstage]
category: Essen und Trinken
---
Den Zitronenkuchen für den siebten Geburtstag meiner Tochter hatte ich zwei Wochen vorher bestellt, ganz bezahlt und mir das Datum in Großbuchstaben in den Kalender geschrieben. Als ich am Samstag um neun in der Bäckerei Kieselweg stand, gab es keinen Kuchen und auch keine Bestellung.

Der Bäcker an der Theke, laut Namensschild Tomasz, sah auf das leere Regal, dann in mein Gesicht und sagte: „Geben Sie mir eine Stunde.“ Er rief eine Kollegin an, die an ihrem freien Tag kam, um die Kasse zu übernehmen, und verschwand in der Backstube.

Um zehn nach zehn kam er mit einem Zitronenbiskuit heraus, noch ein wenig warm, gelb glasiert, mit einer leicht schiefen Sieben. Noch einmal bezahlen ließ er mich nicht, und er legte eine Tüte Mürbegebäck „für die Erwachsenen“ dazu.

## Note

**Bäckerei Kieselweg: A.** Bestellungen gehen überall verloren. Entscheidend ist, was danach passiert, und danach kam ein Bäcker, der den Geburtstag meiner Tochter zu seiner eigenen Aufgabe machte.
"#;

pub(super) const STORY_CYCLES: &str = r#"---
title: Ein Platten, ein verspäteter Zug und ein Fahrradladen, der offen blieb
date: 2023-11-04
author: wren-castellano
companies:
  - name: Fernhill Cycles
    rating: 5 stars
    channel: in-store
  - name: Gullwing Rail
    rating: 2/5
    channel: online
tags: [radfahren, bahn]
category: Unterwegs
---
Ich fahre mit dem Rad zum Bahnhof, nehme den Zug um 17:40 nach Hause und radle das letzte Stück. An einem nassen Donnerstag im November stand der Zug fünfzig Minuten vor der Stadt, während die App von Gullwing Rail weiter „pünktlich“ meldete und im Zug niemand irgendetwas sagte.

Als ich endlich wieder bei meinem Rad war, war der Hinterreifen platt. Es war Viertel vor sieben, und Fernhill Cycles auf der anderen Straßenseite drehte gerade das Schild auf *Geschlossen*.

Die Inhaberin sah mich durch die Scheibe, drehte das Schild zurück und winkte mich herein. Sie flickte den Schlauch, prüfte „wo wir schon dabei sind“ die Bremsen und berechnete mir den Flicken und sonst nichts. Ich fuhr im Regen nach Hause und war seltsam gut gelaunt.

## Noten

**Fernhill Cycles: 5 Sterne.** Zwanzig Minuten nach Ladenschluss, für eine Fremde mit nassem Rad und schlechter Laune.

**Gullwing Rail: 2/5.** Züge verspäten sich, das kommt vor. Den Fahrgästen nichts zu sagen, weder im Zug noch in der App, ist eine Entscheidung.
"#;

pub(super) const COMPANY: &str = r#"---
name: Bäckerei Kieselweg
aliases:
  - Kieselweg
website: https://kieselweg-baeckerei.example.com
description: Eine Bäckerei im Viertel, bekannt für ihr Sauerteigbrot und ihre Geburtstagskuchen.
---
Die Bäckerei Kieselweg ist eine kleine Bäckerei im Viertel, und eine erfundene: Sie kam mit dieser Starter-Site, um zu zeigen, wie eine Unternehmensseite aussieht. Geschichten, die sie „Kieselweg“ nennen, zählen ebenfalls hierher, weil dieser Name unter `aliases:` steht.

Ersetzen Sie sie durch ein Unternehmen, das Ihre Autorinnen und Autoren benoten, oder löschen Sie diese Datei.
"#;

pub(super) const AUTHOR: &str = r#"---
name: Wren Castellano
tagline: Mutter, Pendlerin und Sammlerin kleiner Freundlichkeiten
---
Wren ist eine erfundene Gastautorin, die mit dieser Starter-Site kam. Ersetzen Sie dieses Profil durch Ihr eigenes (`rave new author "Ihr Name"`) oder löschen Sie es zusammen mit den beiden Beispielgeschichten.
"#;
