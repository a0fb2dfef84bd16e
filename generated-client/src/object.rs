//! The serde impls of generated structs, written once.
//!
//! A generated struct lists its fields once, in a call of `object_serde!`
//! with each field's Rust name, whether it is required (`req`) or optional
//! (`opt`) (`req_either`/`opt_either`: read in either spelling, see
//! `either_spelling:` in docs/spec-format.md), and its wire name; the impls it
//! expands to go through
//! [`crate::ser`] and [`crate::de`] (a non-generic function per struct, see
//! `de.rs`). Generated code reaches it as `__private::object_serde!`; it is
//! not public API.

/// `Serialize` and `Deserialize` of a struct by wire name:
/// `object_serde!(Name { field req "wireName", other opt "other" });`.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_serde {
    ($name:ident { $($field:ident $how:ident $wire:literal),* $(,)? }) => {
        $crate::__private::field_value!($name);
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                #[allow(unused_variables)]
                fn fields(v: &$name, m: &mut $crate::__private::ser::Object<'_>) {
                    $($crate::__object_serde!(@put $how m $wire &v.$field);)*
                }
                // The number of fields written (serializers may need it up front).
                #[allow(unused_variables)]
                fn len(v: &$name) -> usize {
                    0 $(+ $crate::__object_serde!(@count $how &v.$field))*
                }
                $crate::__private::ser::object(serializer, stringify!($name), len(self), self, fields)
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                #[allow(unused_variables)]
                fn fields(
                    m: &mut $crate::__private::de::Object,
                ) -> Result<$name, $crate::__private::de::Error> {
                    Ok($name { $($field: $crate::__object_serde!(@take $how m $wire),)* })
                }
                $crate::__private::de::object(deserializer, fields)
            }
        }
    };
    (@put req $m:ident $wire:literal $value:expr) => { $m.put($wire, $value) };
    (@put opt $m:ident $wire:literal $value:expr) => { $m.opt($wire, $value) };
    (@put req_either $m:ident $wire:literal $value:expr) => { $m.put($wire, $value) };
    (@put opt_either $m:ident $wire:literal $value:expr) => { $m.opt($wire, $value) };
    (@count req $value:expr) => { 1 };
    (@count opt $value:expr) => { usize::from(($value).is_some()) };
    (@count req_either $value:expr) => { 1 };
    (@count opt_either $value:expr) => { usize::from(($value).is_some()) };
    (@take req $m:ident $wire:literal) => { $m.required($wire)? };
    (@take opt $m:ident $wire:literal) => { $m.optional($wire)? };
    (@take req_either $m:ident $wire:literal) => { $m.required_either($wire)? };
    (@take opt_either $m:ident $wire:literal) => { $m.optional_either($wire)? };
}

/// The `with_*` setters of a request struct's optional fields, each with its
/// rustdoc: `object_setters!(Name { with_a "a" a set(T), with_b "b" b into(String) })`.
/// `set` takes the value as is, `into` takes `impl Into<T>`, `boxed` and
/// `into_boxed` also box it (a recursive field). The literal is the field's
/// name without `r#`, for the doc link.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_setters {
    ($name:ident { $($setter:ident $doc:literal $field:ident $how:ident ($ty:ty)),* $(,)? }) => {
        impl $name {
            $($crate::__object_setters!(@one $how $setter $doc $field $ty);)*
        }
    };
    (@one set $setter:ident $doc:literal $field:ident $ty:ty) => {
        $crate::__object_setters!(@fn $setter $doc $field, value: $ty, value);
    };
    (@one into $setter:ident $doc:literal $field:ident $ty:ty) => {
        $crate::__object_setters!(@fn $setter $doc $field, value: impl Into<$ty>, value.into());
    };
    (@one boxed $setter:ident $doc:literal $field:ident $ty:ty) => {
        $crate::__object_setters!(@fn $setter $doc $field, value: $ty, Box::new(value));
    };
    (@one into_boxed $setter:ident $doc:literal $field:ident $ty:ty) => {
        $crate::__object_setters!(
            @fn $setter $doc $field, value: impl Into<$ty>, Box::new(value.into())
        );
    };
    (@fn $setter:ident $doc:literal $field:ident, $value:ident: $param:ty, $stored:expr) => {
        #[doc = concat!(" Sets [`", $doc, "`](Self::", $doc, ").")]
        #[must_use]
        pub fn $setter(mut self, $value: $param) -> Self {
            self.$field = Some($stored);
            self
        }
    };
}

/// A generated type is its own [`crate::validation::FieldValue`]: rules on a
/// field of that type (nested, known) see the value itself.
#[doc(hidden)]
#[macro_export]
macro_rules! __field_value {
    ($name:ident) => {
        impl $crate::validation::FieldValue for $name {
            type Of = Self;
            fn get(&self) -> Option<&Self> {
                Some(self)
            }
        }
    };
}
