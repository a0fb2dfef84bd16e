//! Drafting a spec from a vendor's prose document (issue 13).
//!
//! Layers, one job per file:
//!
//! - [`document`]: the typed model of what a document says,
//! - [`lexicon`]: the vocabulary both readers share,
//! - [`phrases`]: enumerations, limits, defaults and formats in descriptions,

#![cfg_attr(not(test), allow(dead_code))]

mod document;
mod lexicon;
mod phrases;
