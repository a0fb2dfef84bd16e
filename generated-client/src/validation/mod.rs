//! Client-side validation: the documented rules, checked before anything is sent.
//!
//! Generated `Validate` impls call one [`Validator`] method per rule; the rules'
//! logic lives here once, not in every generated type. Every violation is kept
//! (not only the first), with the field path (`sessions[2].sessionName`), the rule,
//! the limit, the offending part of the value, and the vendor's own error key when
//! the document gives one.
//!
//! Layout, bottom to top: `calendar` (date-time arithmetic) < `format` (the
//! text shapes a value may need: [`Format`], [`CharRule`]) < `violation` (the
//! vocabulary: [`Rule`], [`Violation`], [`Violations`] and their messages) <
//! this module (the [`Validate`] trait and the [`Validator`] that walks a value
//! and records violations) < `rules` (the engine: one `Validator` method per
//! kind of rule).
//!
//! The rule methods are documented public API rather than hidden plumbing:
//! `Validate` is a public trait, and a hand-written impl (a wrapper around
//! generated types, say) checks its own fields with the same methods the
//! generated impls call.

use std::fmt::Write as _;

mod calendar;
mod format;
mod rules;
mod violation;

pub use format::{CharRule, Format};
pub use violation::{Rule, Violation, Violations};

/// A type whose documented rules can be checked.
pub trait Validate {
    /// Pushes every violation of `self` (and of what it contains) into `v`.
    fn validate_into(&self, v: &mut Validator);

    /// Every violation, or `Ok(())`.
    fn validate(&self) -> Result<(), Violations> {
        let mut v = Validator::default();
        self.validate_into(&mut v);
        v.finish()
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_into(&self, v: &mut Validator) {
        (**self).validate_into(v);
    }
}

/// What a rule reads from a field: its value, or nothing when an optional
/// field is absent (a rule on an absent field holds).
///
/// So that a generated `Validate` impl is one line per rule whatever the
/// field's shape (`v.max_chars("name", &self.name, 64, None)` for a `String`
/// and an `Option<String>` alike), rule methods take `&impl FieldValue`.
/// Text reads as `str`, lists as slices; generated structs and enumerations
/// are their own value (their runtime macros implement this).
pub trait FieldValue {
    /// What the rule sees: `str`, `i64`, `f64`, `[T]` or the type itself.
    type Of: ?Sized;
    /// The value, or `None` when absent.
    fn get(&self) -> Option<&Self::Of>;
}

impl FieldValue for str {
    type Of = str;
    fn get(&self) -> Option<&str> {
        Some(self)
    }
}

impl FieldValue for String {
    type Of = str;
    fn get(&self) -> Option<&str> {
        Some(self)
    }
}

impl FieldValue for i64 {
    type Of = i64;
    fn get(&self) -> Option<&i64> {
        Some(self)
    }
}

impl FieldValue for f64 {
    type Of = f64;
    fn get(&self) -> Option<&f64> {
        Some(self)
    }
}

impl<T> FieldValue for [T] {
    type Of = [T];
    fn get(&self) -> Option<&[T]> {
        Some(self)
    }
}

impl<T> FieldValue for Vec<T> {
    type Of = [T];
    fn get(&self) -> Option<&[T]> {
        Some(self)
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    type Of = T::Of;
    fn get(&self) -> Option<&T::Of> {
        self.as_ref().and_then(FieldValue::get)
    }
}

impl<T: FieldValue + ?Sized> FieldValue for Box<T> {
    type Of = T::Of;
    fn get(&self) -> Option<&T::Of> {
        (**self).get()
    }
}

/// A generated enumeration: documented values plus `Unknown`.
pub trait Coded {
    /// Whether the value is one the document lists.
    fn is_known(&self) -> bool;
    /// The wire value as text (a query parameter, a message).
    fn code_text(&self) -> String;
    /// Whether the codes are strings (messages quote them).
    fn is_text(&self) -> bool {
        false
    }
}

/// Collects violations while walking a value; tracks the current field path.
///
/// Generated `Validate` impls call its rule methods (`require`, `max_chars`,
/// `range`, …), one per documented rule; each takes the field's name relative
/// to the value being walked, the value or what is measured of it, the rule's
/// limits, and the vendor's error key for the rule when the document gives one.
#[derive(Debug, Default)]
pub struct Validator {
    path: String,
    violations: Vec<Violation>,
    /// Inside [`Validator::sensitive`]: violations keep no part of the value.
    sensitive: bool,
}

impl Validator {
    /// The violations found, or `Ok(())`.
    pub fn finish(self) -> Result<(), Violations> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(Violations(self.violations))
        }
    }

    /// Validates a nested object under `field`, when present.
    pub fn nested<V>(&mut self, field: &str, value: &V)
    where
        V: FieldValue + ?Sized,
        V::Of: Validate,
    {
        let Some(value) = value.get() else { return };
        let saved = self.enter(field);
        value.validate_into(self);
        self.path.truncate(saved);
    }

    /// Validates each element of an array under `field[i]`, when present.
    pub fn each<T: Validate, V: FieldValue<Of = [T]> + ?Sized>(&mut self, field: &str, items: &V) {
        let Some(items) = items.get() else { return };
        let saved = self.enter(field);
        let base = self.path.len();
        for (i, item) in items.iter().enumerate() {
            self.index(i);
            item.validate_into(self);
            self.path.truncate(base);
        }
        self.path.truncate(saved);
    }

    /// The full path of `field` below the current one.
    fn at(&self, field: &str) -> String {
        if self.path.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", self.path)
        }
    }

    /// Checks a secret field (a password, a token): `rules` runs as usual,
    /// but the violations it records keep no part of the value (an offending
    /// character, a value out of range or list reads as `*`), so a message
    /// never echoes a secret. For generated code of fields a spec marks
    /// `sensitive: true`.
    pub fn sensitive(&mut self, rules: impl FnOnce(&mut Validator)) {
        let outer = std::mem::replace(&mut self.sensitive, true);
        rules(self);
        self.sensitive = outer;
    }

    /// Records that `field` broke `rule`.
    fn push(&mut self, field: &str, rule: Rule, vendor_key: Option<&'static str>) {
        let rule = if self.sensitive {
            rule.redacted()
        } else {
            rule
        };
        let path = self.at(field);
        self.violations.push(Violation {
            path,
            rule,
            vendor_key,
        });
    }

    /// Appends `.field` to the current path in place (a valid value costs no
    /// allocation) and returns the length to truncate back to.
    fn enter(&mut self, field: &str) -> usize {
        let saved = self.path.len();
        if saved > 0 {
            self.path.push('.');
        }
        self.path.push_str(field);
        saved
    }

    fn index(&mut self, i: usize) {
        // Writing into a String cannot fail.
        let _ = write!(self.path, "[{i}]");
    }
}
