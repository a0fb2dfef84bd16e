//! Syntax-tree nodes built directly: the fast path, for the code emitted per
//! field and per operation.
//!
//! Code written with `quote!` is parsed back into a tree for prettyplease (see
//! [`super::quoted`]). For the parts repeated for every field (struct fields,
//! serde lines, setters, checks) that round trip was over half of generation
//! time: syn's parser allocates on every look-ahead. These helpers build the
//! same trees without tokens; each mirrors the Rust it names, and the formatted
//! text is the same as if the tokens had been parsed (the test that ties the
//! checked-in generated code to the specs pins it).

use std::cell::Cell;

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::token;
use syn::{
    AngleBracketedGenericArguments, AttrStyle, Attribute, Block, Expr, ExprCall, ExprField,
    ExprLit, ExprMethodCall, ExprPath, ExprReference, ExprStruct, ExprTry, FieldValue,
    GenericArgument, Ident, Lit, LitStr, Local, LocalInit, Member, Meta, MetaNameValue, Pat,
    PatIdent, PatTupleStruct, Path, PathArguments, PathSegment, Stmt, Type, TypePath,
};

thread_local! {
    /// Delimiter tokens carry a `DelimSpan`, which proc-macro2 makes by building
    /// an empty group: while an emission runs, one of each is made per thread and
    /// copied (they are `Copy`). See [`Delimiters`].
    static DELIMITERS: Cell<Option<(token::Brace, token::Paren, token::Bracket)>> =
        const { Cell::new(None) };
}

/// Keeps delimiter tokens for reuse on this thread until dropped. Scoped, not
/// kept for the thread's life: inside `generate_api!` the tokens hold the
/// compiler's spans, which must not outlive the macro call.
pub struct Delimiters(());

impl Delimiters {
    pub fn cache() -> Delimiters {
        DELIMITERS.set(Some(Default::default()));
        Delimiters(())
    }
}

impl Drop for Delimiters {
    fn drop(&mut self) {
        DELIMITERS.set(None);
    }
}

/// `{ }` delimiters.
pub fn brace() -> token::Brace {
    DELIMITERS.get().map_or_else(Default::default, |d| d.0)
}

/// `( )` delimiters.
pub fn paren() -> token::Paren {
    DELIMITERS.get().map_or_else(Default::default, |d| d.1)
}

/// `[ ]` delimiters.
pub fn bracket() -> token::Bracket {
    DELIMITERS.get().map_or_else(Default::default, |d| d.2)
}

/// An identifier: one from the model (already valid, possibly raw) or one of
/// the emitters' own (`self`, `Some`, `value`).
pub fn ident(s: &str) -> Ident {
    if crate::naming::is_plain_ascii(s) {
        return Ident::new(s, Span::call_site());
    }
    // Raw and non-ASCII identifiers are rare: let syn vet them rather than
    // risk proc-macro2's panic on a name it rejects.
    syn::parse_str::<Ident>(s).unwrap_or_else(|_| Ident::new("__invalid_ident", Span::call_site()))
}

/// A path of plain segments: `Option`, `self`, `m`.
pub fn path(segments: &[&str]) -> Path {
    Path {
        leading_colon: None,
        segments: segments
            .iter()
            .map(|s| PathSegment::from(ident(s)))
            .collect(),
    }
}

/// A path whose last segment has one type argument: `Option<T>`, `Vec<T>`.
pub fn generic_path(name: &str, arg: Type) -> Path {
    generic_path_args(name, vec![arg])
}

