//! The configuration's schema, read from its Rust types, and a reader that says what is wrong
//! with a value in the schema's terms rather than serde's.
//!
//! [`of`] asks a type, through serde, what it accepts: it deserializes the type from a tracer
//! that answers each request with one more level of the path being explored and records what
//! the type asks for at the end of it (a switch, text, a whole number, one of some words, a
//! list, a table and its keys, or a value with a mark such as [`OR_NONE`] or a path). So the
//! schema is the types: a key added to a configuration struct is in it, with its kind, without
//! another line; the messages and the generated tests read it.
//!
//! [`read`] deserializes a configuration value with errors that keep their structure (what was
//! found, where, what the key accepts) and their place (the path of keys and list entries),
//! reports each one and reads on without the key in error, so every mistake of a table is
//! reported once and the rest of the table still applies. [`crate::config`] says each in
//! plain words from the schema: no serde or Rust word ("invalid type", "usize", "variant")
//! reaches an editor.

use crate::base::paths::{self, Escape};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_json::Value;
use std::cell::RefCell;
use std::fmt;

/// The mark of a value whose empty form (`""`, `0`, `[]`) means "none" (a text left out, no
/// partners, no never-link phrases). Every other text, number and list must not be empty
/// when it is written: an empty one is reported at its key.
pub const OR_NONE: &str = "or none";

/// The mark of a numbering style (`1`, `a`, `i`, `(a)` …).
pub const NUMBERING: &str = "numbering style";

/// A value a key may be, from its type.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `true` or `false`.
    Bool,
    /// Text in quotes.
    Text,
    /// A whole number, 0 or more.
    Count,
    /// Another number.
    Number,
    /// One of these words.
    Choice(&'static [&'static str]),
    /// A value with a mark ([`OR_NONE`], [`NUMBERING`], [`paths::IN_BOOK`], [`paths::IN_SRC`]).
    Marked(&'static str, Box<Kind>),
    /// A list of values of one kind.
    List(Box<Kind>),
    /// A table, its keys in their order.
    Table(Vec<Field>),
    /// A value that may be left out.
    Optional(Box<Kind>),
    /// Anything (mdBook's own keys in the table, which mdBook reads).
    Any,
}

/// A key of a table and its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key as `book.toml` writes it (`max-nodes`).
    pub key: &'static str,
    /// What it accepts.
    pub kind: Kind,
}

impl Kind {
    /// The kind under a mark or an option: what the value itself is.
    pub fn plain(&self) -> &Kind {
        match self {
            Kind::Marked(_, k) | Kind::Optional(k) => k.plain(),
            k => k,
        }
    }

    /// True when the kind carries `mark` (outside any list).
    pub fn has(&self, mark: &str) -> bool {
        match self {
            Kind::Marked(m, k) => *m == mark || k.has(mark),
            Kind::Optional(k) => k.has(mark),
            _ => false,
        }
    }

    /// The key's kind in a table kind.
    pub fn field(&self, key: &str) -> Option<&Kind> {
        match self.plain() {
            Kind::Table(fields) => fields.iter().find(|f| f.key == key).map(|f| &f.kind),
            _ => None,
        }
    }

    /// The kind at `at` (keys and list entries) below this one.
    pub fn at(&self, at: &[Seg]) -> Option<&Kind> {
        let Some((first, rest)) = at.split_first() else {
            return Some(self);
        };
        match (first, self.plain()) {
            (Seg::Key(k), Kind::Table(_)) => self.field(k)?.at(rest),
            (Seg::Index(_), Kind::List(item)) => item.at(rest),
            _ => None,
        }
    }
}

/// One step of a path into a value: a key of a table or an entry of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// A key.
    Key(String),
    /// A list entry, from 0.
    Index(usize),
}

// ---------------------------------------------------------------------------------------------
// The tracer.

/// What `T` accepts.
pub(crate) fn of<T: DeserializeOwned>() -> Kind {
    explore::<T>(&mut Vec::new())
}

/// How the tracer reaches the value it explores.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Key(&'static str),
    Item,
    Some,
    Inner,
}

/// What the type asked for at the end of the route, one level deep.
#[derive(Debug, Clone)]
enum Shape {
    Leaf(Kind),
    List,
    Table(&'static [&'static str]),
    Optional,
    Marked(&'static str),
}

