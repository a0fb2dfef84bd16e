//! The spec as written: its serde AST, where its nodes are, and how it is read.

pub(crate) mod ast;
mod fast;
pub(crate) mod locate;
pub(crate) mod markers;
pub(crate) mod parse;
pub(crate) mod path;
pub(crate) mod unquoted;
