//! A 64-bit fingerprint of anything `Serialize`, for the page cache: what a template would be
//! given, serialized into a compact tagged form (strings raw, without JSON's escaping and number
//! formatting; most of a page's context is bodies and summaries) in a buffer reused per thread,
//! then hashed in one pass.
//!
//! Every value is hashed with a tag for its kind and, for strings and bytes, its length, and
//! every sequence, map and struct ends with an end tag, so two different values never feed the
//! hasher the same bytes: equal fingerprints mean equal values, short of a 64-bit collision.

use std::cell::RefCell;

use serde::Serialize;
use serde::ser;

thread_local! {
    /// The serialization buffer of this thread, kept between pages.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The fingerprint of `value`.
pub fn fingerprint<T: Serialize + ?Sized>(value: &T) -> u64 {
    BUFFER.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        // The only errors are a type's own `custom` errors, which make its rendering fail as
        // well; their text is part of the fingerprint.
        if let Err(e) = value.serialize(Fingerprinter { out: &mut buffer }) {
            buffer.extend_from_slice(e.0.as_bytes());
        }
        super::cache::hash_bytes(&[&buffer])
    })
}

/// Tags of the serde data model.
mod tag {
    pub(super) const BOOL: u8 = 1;
    pub(super) const INT: u8 = 2;
    pub(super) const UINT: u8 = 3;
    pub(super) const FLOAT: u8 = 4;
    pub(super) const CHAR: u8 = 5;
    pub(super) const STR: u8 = 6;
    pub(super) const BYTES: u8 = 7;
    pub(super) const NONE: u8 = 8;
    pub(super) const SOME: u8 = 9;
    pub(super) const UNIT: u8 = 10;
    pub(super) const VARIANT: u8 = 11;
    pub(super) const SEQ: u8 = 12;
    pub(super) const MAP: u8 = 13;
    pub(super) const STRUCT: u8 = 14;
    pub(super) const END: u8 = 15;
}

/// A serializer into a compact, unambiguous byte form.
struct Fingerprinter<'h> {
    out: &'h mut Vec<u8>,
}

/// A `custom` error of a type's own `Serialize`.
#[derive(Debug)]
struct Custom(String);

impl std::fmt::Display for Custom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Custom {}

impl ser::Error for Custom {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Custom(msg.to_string())
    }
}

impl Fingerprinter<'_> {
    fn tag(&mut self, tag: u8) {
        self.out.push(tag);
    }

    fn tagged(&mut self, tag: u8, bytes: &[u8]) {
        self.out.push(tag);
        self.out.extend_from_slice(bytes);
    }

    fn text(&mut self, tag: u8, bytes: &[u8]) {
        self.out.push(tag);
        self.out
            .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.out.extend_from_slice(bytes);
    }

    fn again(&mut self) -> Fingerprinter<'_> {
        Fingerprinter { out: self.out }
    }
}

type Done = Result<(), Custom>;