fn explore<T: DeserializeOwned>(route: &mut Vec<Step>) -> Kind {
    let seen = RefCell::new(None);
    let _ = T::deserialize(Tracer { route, seen: &seen });
    let shape = seen.into_inner().unwrap_or(Shape::Leaf(Kind::Any));
    let deeper = |step: Step, route: &mut Vec<Step>| {
        route.push(step);
        let kind = explore::<T>(route);
        route.pop();
        kind
    };
    match shape {
        Shape::Leaf(kind) => kind,
        Shape::List => Kind::List(Box::new(deeper(Step::Item, route))),
        Shape::Optional => Kind::Optional(Box::new(deeper(Step::Some, route))),
        Shape::Marked(mark) => Kind::Marked(mark, Box::new(deeper(Step::Inner, route))),
        Shape::Table(keys) => Kind::Table(
            keys.iter()
                .map(|&key| Field {
                    key,
                    kind: deeper(Step::Key(key), route),
                })
                .collect(),
        ),
    }
}

struct Tracer<'r> {
    route: &'r [Step],
    seen: &'r RefCell<Option<Shape>>,
}

impl<'r> Tracer<'r> {
    /// At the end of the route: record what the type asks for, and stop.
    fn record<V>(self, shape: Shape) -> Result<V, Mismatch> {
        *self.seen.borrow_mut() = Some(shape);
        Err(de::Error::custom("traced"))
    }

    fn next(&self) -> Tracer<'r> {
        Tracer {
            route: &self.route[1..],
            seen: self.seen,
        }
    }
}