/// A path whose last segment has type arguments: `Result<T, E>`.
pub fn generic_path_args(name: &str, args: Vec<Type>) -> Path {
    let mut p = path(&[name]);
    if let Some(last) = p.segments.last_mut() {
        last.arguments = PathArguments::AngleBracketed(AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().map(GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    p
}

/// `()`.
pub fn unit_type() -> Type {
    Type::Tuple(syn::TypeTuple {
        attrs: Vec::new(),
        paren_token: paren(),
        elems: Punctuated::new(),
    })
}

/// `&T`.
pub fn ref_type(elem: Type) -> Type {
    Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: None,
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `&self`.
pub fn receiver_ref() -> syn::FnArg {
    syn::FnArg::Receiver(syn::Receiver {
        attrs: Vec::new(),
        mutability: None,
        self_token: Default::default(),
        kind: syn::ReceiverKind::Reference(Default::default(), None, None),
    })
}

/// `name: ty`, a function parameter.
pub fn param(name: &str, ty: Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(pat_ident(name)),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `pub fn name(inputs) -> output {}`, to be given a body.
pub fn method_fn(
    name: &str,
    attrs: Vec<Attribute>,
    inputs: Vec<syn::FnArg>,
    output: Type,
) -> syn::ImplItemFn {
    syn::ImplItemFn {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        sig: syn::Signature {
            constness: None,
            asyncness: None,
            safety: syn::Safety::Default,
            abi: None,
            fn_token: Default::default(),
            ident: ident(name),
            generics: Default::default(),
            paren_token: paren(),
            inputs: inputs.into_iter().collect(),
            variadic: None,
            output: syn::ReturnType::Type(Default::default(), Box::new(output)),
        },
        block: block(Vec::new()),
    }
}

/// A type named by a path.
pub fn ty(path: Path) -> Type {
    Type::Path(TypePath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// An expression naming a path: a local, a constant, a unit variant.
pub fn expr_path(path: Path) -> Expr {
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// A local variable or other single-segment name.
pub fn var(name: &str) -> Expr {
    expr_path(path(&[name]))
}

/// A literal expression.
pub fn lit(lit: Lit) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

/// `"text"`, escaped as `quote!` would.
pub fn lit_str(s: &str) -> Expr {
    lit(Lit::Str(LitStr::new(s, Span::call_site())))
}

/// A literal from proc-macro2 (keeps its suffix: `100usize`, `2`).
pub fn lit_token(l: proc_macro2::Literal) -> Expr {
    lit(Lit::new(l))
}

/// `receiver.method(args)`.
pub fn method(receiver: Expr, method: &str, args: Vec<Expr>) -> Expr {
    Expr::MethodCall(ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(method),
        turbofish: None,
        paren_token: paren(),
        args: args.into_iter().collect(),
    })
}

/// `func(args)`.
pub fn call(func: Expr, args: Vec<Expr>) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: paren(),
        args: args.into_iter().collect(),
    })
}

/// `base.member`.
pub fn field(base: Expr, member: Ident) -> Expr {
    Expr::Field(ExprField {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: Default::default(),
        member: Member::Named(member),
    })
}

/// `&expr`.
pub fn reference(expr: Expr) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// `expr.await`.
pub fn await_(expr: Expr) -> Expr {
    Expr::Await(syn::ExprAwait {
        attrs: Vec::new(),
        base: Box::new(expr),
        dot_token: Default::default(),
        await_token: Default::default(),
    })
}

/// `expr?`.
pub fn try_(expr: Expr) -> Expr {
    Expr::Try(ExprTry {
        attrs: Vec::new(),
        expr: Box::new(expr),
        question_token: Default::default(),
    })
}

/// `Some(expr)`.
pub fn some(expr: Expr) -> Expr {
    call(var("Some"), vec![expr])
}

/// `path { member: expr, shorthand, ... }`; a `None` value is shorthand.
pub fn struct_lit(path: Path, fields: Vec<(Ident, Option<Expr>)>) -> Expr {
    let fields: Punctuated<FieldValue, syn::Token![,]> = fields
        .into_iter()
        .map(|(name, value)| {
            let shorthand = value.is_none();
            FieldValue {
                attrs: Vec::new(),
                expr: value.unwrap_or_else(|| expr_path(Path::from(name.clone()))),
                member: Member::Named(name),
                colon_token: (!shorthand).then(Default::default),
            }
        })
        .collect();
    Expr::Struct(ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: brace(),
        fields,
        dot2_token: None,
        rest: None,
    })
}

/// `expr;`.
pub fn stmt(expr: Expr) -> Stmt {
    Stmt::Expr(expr, Some(Default::default()))
}

/// `expr` as the last statement of a block, or a block-like statement.
pub fn tail(expr: Expr) -> Stmt {
    Stmt::Expr(expr, None)
}

/// A block of statements.
pub fn block(stmts: Vec<Stmt>) -> Block {
    Block {
        brace_token: brace(),
        stmts,
    }
}

/// A binding pattern: `value`.
pub fn pat_ident(name: &str) -> Pat {
    Pat::Ident(PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: ident(name),
        subpat: None,
    })
}

/// `let name = expr;`.
pub fn let_(name: &str, expr: Expr) -> Stmt {
    Stmt::Local(Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        modifiers: Default::default(),
        pat: pat_ident(name),
        init: Some(LocalInit {
            eq_token: Default::default(),
            expr: Box::new(expr),
            diverge: None,
        }),
        semi_token: Default::default(),
    })
}

/// `let mut name = expr;`.
pub fn let_mut(name: &str, expr: Expr) -> Stmt {
    let mut local = let_(name, expr);
    if let Stmt::Local(Local {
        pat: Pat::Ident(p), ..
    }) = &mut local
    {
        p.mutability = Some(Default::default());
    }
    local
}

/// `if let Some(name) = expr { stmts }`.
pub fn if_let_some(name: &str, expr: Expr, stmts: Vec<Stmt>) -> Expr {
    let pat = Pat::TupleStruct(PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path: path(&["Some"]),
        paren_token: paren(),
        elems: std::iter::once(pat_ident(name)).collect(),
    });
    Expr::If(syn::ExprIf {
        attrs: Vec::new(),
        if_token: Default::default(),
        cond: Box::new(Expr::Let(syn::ExprLet {
            attrs: Vec::new(),
            let_token: Default::default(),
            pat: Box::new(pat),
            eq_token: Default::default(),
            expr: Box::new(expr),
        })),
        then_branch: block(stmts),
        else_branch: None,
    })
}

