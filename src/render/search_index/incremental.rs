//! The search index kept between a session's renders: after a few entries changed, only their
//! words are derived again (normalising text is most of the cost of a clean index), the postings
//! of the words they gained or lost are patched, and only the files those touch are encoded
//! again. Every other file is handed on as the same shared bytes, and the result is byte for
//! byte what [`super::files`] makes from scratch.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::encode::{
    chunk_bytes, chunk_path, grade_path, list_bytes, meta_bytes, meta_path, shard_bytes, shard_key,
    shard_path, year_path,
};
use super::{CHUNK, SearchDoc, for_each_word};

/// The kinds of words, each with its own shards, in the order of the index's files: everything
/// searchable (`w`), company names (`c`), author names (`a`).
const KINDS: [&str; 3] = ["w", "c", "a"];
const ALL: usize = 0;
const COMPANIES: usize = 1;
const AUTHORS: usize = 2;

/// The index of the entries of the last call to [`SearchIndex::update`], with what each entry
/// contributes to it.
#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    /// False until the first update.
    built: bool,
    vocabulary: Vocabulary,
    stories: Vec<StoryTerms>,
    kinds: [WordIndex; 3],
    years: BTreeMap<i16, ListFile>,
    grades: BTreeMap<&'static str, ListFile>,
    chunks: Vec<(String, Arc<[u8]>)>,
    meta: Option<Arc<[u8]>>,
}

/// Every word seen, numbered, so that stories and postings hold numbers, not strings.
#[derive(Debug, Default)]
struct Vocabulary {
    ids: HashMap<Box<str>, u32>,
    words: Vec<Box<str>>,
}

impl Vocabulary {
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
        self.words.push(word.into());
        self.ids.insert(word.into(), id);
        id
    }

    fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }
}

/// What one story puts in the index besides its entry: its words of each kind (ascending
/// numbers, no repeats), its year and its grade bands (ascending, no repeats).
#[derive(Debug, Default, PartialEq)]
struct StoryTerms {
    words: [Vec<u32>; 3],
    year: i16,
    grades: Vec<&'static str>,
}

impl StoryTerms {
    fn of(doc: &SearchDoc, vocabulary: &mut Vocabulary) -> Self {
        let mut words: [Vec<u32>; 3] = Default::default();
        let mut add = |kind: usize, text: &str| {
            for_each_word(text, |word| words[kind].push(vocabulary.id(word)));
        };
        for text in [&doc.title, &doc.summary].into_iter().chain(&doc.tags) {
            add(ALL, text);
        }
        add(AUTHORS, &doc.author);
        for company in &doc.companies {
            add(COMPANIES, &company.name);
        }
        let [all, companies, authors] = &mut words;
        all.extend_from_slice(companies);
        all.extend_from_slice(authors);
        for list in &mut words {
            list.sort_unstable();
            list.dedup();
        }
        let mut grades = doc.grades.clone();
        grades.sort_unstable();
        grades.dedup();
        StoryTerms {
            words,
            year: doc.year,
            grades,
        }
    }
}

/// The postings and shard files of one kind of word.
#[derive(Debug, Default)]
struct WordIndex {
    /// Per word number: the stories that have it, ascending (empty for words no story has).
    postings: Vec<Vec<u32>>,
    /// Per shard key: the words in it and its file.
    shards: BTreeMap<String, Shard>,
}

#[derive(Debug)]
struct Shard {
    path: String,
    /// Numbers of the words with stories, in the order of the words.
    words: Vec<u32>,
    bytes: Arc<[u8]>,
}

/// A year's or a grade band's stories and their file.
#[derive(Debug)]
struct ListFile {
    path: String,
    stories: Vec<u32>,
    bytes: Arc<[u8]>,
}

/// What an update must encode again.
#[derive(Debug, Default)]
struct Dirty {
    shards: [BTreeSet<String>; 3],
    years: BTreeSet<i16>,
    grades: BTreeSet<&'static str>,
    chunks: BTreeSet<usize>,
    /// A count of `meta.json` may have changed.
    meta: bool,
}