macro_rules! leaf {
    ($($method:ident => $kind:expr),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Mismatch> {
            self.record(Shape::Leaf($kind))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Tracer<'_> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Mismatch> {
        self.record(Shape::Leaf(Kind::Any))
    }

    leaf! {
        deserialize_bool => Kind::Bool,
        deserialize_str => Kind::Text,
        deserialize_string => Kind::Text,
        deserialize_char => Kind::Text,
        deserialize_u8 => Kind::Count,
        deserialize_u16 => Kind::Count,
        deserialize_u32 => Kind::Count,
        deserialize_u64 => Kind::Count,
        deserialize_i8 => Kind::Number,
        deserialize_i16 => Kind::Number,
        deserialize_i32 => Kind::Number,
        deserialize_i64 => Kind::Number,
        deserialize_f32 => Kind::Number,
        deserialize_f64 => Kind::Number,
        deserialize_ignored_any => Kind::Any,
        deserialize_map => Kind::Any,
        deserialize_unit => Kind::Any,
        deserialize_bytes => Kind::Any,
        deserialize_byte_buf => Kind::Any,
        deserialize_identifier => Kind::Text,
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, Mismatch> {
        self.record(Shape::Leaf(Kind::Any))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Mismatch> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_seq(v)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Mismatch> {
        self.record(Shape::Leaf(Kind::Choice(variants)))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Mismatch> {
        match self.route.first() {
            Some(Step::Item) => v.visit_seq(One(Some(self.next()))),
            _ => self.record(Shape::List),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Mismatch> {
        match self.route.first() {
            Some(Step::Some) => v.visit_some(self.next()),
            _ => self.record(Shape::Optional),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, Mismatch> {
        match self.route.first() {
            Some(Step::Inner) => v.visit_newtype_struct(self.next()),
            _ => self.record(Shape::Marked(name)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        keys: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Mismatch> {
        match self.route.first() {
            Some(Step::Key(key)) => v.visit_map(Entry(Some((key, self.next())))),
            _ => self.record(Shape::Table(keys)),
        }
    }
}

/// A list of one entry, the tracer's next level.
struct One<'r>(Option<Tracer<'r>>);

impl<'de> de::SeqAccess<'de> for One<'_> {
    type Error = Mismatch;
    fn next_element_seed<S: de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Mismatch> {
        self.0.take().map(|t| seed.deserialize(t)).transpose()
    }
}

/// A table of one key, the tracer's next level.
struct Entry<'r>(Option<(&'static str, Tracer<'r>)>);

impl<'de> de::MapAccess<'de> for Entry<'_> {
    type Error = Mismatch;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Mismatch> {
        match &self.0 {
            Some((key, _)) => seed.deserialize(key.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<S: de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, Mismatch> {
        let (_, tracer) = self.0.take().expect("a key was given");
        seed.deserialize(tracer)
    }
}

// ---------------------------------------------------------------------------------------------
// Marks.

/// Reads a value whose empty form means "none": `#[serde(deserialize_with = "or_none")]`.
pub(crate) fn or_none<'de, D: de::Deserializer<'de>, T: de::Deserialize<'de>>(
    d: D,
) -> Result<T, D::Error> {
    marked(d, OR_NONE)
}

/// Reads a value under a mark (a newtype the tracer sees).
pub(crate) fn marked<'de, D: de::Deserializer<'de>, T: de::Deserialize<'de>>(
    d: D,
    mark: &'static str,
) -> Result<T, D::Error> {
    struct Inner<T>(std::marker::PhantomData<T>);
    impl<'de, T: de::Deserialize<'de>> Visitor<'de> for Inner<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a value")
        }
        fn visit_newtype_struct<D: de::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            T::deserialize(d)
        }
    }
    d.deserialize_newtype_struct(mark, Inner(std::marker::PhantomData))
}

// ---------------------------------------------------------------------------------------------
// The reader.

/// A value that does not fit its key, where it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mismatch {
    /// The path of keys and entries to it, from the table read; `None` until known.
    pub at: Option<Vec<Seg>>,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Problem {
    /// Not the kind of value the key accepts (`max-pairs = -1`, `heat-map = "yes"`).
    Found(Found),
    /// A word that is none of the key's choices.
    Choice(String, &'static [&'static str]),
    /// A key the table does not have.
    UnknownKey(String, &'static [&'static str]),
    /// A key an entry must have.
    Missing(&'static str),
    /// Empty where a value is needed (`""`, `[]`, an empty entry).
    Empty,
    /// 0 where a number of 1 or more is needed.
    Zero,
    /// A path that leaves the book.
    Path(Escape),
    /// The type's own words (a numbering style it does not know).
    Said(String),
}

/// What an editor wrote, in words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found(pub String);

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} at {:?}", self.problem, self.at)
    }
}

impl std::error::Error for Mismatch {}

impl Mismatch {
    fn new(problem: Problem) -> Mismatch {
        Mismatch { at: None, problem }
    }

    /// Placed at `at` unless a deeper level placed it already.
    fn within(mut self, at: &[Seg]) -> Mismatch {
        if self.at.is_none() {
            self.at = Some(at.to_vec());
        }
        self
    }
}

/// `unexpected` in an editor's words: "the number 1", "the text \"yes\"".
fn found(unexpected: de::Unexpected<'_>) -> Found {
    use de::Unexpected as U;
    Found(match unexpected {
        U::Bool(b) => format!("`{b}`"),
        U::Unsigned(n) => format!("the number {n}"),
        U::Signed(n) => format!("the number {n}"),
        U::Float(n) => format!("the number {n}"),
        U::Char(c) => format!("the text \"{c}\""),
        U::Str(s) => format!("the text \"{s}\""),
        U::Seq => "a list".into(),
        U::Map => "a table".into(),
        _ => "a value of another kind".into(),
    })
}

impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Mismatch::new(Problem::Said(msg.to_string()))
    }
    fn invalid_type(unexp: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Mismatch::new(Problem::Found(found(unexp)))
    }
    fn invalid_value(unexp: de::Unexpected<'_>, _: &dyn de::Expected) -> Self {
        Mismatch::new(Problem::Found(found(unexp)))
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Mismatch::new(Problem::Choice(variant.to_string(), expected))
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Mismatch::new(Problem::UnknownKey(field.to_string(), expected))
    }
    fn missing_field(field: &'static str) -> Self {
        Mismatch::new(Problem::Missing(field))
    }
}

/// A value being read, with its path.
struct Reader<'a> {
    value: &'a Value,
    at: Vec<Seg>,
}

impl Reader<'_> {
    fn unexpected(&self) -> de::Unexpected<'_> {
        use de::Unexpected as U;
        match self.value {
            Value::Null => U::Unit,
            Value::Bool(b) => U::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => U::Unsigned(u),
                (_, Some(i)) => U::Signed(i),
                _ => U::Float(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => U::Str(s),
            Value::Array(_) => U::Seq,
            Value::Object(_) => U::Map,
        }
    }
}

