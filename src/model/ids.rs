//! Typed ids of the site's items: a [`StoryId`] is the position of a story in `Site::stories`,
//! a [`CompanyId`] of a company in `Site::companies`, and so on. Distinct types keep a story id
//! from indexing the company list; each id indexes only the list of its own kind.

use std::ops::{Index, IndexMut};

use super::{Author, Company, Series, Story, Taxon};

/// Declares an id type and lets it index slices and vectors of its item.
macro_rules! id_type {
    ($(#[$doc:meta])* $id:ident => $item:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $id(usize);

        impl $id {
            /// The id of the item at `index` in its list.
            pub const fn from_index(index: usize) -> Self {
                Self(index)
            }

            /// The position of the item in its list.
            pub const fn index(self) -> usize {
                self.0
            }

            /// The ids of every item of `items`, in order.
            pub fn all(items: &[$item]) -> impl DoubleEndedIterator<Item = Self> + use<> {
                (0..items.len()).map(Self)
            }

            /// Every item of `items` with its id, in order.
            pub fn enumerate(items: &[$item]) -> impl DoubleEndedIterator<Item = (Self, &$item)> {
                items.iter().enumerate().map(|(i, item)| (Self(i), item))
            }
        }

        impl Index<$id> for [$item] {
            type Output = $item;
            fn index(&self, id: $id) -> &$item {
                &self[id.0]
            }
        }

        impl IndexMut<$id> for [$item] {
            fn index_mut(&mut self, id: $id) -> &mut $item {
                &mut self[id.0]
            }
        }

        impl Index<$id> for Vec<$item> {
            type Output = $item;
            fn index(&self, id: $id) -> &$item {
                &self[id.0]
            }
        }

        impl IndexMut<$id> for Vec<$item> {
            fn index_mut(&mut self, id: $id) -> &mut $item {
                &mut self[id.0]
            }
        }
    };
}

id_type!(
    /// A story: its position in `Site::stories` (newest first).
    StoryId => Story
);
id_type!(
    /// A company: its position in `Site::companies` (A-Z).
    CompanyId => Company
);
id_type!(
    /// An author: its position in `Site::authors` (A-Z).
    AuthorId => Author
);
id_type!(
    /// A tag or a category: its position in `Site::tags` or `Site::categories`.
    TaxonId => Taxon
);
id_type!(
    /// A series: its position in `Site::series`.
    SeriesId => Series
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_round_trips_its_index_and_orders_by_it() {
        assert_eq!(StoryId::from_index(7).index(), 7);
        assert!(CompanyId::from_index(1) < CompanyId::from_index(2));
    }
}
