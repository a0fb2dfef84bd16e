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

/// The constructor and setters of a struct users build:
/// `object_constructor!(Name new(a into(String), b(T), c(Node)) { with_d "d" d(T), with_e "e" e(Box<Node>) })`.
///
/// `new` takes the required fields in order (`into`: as `impl Into` of the
/// type, as text is taken), each converted into its field (a recursive field's
/// value is boxed), and leaves every optional field absent. A struct with no
/// required field derives `Default` instead and has no `new(..)` part. Each
/// `with_*` setter takes `impl Into` of its field's type; the literal is the
/// field's name without `r#`, for the doc link.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_constructor {
    ($name:ident new($($req:ident $($into:ident)? ($rty:ty)),+ $(,)?) {
        $($setter:ident $doc:literal $field:ident($ty:ty)),* $(,)?
    }) => {
        impl $name {
            /// Creates a value from its required fields; optional fields start absent.
            #[allow(clippy::too_many_arguments, clippy::useless_conversion)]
            pub fn new(
                $($req: $crate::__private::object_constructor!(@param $($into)? $rty)),+
            ) -> Self {
                Self {
                    $($req: ::core::convert::Into::into($req),)+
                    $($field: None,)*
                }
            }
        }
        $crate::__private::object_constructor!($name { $($setter $doc $field($ty)),* });
    };
    (@param into $ty:ty) => { impl Into<$ty> };
    (@param $ty:ty) => { $ty };
    ($name:ident {}) => {};
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
