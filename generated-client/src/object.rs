//! The serde impls of generated structs, written once.
//!
//! A generated struct lists its fields once, in a call of `object_serde!`
//! with each field's Rust name, whether it is required (`req`) or optional
//! (`opt`), and its wire name; the impls it expands to go through
//! [`crate::ser`] and [`crate::de`] (a non-generic function per struct, see
//! `de.rs`). Generated code reaches it as `__private::object_serde!`; it is
//! not public API.

/// `Serialize` and `Deserialize` of a struct by wire name:
/// `object_serde!(Name { field req "wireName", other opt "other" });`.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_serde {
    ($name:ident { $($field:ident $how:ident $wire:literal),* $(,)? }) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                #[allow(unused_variables)]
                fn fields<'a>(v: &'a $name, m: &mut $crate::__private::ser::Object<'a>) {
                    $($crate::__object_serde!(@put $how m $wire &v.$field);)*
                }
                $crate::__private::ser::object(serializer, self, fields)
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
    (@take req $m:ident $wire:literal) => { $m.required($wire)? };
    (@take opt $m:ident $wire:literal) => { $m.optional($wire)? };
}
