//! The front matter of each kind of content file, exactly as writers may type it.
//!
//! These types only describe the YAML (with positions, for errors); turning them into checked
//! values happens in the parent module. Unknown keys are refused so that typos are caught.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::yaml::Spanned;

/// A scalar kept as written, whatever YAML type it parsed as, so that `rating: 4` (a number)
/// and `rating: 4/5` (a string) reach the same checks and messages.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Scalar {
    pub text: String,
    /// True when YAML read it as a number (unquoted digits).
    pub is_number: bool,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a single value (text or number)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_owned(),
                    is_number: false,
                })
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v,
                    is_number: false,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_string(),
                    is_number: true,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_string(),
                    is_number: true,
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_string(),
                    is_number: true,
                })
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar {
                    text: v.to_string(),
                    is_number: false,
                })
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// A name, or a list of names (`category: Retail` or `category: [Retail, Travel]`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct OneOrMany(pub(super) Vec<Scalar>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a name, or a list of names")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<Scalar>()? {
                    names.push(name);
                }
                Ok(OneOrMany(names))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![Scalar {
                    text: v.to_owned(),
                    is_number: false,
                }]))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<OneOrMany, E> {
                self.visit_str(&v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OneOrMany, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<OneOrMany, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<OneOrMany, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<OneOrMany, E> {
                self.visit_str(&v.to_string())
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

pub(super) type Extra = serde_json::Map<String, serde_json::Value>;

/// One company a story rates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CompanyEntry {
    pub name: Spanned<String>,
    pub rating: Option<Spanned<Scalar>>,
    pub verdict: Option<Spanned<String>>,
    pub channel: Option<Spanned<String>>,
}

/// The lead image of a story, or an entry of `photos:` (a photo of the text, whose alt text is
/// the Markdown's: `alt` is refused there).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ImageEntry {
    pub src: Spanned<String>,
    #[serde(default)]
    pub alt: Option<String>,
    /// What the photo shows; the credit says whose it is.
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
    #[serde(default)]
    pub credit_url: Option<Spanned<String>>,
}

/// A reader comment kept with the story.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CommentEntry {
    pub author: Spanned<String>,
    pub date: Spanned<Scalar>,
    pub body: Spanned<String>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// The comment's id, for replies to name and for its anchor.
    #[serde(default)]
    pub id: Option<Spanned<Scalar>>,
    /// The id of the comment this one replies to.
    #[serde(default)]
    pub reply_to: Option<Spanned<Scalar>>,
}

/// Front matter of `content/stories/**.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StoryFrontMatter {
    pub title: Spanned<String>,
    pub date: Spanned<Scalar>,
    #[serde(default)]
    pub author: Option<Spanned<String>>,
    #[serde(default)]
    pub companies: Option<Spanned<Vec<CompanyEntry>>>,
    #[serde(default)]
    pub company: Option<Spanned<String>>,
    #[serde(default)]
    pub rating: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub verdict: Option<Spanned<String>>,
    #[serde(default)]
    pub channel: Option<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub category: Option<Spanned<OneOrMany>>,
    /// The same as `category`, as Hugo and WordPress writers say it.
    #[serde(default)]
    pub categories: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub series: Option<Spanned<String>>,
    #[serde(default)]
    pub summary: Option<String>,
    /// The editor's note: the host's words, set apart from the writer's.
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub updated: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub image: Option<ImageEntry>,
    /// Captions and credits of photos inside the text.
    #[serde(default)]
    pub photos: Vec<ImageEntry>,
    #[serde(default)]
    pub comments: Vec<CommentEntry>,
    /// Old addresses that redirect to the story.
    #[serde(default)]
    pub aliases: Vec<Spanned<Scalar>>,
    #[serde(default)]
    pub extra: Extra,
}

/// Front matter of `content/companies/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CompanyFrontMatter {
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub distinct_from: Vec<Spanned<String>>,
    #[serde(default)]
    pub website: Option<Spanned<String>>,
    #[serde(default)]
    pub logo: Option<Spanned<String>>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub extra: Extra,
}

/// Front matter of `content/authors/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AuthorFrontMatter {
    pub name: Spanned<String>,
    #[serde(default)]
    pub tagline: Option<String>,
    #[serde(default)]
    pub avatar: Option<Spanned<String>>,
    #[serde(default)]
    pub website: Option<Spanned<String>>,
    #[serde(default)]
    pub extra: Extra,
}

/// Front matter of `content/series/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SeriesFrontMatter {
    pub title: Spanned<String>,
    #[serde(default)]
    pub extra: Extra,
}

/// Front matter of `content/pages/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PageFrontMatter {
    pub title: Spanned<String>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Old addresses that redirect to the page.
    #[serde(default)]
    pub aliases: Vec<Spanned<Scalar>>,
    #[serde(default)]
    pub extra: Extra,
}
