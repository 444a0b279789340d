//! "More stories about <company>" at the end of a story page: the newest other stories that
//! rate the same companies, then the newest that share its tags, chosen at build time.

use super::ViewBuilder;
use super::jobs::Taxonomy;
use crate::model::StoryId;
use crate::render::views::MoreStoriesView;

/// How many stories the list shows: one fewer than the newest stories of a list it reads
/// (the story itself may be one of them).
const RELATED_STORIES: usize = super::reads::NEWEST - 1;

impl<'a> ViewBuilder<'a> {
    /// The stories to read next after story `id`, with a heading naming the company they share;
    /// `None` when no other story shares a company or a tag.
    pub(super) fn more_stories_view(&self, id: StoryId) -> Option<MoreStoriesView<'a, '_>> {
        let (company, ids) = self.related_stories(id);
        if ids.is_empty() {
            return None;
        }
        let title = match company {
            Some(name) => self
                .words
                .text("related-company-title", &[("company", name.into())]),
            None => self.words.text("related-tags-title", &[]),
        };
        Some(MoreStoriesView {
            title,
            stories: ids.into_iter().map(|s| self.card_of(s)).collect(),
        })
    }

    /// The newest other stories rating a company story `id` rates (stories are newest first,
    /// so a lower id is newer), then the newest sharing a tag; and the name of the first
    /// company, in the story's order, that another story rates.
    fn related_stories(&self, id: StoryId) -> (Option<&'a str>, Vec<StoryId>) {
        let site = self.site;
        let story = site.story(id);
        // The newest few of each list are enough: no list can add more than that.
        let newest_others = |list: &mut dyn Iterator<Item = StoryId>| -> Vec<StoryId> {
            list.filter(|&s| s != id).take(RELATED_STORIES).collect()
        };
        let mut company = None;
        let mut by_company: Vec<StoryId> = Vec::new();
        for mention in &story.mentions {
            let stories = site.company_newest(mention.company);
            let others = newest_others(&mut stories.iter().map(|&(s, _)| s));
            if company.is_none() && !others.is_empty() {
                company = Some(site.company_link(mention.company).name);
            }
            by_company.extend(others);
        }
        by_company.sort_unstable();
        by_company.dedup();
        by_company.truncate(RELATED_STORIES);
        let mut by_tag: Vec<StoryId> = Vec::new();
        for &tag in &story.tags {
            by_tag.extend(newest_others(
                &mut site.term_newest(Taxonomy::Tags, tag).iter().copied(),
            ));
        }
        by_tag.sort_unstable();
        by_tag.dedup();
        let mut chosen = by_company;
        for s in by_tag {
            if chosen.len() >= RELATED_STORIES {
                break;
            }
            if !chosen.contains(&s) {
                chosen.push(s);
            }
        }
        (company, chosen)
    }
}