impl<'h> ser::Serializer for Fingerprinter<'h> {
    type Ok = ();
    type Error = Custom;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(mut self, v: bool) -> Done {
        self.tagged(tag::BOOL, &[u8::from(v)]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Done {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(mut self, v: i64) -> Done {
        self.tagged(tag::INT, &i128::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_i128(mut self, v: i128) -> Done {
        self.tagged(tag::INT, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Done {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(mut self, v: u64) -> Done {
        self.tagged(tag::UINT, &u128::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_u128(mut self, v: u128) -> Done {
        self.tagged(tag::UINT, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Done {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(mut self, v: f64) -> Done {
        self.tagged(tag::FLOAT, &v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Done {
        self.tagged(tag::CHAR, &u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Done {
        self.text(tag::STR, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Done {
        self.text(tag::BYTES, v);
        Ok(())
    }
    fn serialize_none(mut self) -> Done {
        self.tag(tag::NONE);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(mut self, value: &T) -> Done {
        self.tag(tag::SOME);
        value.serialize(self)
    }
    fn serialize_unit(mut self) -> Done {
        self.tag(tag::UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Done {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Done {
        self.text(tag::VARIANT, variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Done {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Done {
        self.text(tag::VARIANT, variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(mut self, _len: Option<usize>) -> Result<Self, Custom> {
        self.tag(tag::SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Custom> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Custom> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Custom> {
        self.text(tag::VARIANT, variant.as_bytes());
        self.serialize_seq(Some(len))
    }
    fn serialize_map(mut self, _len: Option<usize>) -> Result<Self, Custom> {
        self.tag(tag::MAP);
        Ok(self)
    }
    fn serialize_struct(mut self, _name: &'static str, _len: usize) -> Result<Self, Custom> {
        self.tag(tag::STRUCT);
        Ok(self)
    }
    fn serialize_struct_variant(
        mut self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Custom> {
        self.text(tag::VARIANT, variant.as_bytes());
        self.tag(tag::STRUCT);
        Ok(self)
    }
}

/// The compound serializers: each element in turn, then an end tag.
macro_rules! compound {
    ($($trait:ident :: $method:ident ($($key:ident: $key_type:ty)?)),* $(,)?) => {$(
        impl ser::$trait for Fingerprinter<'_> {
            type Ok = ();
            type Error = Custom;
            fn $method<T: Serialize + ?Sized>(&mut self, $($key: $key_type,)? value: &T) -> Done {
                $($key.serialize(self.again())?;)?
                value.serialize(self.again())
            }
            fn end(mut self) -> Done {
                self.tag(tag::END);
                Ok(())
            }
        }
    )*};
}

compound!(
    SerializeSeq::serialize_element(),
    SerializeTuple::serialize_element(),
    SerializeTupleStruct::serialize_field(),
    SerializeTupleVariant::serialize_field(),
    SerializeStruct::serialize_field(key: &'static str),
    SerializeStructVariant::serialize_field(key: &'static str),
);

impl ser::SerializeMap for Fingerprinter<'_> {
    type Ok = ();
    type Error = Custom;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Done {
        key.serialize(self.again())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Done {
        value.serialize(self.again())
    }
    fn end(mut self) -> Done {
        self.tag(tag::END);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Page<'a> {
        title: &'a str,
        tags: Vec<&'a str>,
        score: Option<f64>,
    }

    #[test]
    fn equal_values_agree_and_different_values_differ() {
        let a = Page {
            title: "ab",
            tags: vec!["c"],
            score: Some(1.0),
        };
        let same = Page {
            title: "ab",
            tags: vec!["c"],
            score: Some(1.0),
        };
        assert_eq!(fingerprint(&a), fingerprint(&same));
        // The same characters split differently between strings and lists.
        for other in [
            Page {
                title: "a",
                tags: vec!["bc"],
                score: Some(1.0),
            },
            Page {
                title: "ab",
                tags: vec!["c", ""],
                score: Some(1.0),
            },
            Page {
                title: "ab",
                tags: vec!["c"],
                score: None,
            },
            Page {
                title: "ab",
                tags: vec!["c"],
                score: Some(1.5),
            },
        ] {
            assert_ne!(fingerprint(&a), fingerprint(&other));
        }
        // Types are told apart, not only their text.
        assert_ne!(fingerprint(&1u32), fingerprint("1"));
        assert_ne!(fingerprint(&(1u8, 2u8)), fingerprint(&[1u8, 2u8][..1]));
    }

    #[test]
    fn maps_and_flattened_structs_are_fingerprinted_by_their_entries() {
        #[derive(Serialize)]
        struct Inner {
            x: u8,
        }
        #[derive(Serialize)]
        struct Outer {
            meta: u8,
            #[serde(flatten)]
            inner: Inner,
        }
        let one = Outer {
            meta: 1,
            inner: Inner { x: 2 },
        };
        let two = Outer {
            meta: 1,
            inner: Inner { x: 3 },
        };
        assert_ne!(fingerprint(&one), fingerprint(&two));
        let json_like: serde_json::Value = serde_json::json!({"meta": 1, "x": 2});
        assert_ne!(fingerprint(&json_like), fingerprint(&two));
    }
}