impl SearchIndex {
    /// Every file of the index of `docs`: paths and bytes exactly as [`super::files`] gives
    /// them, in the same order. `changed` lists the positions of the only entries that differ
    /// from the last call's `docs` (same length); `None` when anything may differ. Files whose
    /// bytes are unchanged are the same `Arc`s as last time.
    pub(crate) fn update(
        &mut self,
        docs: &[SearchDoc],
        changed: Option<&[usize]>,
    ) -> Vec<(String, Arc<[u8]>)> {
        let dirty = match changed {
            Some(changed)
                if self.built
                    && docs.len() == self.stories.len()
                    && changed.iter().all(|&i| i < docs.len()) =>
            {
                self.patch(docs, changed)
            }
            _ => self.rebuild(docs),
        };
        self.encode(docs, &dirty);
        self.built = true;
        self.files()
    }

    /// [`SearchIndex::update`] after stories moved, were added or were removed: the entry at
    /// position `i` of `docs` was at position `old_of[i]` of the last call's (`None`: new), and
    /// is unchanged unless `rebuilt[i]`. The index numbers stories by position, so every list
    /// is derived again; only the words of new and rebuilt entries are (normalising text is
    /// most of the cost).
    pub(crate) fn update_moved(
        &mut self,
        docs: &[SearchDoc],
        old_of: &[Option<usize>],
        rebuilt: &[bool],
    ) -> Vec<(String, Arc<[u8]>)> {
        if !self.built || old_of.len() != docs.len() || rebuilt.len() != docs.len() {
            return self.update(docs, None);
        }
        let mut old: Vec<Option<StoryTerms>> = std::mem::take(&mut self.stories)
            .into_iter()
            .map(Some)
            .collect();
        self.stories = docs
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                let kept = old_of[i]
                    .filter(|_| !rebuilt[i])
                    .and_then(|o| old.get_mut(o)?.take());
                kept.unwrap_or_else(|| StoryTerms::of(doc, &mut self.vocabulary))
            })
            .collect();
        // Words no story has any more stay numbered: no shard lists a word without stories.
        let dirty = self.derive();
        self.encode(docs, &dirty);
        self.files()
    }

    /// Derives everything again; old files are kept where their bytes come out the same.
    fn rebuild(&mut self, docs: &[SearchDoc]) -> Dirty {
        let mut vocabulary = Vocabulary::default();
        self.stories = docs
            .iter()
            .map(|doc| StoryTerms::of(doc, &mut vocabulary))
            .collect();
        self.vocabulary = vocabulary;
        self.derive()
    }

    /// Every posting, shard, year and grade list and chunk from the stories' terms, all to be
    /// encoded again (old files are kept where their bytes come out the same).
    fn derive(&mut self) -> Dirty {
        let chunk_count = self.stories.len().div_ceil(CHUNK);
        let mut dirty = Dirty::default();
        for (kind, index) in self.kinds.iter_mut().enumerate() {
            let mut postings = vec![Vec::new(); self.vocabulary.words.len()];
            for (id, story) in self.stories.iter().enumerate() {
                for &word in &story.words[kind] {
                    postings[word as usize].push(story_number(id));
                }
            }
            let mut shards: BTreeMap<String, Vec<u32>> = BTreeMap::new();
            for (word, stories) in postings.iter().enumerate() {
                if !stories.is_empty() {
                    let word = u32::try_from(word).unwrap_or(u32::MAX);
                    let key = shard_key(self.vocabulary.word(word));
                    shards.entry(key).or_default().push(word);
                }
            }
            index.shards.retain(|key, _| shards.contains_key(key));
            for (key, mut words) in shards {
                words.sort_unstable_by(|a, b| {
                    self.vocabulary.word(*a).cmp(self.vocabulary.word(*b))
                });
                new_shard(&mut index.shards, kind, &key).words = words;
                dirty.shards[kind].insert(key);
            }
            index.postings = postings;
        }
        let mut years: BTreeMap<i16, Vec<u32>> = BTreeMap::new();
        let mut grades: BTreeMap<&'static str, Vec<u32>> = BTreeMap::new();
        for (id, story) in self.stories.iter().enumerate() {
            years.entry(story.year).or_default().push(story_number(id));
            for grade in &story.grades {
                grades.entry(grade).or_default().push(story_number(id));
            }
        }
        self.years.retain(|year, _| years.contains_key(year));
        for (year, stories) in years {
            list_file(&mut self.years, year, year_path).stories = stories;
            dirty.years.insert(year);
        }
        self.grades.retain(|grade, _| grades.contains_key(grade));
        for (grade, stories) in grades {
            list_file(&mut self.grades, grade, grade_path).stories = stories;
            dirty.grades.insert(grade);
        }
        let chunks = chunk_count;
        self.chunks.truncate(chunks);
        while self.chunks.len() < chunks {
            self.chunks
                .push((chunk_path(self.chunks.len()), Arc::from([])));
        }
        dirty.chunks = (0..chunks).collect();
        dirty.meta = true;
        dirty
    }

    /// Derives again the terms of the `changed` stories and patches what they gained or lost.
    fn patch(&mut self, docs: &[SearchDoc], changed: &[usize]) -> Dirty {
        let mut dirty = Dirty::default();
        let changed: BTreeSet<usize> = changed.iter().copied().collect();
        for i in changed {
            dirty.chunks.insert(i / CHUNK);
            let terms = StoryTerms::of(&docs[i], &mut self.vocabulary);
            let old = std::mem::replace(&mut self.stories[i], terms);
            let new = &self.stories[i];
            if *new == old {
                continue;
            }
            let id = story_number(i);
            for (kind, index) in self.kinds.iter_mut().enumerate() {
                index
                    .postings
                    .resize_with(self.vocabulary.words.len(), Vec::new);
                let (lost, gained) = difference(&old.words[kind], &new.words[kind]);
                for word in lost {
                    index.remove(kind, word, id, &self.vocabulary, &mut dirty);
                }
                for word in gained {
                    index.add(kind, word, id, &self.vocabulary, &mut dirty);
                }
            }
            if old.year != new.year {
                remove_sorted(
                    &mut list_file(&mut self.years, old.year, year_path).stories,
                    id,
                );
                insert_sorted(
                    &mut list_file(&mut self.years, new.year, year_path).stories,
                    id,
                );
                dirty.years.extend([old.year, new.year]);
            }
            let (lost, gained) = difference(&old.grades, &new.grades);
            for grade in lost {
                remove_sorted(
                    &mut list_file(&mut self.grades, grade, grade_path).stories,
                    id,
                );
                dirty.grades.insert(grade);
            }
            for grade in gained {
                insert_sorted(
                    &mut list_file(&mut self.grades, grade, grade_path).stories,
                    id,
                );
                dirty.grades.insert(grade);
            }
        }
        dirty.meta = !dirty.years.is_empty() || !dirty.grades.is_empty();
        dirty
    }

    /// Encodes the dirty files again, dropping those left without stories.
    fn encode(&mut self, docs: &[SearchDoc], dirty: &Dirty) {
        for (kind, index) in self.kinds.iter_mut().enumerate() {
            for key in &dirty.shards[kind] {
                let Some(shard) = index.shards.get_mut(key) else {
                    continue;
                };
                if shard.words.is_empty() {
                    index.shards.remove(key);
                    continue;
                }
                let bytes = shard_bytes(shard.words.iter().map(|&word| {
                    (
                        self.vocabulary.word(word),
                        index.postings[word as usize].as_slice(),
                    )
                }));
                keep_or_replace(&mut shard.bytes, bytes);
            }
        }
        encode_lists(&mut self.years, &dirty.years);
        encode_lists(&mut self.grades, &dirty.grades);
        for &k in &dirty.chunks {
            let end = docs.len().min(k * CHUNK + CHUNK);
            keep_or_replace(&mut self.chunks[k].1, chunk_bytes(&docs[k * CHUNK..end]));
        }
        let meta = (self.meta.is_none() || dirty.meta).then(|| {
            meta_bytes(
                docs.len(),
                self.years.iter().rev().map(|(y, f)| (*y, f.stories.len())),
                self.grades.iter().map(|(g, f)| (*g, f.stories.len())),
            )
        });
        if let Some(bytes) = meta {
            match &mut self.meta {
                Some(old) => keep_or_replace(old, bytes),
                None => self.meta = Some(Arc::from(bytes)),
            }
        }
    }

    /// Every file, in the order of [`super::files`].
    fn files(&self) -> Vec<(String, Arc<[u8]>)> {
        let shards = self.kinds.iter().flat_map(|index| index.shards.values());
        let lists = self.years.values().chain(self.grades.values());
        let mut files = Vec::with_capacity(
            1 + self.kinds.iter().map(|i| i.shards.len()).sum::<usize>()
                + self.years.len()
                + self.grades.len()
                + self.chunks.len(),
        );
        if let Some(meta) = &self.meta {
            files.push((meta_path(), Arc::clone(meta)));
        }
        files.extend(shards.map(|s| (s.path.clone(), Arc::clone(&s.bytes))));
        files.extend(lists.map(|l| (l.path.clone(), Arc::clone(&l.bytes))));
        files.extend(self.chunks.iter().cloned());
        files
    }
}

