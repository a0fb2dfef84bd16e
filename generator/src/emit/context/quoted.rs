//! Code an emitter wrote with `quote!`, parsed into syntax trees: the way of
//! building code that is written once per vendor, enum, rule or paged
//! operation, where reading like the output matters more than speed.

use proc_macro2::{Span, TokenStream};
use syn::{Block, LitStr, Stmt};

use super::syntax::{paren, path};

/// Statements an emitter wrote with `quote!`, parsed (see [`emitter_bug`] for
/// tokens that do not parse).
pub fn parse_stmts(tokens: TokenStream) -> Vec<Stmt> {
    match syn::parse::Parser::parse2(Block::parse_within, tokens.clone()) {
        Ok(stmts) => stmts,
        Err(e) => vec![Stmt::Macro(syn::StmtMacro {
            attrs: Vec::new(),
            mac: emitter_bug(&e, &tokens),
            semi_token: Some(Default::default()),
        })],
    }
}

/// Items an emitter wrote with `quote!`, parsed (see [`emitter_bug`]).
pub fn parse_items(tokens: TokenStream) -> Vec<syn::Item> {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => file.items,
        Err(e) => vec![syn::Item::Macro(syn::ItemMacro {
            attrs: Vec::new(),
            ident: None,
            mac: emitter_bug(&e, &tokens),
            semi_token: Some(Default::default()),
        })],
    }
}

/// Tokens that do not parse are an emitter bug (these parts are a few per
/// struct or vendor, so keeping a copy of their tokens for this is cheap): they
/// become a `compile_error!` quoting them, so the build stops at the right item
/// and nothing is lost, instead of the generator panicking.
fn emitter_bug(e: &syn::Error, tokens: &TokenStream) -> syn::Macro {
    let message = format!("meeting-api-codegen emitted code that does not parse ({e}): {tokens}");
    syn::Macro {
        path: path(&["compile_error"]),
        bang_token: Default::default(),
        delimiter: syn::MacroDelimiter::Paren(paren()),
        tokens: quote::ToTokens::to_token_stream(&LitStr::new(&message, Span::call_site())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn items_that_do_not_parse_become_a_compile_error_quoting_them() {
        let items = parse_items(quote! { impl Client { fn broken() -> } });
        let text = prettyplease::unparse(&syn::File {
            shebang: None,
            frontmatter: None,
            attrs: Vec::new(),
            items,
        });
        assert!(
            text.starts_with(
                "compile_error!(\n    \"meeting-api-codegen emitted code that does not parse"
            ),
            "{text}"
        );
        assert!(text.contains("impl Client { fn broken () -> }"), "{text}");
    }

    #[test]
    fn statements_that_do_not_parse_become_a_compile_error_quoting_them() {
        let stmts = parse_stmts(quote! { v.require("a",,); });
        let [Stmt::Macro(m)] = stmts.as_slice() else {
            panic!("one compile_error! statement, got {}", stmts.len());
        };
        assert!(m.mac.path.is_ident("compile_error"));
        assert!(
            m.mac.tokens.to_string().contains("v . require"),
            "{}",
            m.mac.tokens
        );
    }

    #[test]
    fn statements_that_parse_are_kept() {
        assert_eq!(parse_stmts(quote! { let a = 1; a }).len(), 2);
    }
}