impl<'de> de::Deserializer<'de> for Reader<'_> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Mismatch> {
        let at = self.at.clone();
        let result = match self.value {
            Value::Null => v.visit_unit(),
            Value::Bool(b) => v.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => v.visit_u64(u),
                (_, Some(i)) => v.visit_i64(i),
                _ => v.visit_f64(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => v.visit_str(s),
            Value::Array(items) => v.visit_seq(Items {
                items: items.iter().enumerate(),
                at: &self.at,
            }),
            Value::Object(map) => v.visit_map(Keys {
                keys: map.iter(),
                next: None,
                at: &self.at,
            }),
        };
        result.map_err(|e| e.within(&at))
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Mismatch> {
        match self.value {
            Value::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Mismatch> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Mismatch> {
        let at = self.at.clone();
        let result = match self.value {
            Value::String(s) => v.visit_enum(de::IntoDeserializer::<Mismatch>::into_deserializer(
                s.as_str(),
            )),
            _ => Err(de::Error::invalid_type(self.unexpected(), &v)),
        };
        result.map_err(|e| e.within(&at))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Items<'a, I> {
    items: I,
    at: &'a [Seg],
}

impl<'de, 'v, I: Iterator<Item = (usize, &'v Value)>> de::SeqAccess<'de> for Items<'_, I> {
    type Error = Mismatch;
    fn next_element_seed<S: de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Mismatch> {
        let Some((i, value)) = self.items.next() else {
            return Ok(None);
        };
        let mut at = self.at.to_vec();
        at.push(Seg::Index(i));
        // A type that checks the value after reading it (a numbering style) errs here.
        let here = at.clone();
        seed.deserialize(Reader { value, at })
            .map(Some)
            .map_err(|e| e.within(&here))
    }
}

struct Keys<'a, 'v, I> {
    keys: I,
    next: Option<(&'v String, &'v Value)>,
    at: &'a [Seg],
}

impl<'de, 'v, I: Iterator<Item = (&'v String, &'v Value)>> de::MapAccess<'de> for Keys<'_, 'v, I> {
    type Error = Mismatch;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Mismatch> {
        let Some((key, value)) = self.keys.next() else {
            return Ok(None);
        };
        self.next = Some((key, value));
        let mut at = self.at.to_vec();
        at.push(Seg::Key(key.clone()));
        seed.deserialize(de::IntoDeserializer::<Mismatch>::into_deserializer(
            key.as_str(),
        ))
        .map(Some)
        .map_err(|e| e.within(&at))
    }
    fn next_value_seed<S: de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, Mismatch> {
        let (key, value) = self.next.take().expect("a key was read");
        let mut at = self.at.to_vec();
        at.push(Seg::Key(key.clone()));
        // A type that checks the value after reading it (a numbering style) errs here.
        let here = at.clone();
        seed.deserialize(Reader { value, at })
            .map_err(|e| e.within(&here))
    }
}

/// Reads `value` as `T`, checked against `kind` (`T`'s schema, [`of`]) first: empty values,
/// zeros and paths that leave the book (`boundary`, with the book's folders, when known; `src`
/// is the book's source folder) are found by the schema, the rest by the types. Each mistake is
/// one [`Mismatch`], and the key in error is left out (its default applies) so that the rest is
/// read; the value so read is returned too.
pub(crate) fn read<T: DeserializeOwned + Default>(
    mut value: Value,
    kind: &Kind,
    boundary: Option<&paths::Boundary>,
    src: &std::path::Path,
) -> (T, Vec<Mismatch>, Value) {
    let mut found = Vec::new();
    check(
        &value,
        kind,
        &mut Vec::new(),
        false,
        boundary,
        src,
        &mut found,
    );
    for m in &found {
        remove(&mut value, m.at.as_deref().unwrap_or_default());
    }
    // Each pass either reads the value or finds one more mistake and removes its key.
    for _ in 0..200 {
        match T::deserialize(Reader {
            value: &value,
            at: Vec::new(),
        }) {
            Ok(t) => return (t, found, value),
            Err(m) => {
                let at = m.at.clone().unwrap_or_default();
                found.push(m);
                if !remove(&mut value, &at) {
                    break;
                }
            }
        }
    }
    (T::default(), found, value)
}

/// Removes the key that holds `at`: the key itself, or the list `at` is an entry of. False when
/// there is nothing to remove (the whole value is wrong).
fn remove(value: &mut Value, at: &[Seg]) -> bool {
    let keys: Vec<&str> = at
        .iter()
        .map_while(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
        .collect();
    let Some((last, parents)) = keys.split_last() else {
        return false;
    };
    let mut table = value;
    for key in parents {
        match table.get_mut(*key) {
            Some(t) => table = t,
            None => return false,
        }
    }
    table
        .as_object_mut()
        .is_some_and(|t| t.remove(*last).is_some())
}

/// The schema's own checks of a value that has the right type: empty values and zeros (unless
/// [`OR_NONE`]), paths. Values of the wrong type are left to the types.
fn check(
    value: &Value,
    kind: &Kind,
    at: &mut Vec<Seg>,
    or_none: bool,
    boundary: Option<&paths::Boundary>,
    src: &std::path::Path,
    found: &mut Vec<Mismatch>,
) {
    let or_none = or_none || kind.has(OR_NONE);
    let mut report = |problem| {
        found.push(Mismatch {
            at: Some(at.clone()),
            problem,
        })
    };
    let path_base = if kind.has(paths::IN_SRC) {
        Some(src)
    } else if kind.has(paths::IN_BOOK) {
        Some(std::path::Path::new(""))
    } else {
        None
    };
    match (kind.plain(), value) {
        (Kind::Text, Value::String(s)) if s.trim().is_empty() && !or_none => report(Problem::Empty),
        (Kind::Text, Value::String(s)) if s.trim().is_empty() => {}
        (Kind::Text, Value::String(s)) => {
            if let Some(base) = path_base {
                let written = std::path::Path::new(s);
                let result = match boundary {
                    Some(b) => b.in_book(base, written).map(|_| ()),
                    None => paths::inside(written).map(|_| ()),
                };
                if let Err(e) = result {
                    report(Problem::Path(e));
                }
            }
        }
        (Kind::Count, Value::Number(n)) if n.as_u64() == Some(0) && !or_none => {
            report(Problem::Zero)
        }
        (Kind::List(item), Value::Array(items)) => {
            if items.is_empty() && !or_none {
                report(Problem::Empty);
            }
            for (i, v) in items.iter().enumerate() {
                at.push(Seg::Index(i));
                // An entry is never empty, in a list that may be.
                check(v, item, at, false, boundary, src, found);
                at.pop();
            }
        }
        (Kind::Table(fields), Value::Object(map)) => {
            for f in fields {
                if let Some(v) = map.get(f.key) {
                    at.push(Seg::Key(f.key.to_string()));
                    check(v, &f.kind, at, false, boundary, src, found);
                    at.pop();
                }
            }
        }
        _ => {}
    }
}

/// `#[serde(with = …)]` for numbering styles (`labels`, `numbering`): a
/// [`Numbering`](crate::base::numbering::Numbering) read and written as the style (`"(a)"`),
/// its kind marked [`NUMBERING`] for the schema.
pub(crate) mod numbering_style {
    use crate::base::numbering::Numbering;

    pub(crate) fn serialize<S: serde::Serializer>(n: &Numbering, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&n.to_string())
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Numbering, D::Error> {
        let style: String = super::marked(d, super::NUMBERING)?;
        Numbering::parse(&style).map_err(|_| {
            serde::de::Error::invalid_value(serde::de::Unexpected::Str(&style), &"a style")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
    struct Sample {
        on: bool,
        name: String,
        #[serde(deserialize_with = "or_none")]
        note: String,
        limit: usize,
        mode: Option<Mode>,
        words: Vec<String>,
        inner: Inner,
        #[serde(deserialize_with = "paths::in_book")]
        file: std::path::PathBuf,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default, deny_unknown_fields)]
    struct Inner {
        depth: u32,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "kebab-case")]
    enum Mode {
        First,
        Every,
    }

    #[test]
    fn the_schema_is_read_from_the_types() {
        let kind = of::<Sample>();
        let Kind::Table(fields) = &kind else {
            panic!("{kind:?}")
        };
        let keys: Vec<&str> = fields.iter().map(|f| f.key).collect();
        assert_eq!(
            keys,
            [
                "on", "name", "note", "limit", "mode", "words", "inner", "file"
            ]
        );
        assert_eq!(kind.field("on"), Some(&Kind::Bool));
        assert_eq!(
            kind.field("note"),
            Some(&Kind::Marked(OR_NONE, Box::new(Kind::Text)))
        );
        assert_eq!(kind.field("limit"), Some(&Kind::Count));
        assert_eq!(
            kind.field("mode"),
            Some(&Kind::Optional(Box::new(Kind::Choice(&["first", "every"]))))
        );
        assert_eq!(kind.field("words"), Some(&Kind::List(Box::new(Kind::Text))));
        assert_eq!(
            kind.at(&[Seg::Key("inner".into()), Seg::Key("depth".into())]),
            Some(&Kind::Count)
        );
        assert!(kind.field("file").unwrap().has(paths::IN_BOOK));
    }

    fn read_json(json: &str) -> (Sample, Vec<Mismatch>) {
        let (sample, found, _) = read(
            serde_json::from_str(json).unwrap(),
            &of::<Sample>(),
            None,
            std::path::Path::new("src"),
        );
        (sample, found)
    }

    fn at(keys: &[&str]) -> Option<Vec<Seg>> {
        Some(keys.iter().map(|k| Seg::Key(k.to_string())).collect())
    }

    #[test]
    fn every_mistake_is_found_once_where_it_is_and_the_rest_is_read() {
        let (s, found) = read_json(
            r#"{"on": "yes", "name": "ok", "limit": -1, "mode": "firts",
                "inner": {"depht": 1}, "words": ["a", ""], "file": "../x"}"#,
        );
        assert_eq!(s.name, "ok");
        let mut got: Vec<(Option<Vec<Seg>>, Problem)> =
            found.into_iter().map(|m| (m.at, m.problem)).collect();
        got.sort_by_key(|(a, _)| format!("{a:?}"));
        let mut words = at(&["words"]).unwrap();
        words.push(Seg::Index(1));
        let mut want = vec![
            (at(&["file"]), Problem::Path(Escape::Parent)),
            (
                at(&["inner", "depht"]),
                Problem::UnknownKey("depht".into(), &["depth"]),
            ),
            (
                at(&["limit"]),
                Problem::Found(Found("the number -1".into())),
            ),
            (
                at(&["mode"]),
                Problem::Choice("firts".into(), &["first", "every"]),
            ),
            (
                at(&["on"]),
                Problem::Found(Found("the text \"yes\"".into())),
            ),
            (Some(words), Problem::Empty),
        ];
        want.sort_by_key(|(a, _)| format!("{a:?}"));
        assert_eq!(got, want);
    }

    #[test]
    fn empty_and_zero_are_mistakes_unless_marked() {
        let (_, found) = read_json(r#"{"name": "", "note": "", "limit": 0, "words": []}"#);
        let got: Vec<_> = found
            .iter()
            .map(|m| (m.at.clone(), m.problem.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (at(&["name"]), Problem::Empty),
                (at(&["limit"]), Problem::Zero),
                (at(&["words"]), Problem::Empty),
            ]
        );
    }

    #[test]
    fn a_mark_counts_under_options_and_other_marks_but_not_in_a_list() {
        let or_none = Kind::Marked(OR_NONE, Box::new(Kind::Text));
        assert!(or_none.has(OR_NONE));
        assert!(!or_none.has(NUMBERING));
        assert!(Kind::Optional(Box::new(or_none.clone())).has(OR_NONE));
        assert!(Kind::Marked(NUMBERING, Box::new(or_none.clone())).has(OR_NONE));
        assert!(!Kind::List(Box::new(or_none)).has(OR_NONE));
        assert!(!Kind::Text.has(OR_NONE));
    }

    #[test]
    fn the_kind_at_a_path_follows_keys_into_tables_and_entries_into_lists() {
        let kind = of::<Sample>();
        assert_eq!(
            kind.at(&[Seg::Key("words".into()), Seg::Index(3)]),
            Some(&Kind::Text)
        );
        assert_eq!(kind.at(&[]), Some(&kind));
        // A key of a list, an entry of a table, a key the table does not have: none.
        assert_eq!(
            kind.at(&[Seg::Key("words".into()), Seg::Key("x".into())]),
            None
        );
        assert_eq!(kind.at(&[Seg::Key("inner".into()), Seg::Index(0)]), None);
        assert_eq!(kind.at(&[Seg::Key("nope".into())]), None);
        assert_eq!(Kind::Text.field("on"), None);
    }

    #[test]
    fn what_was_found_is_said_in_an_editors_words() {
        let (_, mistakes) =
            read_json(r#"{"on": 1.5, "name": true, "limit": [], "words": {}, "note": null}"#);
        let mut got: Vec<(Option<Vec<Seg>>, Problem)> =
            mistakes.into_iter().map(|m| (m.at, m.problem)).collect();
        got.sort_by_key(|(a, _)| format!("{a:?}"));
        let said = |s: &str| Problem::Found(Found(s.into()));
        assert_eq!(
            got,
            [
                (at(&["limit"]), said("a list")),
                (at(&["name"]), said("`true`")),
                (at(&["note"]), said("a value of another kind")),
                (at(&["on"]), said("the number 1.5")),
                (at(&["words"]), said("a table")),
            ]
        );
        // No value read is a character; one would be text.
        assert_eq!(
            found(de::Unexpected::Char('x')),
            Found("the text \"x\"".into())
        );
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Numbers {
        count: u64,
        shift: i64,
        mode: Option<Mode>,
    }

    fn read_numbers(json: &str) -> (Numbers, Vec<Mismatch>) {
        let (numbers, found, _) = read(
            serde_json::from_str(json).unwrap(),
            &of::<Numbers>(),
            None,
            std::path::Path::new("src"),
        );
        (numbers, found)
    }

    #[test]
    fn whole_numbers_are_read_over_their_whole_range_and_named_as_written() {
        let (n, mistakes) =
            read_numbers(r#"{"count": 18446744073709551615, "shift": -9223372036854775807}"#);
        assert_eq!(mistakes, []);
        assert_eq!((n.count, n.shift), (u64::MAX, -9223372036854775807));
        for (json, said) in [
            ("18446744073709551615", "the number 18446744073709551615"),
            ("-9223372036854775807", "the number -9223372036854775807"),
            ("true", "`true`"),
            ("[]", "a list"),
        ] {
            let (_, mistakes) = read_numbers(&format!(r#"{{"mode": {json}}}"#));
            let problem = Problem::Found(Found(said.into()));
            assert_eq!(
                mistakes,
                [Mismatch {
                    at: at(&["mode"]),
                    problem
                }],
                "{json}"
            );
        }
        // `null` (an `MDBOOK_…` variable may write it) is no value.
        let (n, mistakes) = read_numbers(r#"{"mode": null}"#);
        assert_eq!((n.mode, mistakes), (None, vec![]));
    }

    #[test]
    fn a_value_that_is_not_a_table_is_one_mistake_and_the_defaults_apply() {
        let (s, mistakes) = read_json("1");
        assert_eq!(s, Sample::default());
        let problem = Problem::Found(Found("the number 1".into()));
        assert_eq!(
            mistakes,
            [Mismatch {
                at: Some(Vec::new()),
                problem
            }]
        );
    }

    #[test]
    fn an_empty_value_marked_or_none_is_none_even_for_a_path() {
        let path = Kind::Marked(paths::IN_BOOK, Box::new(Kind::Text));
        let mut found = Vec::new();
        let check_value = |kind: &Kind, found: &mut Vec<Mismatch>| {
            let src = std::path::Path::new("src");
            check(
                &Value::from(""),
                kind,
                &mut Vec::new(),
                false,
                None,
                src,
                found,
            );
        };
        check_value(&Kind::Marked(OR_NONE, Box::new(path.clone())), &mut found);
        assert_eq!(found, []);
        check_value(&path, &mut found);
        let empty = Mismatch {
            at: Some(Vec::new()),
            problem: Problem::Empty,
        };
        assert_eq!(found, [empty]);
    }

    #[test]
    fn a_mismatch_displays_its_problem_and_place() {
        let m = Mismatch {
            at: at(&["inner", "depth"]),
            problem: Problem::Zero,
        };
        assert_eq!(
            m.to_string(),
            r#"Zero at Some([Key("inner"), Key("depth")])"#
        );
    }

    #[test]
    fn a_marked_value_another_deserializer_cannot_mark_expects_a_value() {
        let d = de::value::StrDeserializer::<de::value::Error>::new("x");
        let e = or_none::<_, String>(d).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid type: string \"x\", expected a value"
        );
    }
}