impl WordIndex {
    /// Story `id` no longer has `word`.
    fn remove(
        &mut self,
        kind: usize,
        word: u32,
        id: u32,
        vocabulary: &Vocabulary,
        dirty: &mut Dirty,
    ) {
        let stories = &mut self.postings[word as usize];
        remove_sorted(stories, id);
        let key = shard_key(vocabulary.word(word));
        if stories.is_empty()
            && let Some(shard) = self.shards.get_mut(&key)
        {
            shard.words.retain(|&w| w != word);
        }
        dirty.shards[kind].insert(key);
    }

    /// Story `id` now has `word`.
    fn add(&mut self, kind: usize, word: u32, id: u32, vocabulary: &Vocabulary, dirty: &mut Dirty) {
        let stories = &mut self.postings[word as usize];
        let first = stories.is_empty();
        insert_sorted(stories, id);
        let text = vocabulary.word(word);
        let key = shard_key(text);
        if first {
            let words = &mut new_shard(&mut self.shards, kind, &key).words;
            let at = words.partition_point(|&w| vocabulary.word(w) < text);
            words.insert(at, word);
        }
        dirty.shards[kind].insert(key);
    }
}

/// The shard `key` of a kind, made empty (to be encoded) if it is new.
fn new_shard<'a>(shards: &'a mut BTreeMap<String, Shard>, kind: usize, key: &str) -> &'a mut Shard {
    shards.entry(key.to_owned()).or_insert_with(|| Shard {
        path: shard_path(KINDS[kind], key),
        words: Vec::new(),
        bytes: Arc::from([]),
    })
}

