//! The plumbing of generated enumerations and flag sets, written once.
//!
//! A generated module declares each enumeration (or flag set) with its docs,
//! then calls one of these macros with the table of (variant, code, label):
//! the methods, `Coded` and the serde impls come from here instead of being
//! repeated as token blocks per type, which kept generated files and their
//! compile times proportional to the number of enumerations.
//! Generated code reaches them as `__private::coded_enum!` and
//! `__private::flag_set!`; they are not public API.

/// Codes, labels, `Coded`, `Serialize` and `Deserialize` of an enumeration
/// declared with one unit variant per documented value and `Unknown(i64)`
/// (`int`) or `Unknown(String)` (`str`) for any other.
///
/// `coded_enum!(int Name { Variant = 1 => "label", ... });`
#[doc(hidden)]
#[macro_export]
macro_rules! __coded_enum {
    (int $name:ident { $($variant:ident = $code:literal => $label:literal),* $(,)? }) => {
        impl $name {
            /// Every documented value, in document order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];
            /// The value on the wire.
            pub fn code(&self) -> i64 {
                match self { $(Self::$variant => $code,)* Self::Unknown(code) => *code }
            }
            /// The variant for a wire value; undocumented values become `Unknown`.
            pub fn from_code(code: i64) -> Self {
                match code { $($code => Self::$variant,)* other => Self::Unknown(other) }
            }
            $crate::__coded_enum!(@label $($variant => $label),*);
        }
        $crate::__coded_enum!(@coded $name, false);
        $crate::__coded_enum!(@serde $name, serialize_i64, i64, Self::from_code);
        $crate::__coded_enum!(@encode $name, i64);
        $crate::__coded_enum!(@decode $name, i64, Self::from_code, Self::Unknown(0));
    };
    (str $name:ident { $($variant:ident = $code:literal => $label:literal),* $(,)? }) => {
        impl $name {
            /// Every documented value, in document order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];
            /// The value on the wire.
            pub fn code(&self) -> &str {
                match self { $(Self::$variant => $code,)* Self::Unknown(code) => code.as_str() }
            }
            /// The variant for a wire value; undocumented values become `Unknown`.
            pub fn from_code(code: &str) -> Self {
                match code { $($code => Self::$variant,)* other => Self::Unknown(other.to_owned()) }
            }
            $crate::__coded_enum!(@label $($variant => $label),*);
        }
        // Messages quote a string code (`"ZZ"`), as they quote any string value.
        $crate::__coded_enum!(@coded $name, true);
        $crate::__coded_enum!(@serde $name, serialize_str, String, |code: String| {
            Self::from_code(&code)
        });
        $crate::__coded_enum!(@encode $name, str);
        $crate::__coded_enum!(
            @decode $name, String, |code: String| Self::from_code(&code), Self::Unknown(String::new())
        );
    };
    (@decode $name:ident, $wire:ty, $from:expr, $stand_in:expr) => {
        impl $crate::__private::de::Decode for $name {
            fn decode(text: &str, problem: &mut Option<$crate::__private::de::Error>) -> Self {
                ($from)(<$wire as $crate::__private::de::Decode>::decode(text, problem))
            }
            fn stand_in() -> Self {
                $stand_in
            }
        }
    };
    (@encode $name:ident, $kind:ident) => {
        impl $crate::__private::ser::Encode for $name {
            fn encode(&self, out: &mut dyn $crate::__private::ser::Sink) {
                out.$kind(self.code());
            }
            fn encode_entry(
                &self,
                key: &'static str,
                entries: &mut dyn $crate::__private::ser::Entries,
            ) -> Result<(), $crate::__private::ser::Failed> {
                entries.$kind(key, self.code())
            }
        }
    };
    (@serde $name:ident, $serialize:ident, $wire:ty, $from:expr) => {
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.$serialize(self.code())
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                <$wire as $crate::__private::serde::Deserialize>::deserialize(deserializer)
                    .map($from)
            }
        }
    };
    (@label $($variant:ident => $label:literal),*) => {
        /// The document's label for this value.
        pub fn label(&self) -> Option<&'static str> {
            match self { $(Self::$variant => Some($label),)* Self::Unknown(_) => None }
        }
    };
    (@coded $name:ident, $text:literal) => {
        $crate::__private::field_value!($name);
        impl $crate::__private::Coded for $name {
            fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
            fn code_text(&self) -> String {
                self.code().to_string()
            }
            fn is_text(&self) -> bool {
                $text
            }
        }
    };
}

/// Methods, `|`, `Coded`, `Serialize` and `Deserialize` of a set of flags
/// (`bits: true`) declared as `pub struct Name(pub i64)` with one associated
/// constant per documented bit. Every bit received is kept, so an
/// undocumented one is sent back unchanged; validation rejects it in a
/// request (`Coded::is_known`).
///
/// `flag_set!(Name { CONST = 1 => "label", ... });`
#[doc(hidden)]
#[macro_export]
macro_rules! __flag_set {
    ($name:ident { $($flag:ident = $code:literal => $label:literal),* $(,)? }) => {
        impl $name {
            /// Every documented flag, in document order.
            pub const ALL: &'static [Self] = &[$(Self::$flag),*];
            /// Every documented bit.
            pub const DOCUMENTED: i64 = 0 $(| $code)*;
            /// The value on the wire.
            pub fn code(&self) -> i64 {
                self.0
            }
            /// The set a wire value stands for, every bit kept.
            pub fn from_code(code: i64) -> Self {
                Self(code)
            }
            /// Whether every flag of `other` is set.
            pub fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }
            /// The bits set that the document does not list (0 when none).
            pub fn unknown_bits(self) -> i64 {
                self.0 & !Self::DOCUMENTED
            }
            /// The document's labels of the flags set, in document order.
            pub fn labels(self) -> Vec<&'static str> {
                [$((Self::$flag, $label)),*]
                    .into_iter()
                    .filter(|(flag, _)| self.contains(*flag))
                    .map(|(_, label)| label)
                    .collect()
            }
        }
        impl ::core::ops::BitOr for $name {
            type Output = Self;
            fn bitor(self, other: Self) -> Self {
                Self(self.0 | other.0)
            }
        }
        impl ::core::ops::BitOrAssign for $name {
            fn bitor_assign(&mut self, other: Self) {
                self.0 |= other.0;
            }
        }
        $crate::__private::field_value!($name);
        impl $crate::__private::Coded for $name {
            fn is_known(&self) -> bool {
                self.0 >= 0 && self.unknown_bits() == 0
            }
            fn code_text(&self) -> String {
                self.0.to_string()
            }
        }
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.0)
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                <i64 as $crate::__private::serde::Deserialize>::deserialize(deserializer).map(Self)
            }
        }
        $crate::__coded_enum!(@encode $name, i64);
        $crate::__coded_enum!(@decode $name, i64, Self, Self(0));
    };
}
