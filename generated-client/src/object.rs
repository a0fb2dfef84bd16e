//! The serde impls of generated structs, written once.
//!
//! A generated struct lists its fields once, in a call of `object_serde!`
//! with each field's Rust name, whether it is required (`req`) or optional
//! (`opt`) (`req_either`/`opt_either`: read in either spelling, see
//! `either_spelling:` in docs/spec-format.md), and its wire name; the impls it
//! expands to go through [`crate::ser`] and [`crate::de`]: per struct, one
//! non-generic function each way and shells generic over the serializer or
//! deserializer that are a single call. Generated code reaches it as
//! `__private::object_serde!`; it is not public API.

/// `Serialize`, `Deserialize` (with their `Encode`, `Fields` and `Decode`) of a struct
/// by wire name:
/// `object_serde!(Name { field req "wireName", other opt "other" });`.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_serde {
    ($name:ident { $($field:ident $how:ident $wire:literal),* $(,)? }) => {
        $crate::__private::field_value!($name);
        impl $crate::__private::ser::Encode for $name {
            fn encode(&self, out: &mut dyn $crate::__private::ser::Sink) {
                out.object(stringify!($name), self);
            }
        }
        impl $crate::__private::ser::Fields for $name {
            #[allow(unused_variables)]
            fn fields(&self, m: &mut $crate::__private::ser::Object<'_>) {
                $(m.put($wire, &self.$field);)*
            }
        }
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                $crate::__private::ser::serialize(serializer, self)
            }
        }
        const _: () = {
            #[allow(unused_variables)]
            fn fields(m: &mut $crate::__private::de::Object) -> $name {
                $name { $($field: m.$how($wire),)* }
            }
            impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
                fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Self, D::Error> {
                    $crate::__private::de::object(deserializer, fields)
                }
            }
            impl $crate::__private::de::Decode for $name {
                fn decode(
                    text: &str,
                    problem: &mut Option<$crate::__private::de::Error>,
                ) -> Self {
                    $crate::__private::de::decode_object(text, problem, fields)
                }
                // Compiled only where a decoder needs it (a struct some
                // other struct has as a required field).
                #[inline]
                fn stand_in() -> Self {
                    $crate::__private::de::stand_in(fields)
                }
            }
        };
    };
}

/// The `with_*` setters of a request struct's optional fields, each with its
/// rustdoc: `object_setters!(Name { with_a "a" a(T), with_b "b" b(Box<Node>) })`.
/// Each takes `impl Into` of the field's type (text as `&str`, a recursive
/// field's value unboxed). The literal is the field's name without `r#`, for
/// the doc link.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_setters {
    ($name:ident { $($setter:ident $doc:literal $field:ident($ty:ty)),* $(,)? }) => {
        impl $name {
            $(
                #[doc = concat!(" Sets [`", $doc, "`](Self::", $doc, ").")]
                #[must_use]
                pub fn $setter(mut self, value: impl Into<$ty>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )*
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