/// The list file of `key`, made empty (to be encoded) if it is new.
fn list_file<K: Ord + Copy>(
    lists: &mut BTreeMap<K, ListFile>,
    key: K,
    path: impl Fn(K) -> String,
) -> &mut ListFile {
    lists.entry(key).or_insert_with(|| ListFile {
        path: path(key),
        stories: Vec::new(),
        bytes: Arc::from([]),
    })
}

fn encode_lists<K: Ord + Copy>(lists: &mut BTreeMap<K, ListFile>, dirty: &BTreeSet<K>) {
    for key in dirty {
        let Some(list) = lists.get_mut(key) else {
            continue;
        };
        if list.stories.is_empty() {
            lists.remove(key);
        } else {
            keep_or_replace(&mut list.bytes, list_bytes(&list.stories));
        }
    }
}

/// Replaces `old` with `new` unless they are the same bytes, so unchanged files stay shared.
fn keep_or_replace(old: &mut Arc<[u8]>, new: Vec<u8>) {
    if **old != *new {
        *old = Arc::from(new);
    }
}

/// What is in `old` and not in `new`, and what is in `new` and not in `old` (both ascending).
fn difference<T: Ord + Copy>(old: &[T], new: &[T]) -> (Vec<T>, Vec<T>) {
    let lost = old.iter().filter(|x| new.binary_search(x).is_err());
    let gained = new.iter().filter(|x| old.binary_search(x).is_err());
    (lost.copied().collect(), gained.copied().collect())
}