/// `{ stmts }` as an expression.
pub fn block_expr(stmts: Vec<Stmt>) -> Expr {
    Expr::Block(syn::ExprBlock {
        attrs: Vec::new(),
        label: None,
        block: block(stmts),
    })
}

/// `impl Name {}`, to be filled with methods.
pub fn inherent_impl(name: &Ident) -> syn::ItemImpl {
    syn::ItemImpl {
        attrs: Vec::new(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics: Default::default(),
        trait_: None,
        self_ty: Box::new(ty(Path::from(name.clone()))),
        brace_token: brace(),
        items: Vec::new(),
    }
}

/// `#[doc = r"line"]`, which prettyplease prints as `/// line`.
pub fn doc(line: &str) -> Attribute {
    outer(Meta::NameValue(MetaNameValue {
        path: path(&["doc"]),
        eq_token: Default::default(),
        value: lit(raw_str(line)),
    }))
}

/// A string literal written raw (`r"..."`, `r#"..."#`). Doc lines are long and
/// mostly CJK text: escaping every character (`LitStr::new`) for prettyplease to
/// read it back took a tenth of generation time; a raw literal is copied as is.
fn raw_str(s: &str) -> Lit {
    // One more `#` than the longest run after a quote in the text.
    let hashes = s
        .split('"')
        .skip(1)
        .map(|after| after.bytes().take_while(|&b| b == b'#').count() + 1)
        .max()
        .unwrap_or(0);
    let fence = "#".repeat(hashes);
    match format!("r{fence}\"{s}\"{fence}").parse::<proc_macro2::Literal>() {
        Ok(raw) => Lit::new(raw),
        // A carriage return cannot appear in a raw string.
        Err(_) => Lit::Str(LitStr::new(s, Span::call_site())),
    }
}

fn outer(meta: Meta) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: bracket(),
        meta,
    }
}
