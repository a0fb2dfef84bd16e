//! The spec as written: its serde AST, where its nodes are, and how it is read.

pub mod ast;
pub mod locate;
pub mod parse;