fn insert_sorted(list: &mut Vec<u32>, id: u32) {
    if let Err(at) = list.binary_search(&id) {
        list.insert(at, id);
    }
}

fn remove_sorted(list: &mut Vec<u32>, id: u32) {
    if let Ok(at) = list.binary_search(&id) {
        list.remove(at);
    }
}

fn story_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::{SearchCompany, files};
    use super::*;

    const WORDS: &[&str] = &[
        "Café", "cafe", "Crème", "a", "é", "T-Mobile", "AT&T", "<b>", "über", "delay", "refund",
        "the", "thé", "x", "42", "شركة", "Zoë", "help", "helped", "desk",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 0..5).prop_map(|w| w.join(" "))
    }

    fn doc() -> impl Strategy<Value = SearchDoc> {
        let company = (
            prop::sample::select(&["Acme", "Café Crème", "AT&T", "Zoë's", "a"][..]),
            prop::option::of(prop::sample::select(&["A+", "3/5"][..])),
        )
            .prop_map(|(name, rating)| SearchCompany {
                name: name.to_owned(),
                url: format!("/companies/{}/", name.len()),
                rating: rating.map(str::to_owned),
                verdict: rating.map(|_| "good"),
            });
        (
            (
                text(),
                text(),
                prop::sample::select(&["Ann Lee", "Bo", "Zoë Ü"][..]),
            ),
            prop::collection::vec(
                prop::sample::select(&["billing", "Help Desk", "é"][..]),
                0..3,
            ),
            prop::collection::vec(company, 0..3),
            prop::sample::select(&[2019i16, 2020, 2024][..]),
            prop::collection::vec(prop::sample::select(&["a", "b", "c", "f"][..]), 0..3),
        )
            .prop_map(
                |((title, summary, author), tags, companies, year, grades)| SearchDoc {
                    url: format!("/stories/{}/", title.len()),
                    date: format!("{year}-01-01"),
                    title,
                    summary,
                    author: author.to_owned(),
                    tags: tags.into_iter().map(str::to_owned).collect(),
                    companies,
                    year,
                    grades,
                },
            )
    }

    /// One call of a session: new entries at some positions, or a list of a new length.
    #[derive(Debug, Clone)]
    enum Step {
        Change(Vec<(usize, SearchDoc)>),
        /// Entries added or removed at the end, passed with the changed positions (a wrong use
        /// that must still give the right index) or as `None`.
        Resize(Vec<SearchDoc>, bool),
        /// The entry at one position moves to another (a new date), maybe changed on the way,
        /// and maybe an entry is added at a third position.
        Move(
            usize,
            usize,
            Option<Box<SearchDoc>>,
            Option<(usize, Box<SearchDoc>)>,
        ),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            6 => prop::collection::vec((any::<usize>(), doc()), 1..4).prop_map(Step::Change),
            1 => (prop::collection::vec(doc(), 0..20), any::<bool>())
                .prop_map(|(docs, listed)| Step::Resize(docs, listed)),
            3 => (
                any::<usize>(),
                any::<usize>(),
                prop::option::of(doc().prop_map(Box::new)),
                prop::option::of((any::<usize>(), doc().prop_map(Box::new))),
            )
                .prop_map(|(from, to, changed, added)| Step::Move(from, to, changed, added)),
        ]
    }

    fn check(
        docs: &[SearchDoc],
        got: &[(String, Arc<[u8]>)],
        previous: &[(String, Arc<[u8]>)],
    ) -> Result<(), TestCaseError> {
        let expected = files(docs);
        let got_paths: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
        let expected_paths: Vec<&str> = expected.iter().map(|(p, _)| p.as_str()).collect();
        prop_assert_eq!(got_paths, expected_paths);
        for ((path, bytes), (_, want)) in got.iter().zip(&expected) {
            prop_assert_eq!(
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(want),
                "{}",
                path
            );
        }
        let before: HashMap<&str, &Arc<[u8]>> =
            previous.iter().map(|(p, b)| (p.as_str(), b)).collect();
        for (path, bytes) in got {
            if let Some(old) = before.get(path.as_str()).filter(|old| old[..] == bytes[..]) {
                prop_assert!(Arc::ptr_eq(old, bytes), "{} was copied", path);
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        #[test]
        fn updates_equal_a_clean_index_and_share_unchanged_files(
            start in prop::collection::vec(doc(), 0..40),
            steps in prop::collection::vec(step(), 1..8),
        ) {
            let mut docs = start;
            let mut index = SearchIndex::default();
            let mut previous = index.update(&docs, None);
            check(&docs, &previous, &[])?;
            for step in steps {
                let got = match step {
                    Step::Change(changes) => {
                        if docs.is_empty() {
                            continue;
                        }
                        let mut changed = Vec::new();
                        for (at, doc) in changes {
                            let at = at % docs.len();
                            docs[at] = doc;
                            changed.push(at);
                        }
                        index.update(&docs, Some(&changed))
                    }
                    Step::Resize(new, listed) => {
                        let changed: Vec<usize> = (docs.len()..new.len()).collect();
                        docs.truncate(docs.len().min(new.len()));
                        docs.extend(new.into_iter().skip(docs.len()));
                        index.update(&docs, listed.then_some(changed.as_slice()))
                    }
                    Step::Move(from, to, changed, added) => {
                        if docs.is_empty() {
                            continue;
                        }
                        // Each entry with its old position and whether it was built anew.
                        let mut entries: Vec<(SearchDoc, Option<usize>, bool)> = docs
                            .iter()
                            .cloned()
                            .enumerate()
                            .map(|(i, d)| (d, Some(i), false))
                            .collect();
                        let mut moved = entries.remove(from % entries.len());
                        if let Some(doc) = changed {
                            moved = (*doc, moved.1, true);
                        }
                        let to = to % (entries.len() + 1);
                        entries.insert(to, moved);
                        if let Some((at, doc)) = added {
                            let at = at % (entries.len() + 1);
                            entries.insert(at, (*doc, None, true));
                        }
                        docs = entries.iter().map(|(d, _, _)| d.clone()).collect();
                        let old_of: Vec<Option<usize>> = entries.iter().map(|e| e.1).collect();
                        let rebuilt: Vec<bool> = entries.iter().map(|e| e.2).collect();
                        index.update_moved(&docs, &old_of, &rebuilt)
                    }
                };
                check(&docs, &got, &previous)?;
                previous = got;
            }
        }
    }

    #[test]
    fn an_entry_listed_as_changed_but_equal_shares_every_file() {
        let docs: Vec<SearchDoc> = (0..40)
            .map(|i| SearchDoc {
                title: format!("Story {i} about the refund"),
                url: format!("/stories/{i}/"),
                date: "2024-01-01".to_owned(),
                summary: "A delay".to_owned(),
                author: "Ann".to_owned(),
                tags: vec!["billing".to_owned()],
                companies: Vec::new(),
                year: 2024,
                grades: vec!["a"],
            })
            .collect();
        let mut index = SearchIndex::default();
        let first = index.update(&docs, None);
        let again = index.update(&docs, Some(&[3, 17]));
        assert_eq!(first.len(), again.len());
        for ((path, a), (_, b)) in first.iter().zip(&again) {
            assert!(Arc::ptr_eq(a, b), "{path} was encoded again");
        }
    }
}
