//! What `generate_api!` expands to, without the `proc_macro` plumbing.
//!
//! This module is compiled twice: into the proc-macro crate, and by
//! `tests/expansion.rs` (through `#[path]`, since a proc-macro crate exports only
//! macros), so that the test checks the very code the macro runs against what
//! build.rs writes.

use std::path::{Path, PathBuf};

use meeting_api_codegen::Config;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// The macro's arguments: `"spec/path.yaml"` then `key = "value"` options, or
/// every argument as an option (`spec = "..."`).
pub struct Args {
    /// The spec file or vendor folder, relative to the calling crate's
    /// `CARGO_MANIFEST_DIR`.
    pub spec: LitStr,
    /// `runtime_path = "..."`: the path of the runtime crate in the generated
    /// code (build.rs's `Config::runtime_path`).
    pub runtime_path: Option<LitStr>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Args> {
        let mut spec = None;
        let mut runtime_path = None;
        if input.peek(LitStr) {
            spec = Some(input.parse::<LitStr>()?);
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        while !input.is_empty() {
            if !(input.peek(Ident) && input.peek2(Token![=])) {
                return Err(input.error(
                    "expected the spec path as a string literal, or `spec = \"...\"` / `runtime_path = \"...\"`",
                ));
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let value: LitStr = input.parse()?;
            let slot = match key.to_string().as_str() {
                "spec" => &mut spec,
                "runtime_path" => &mut runtime_path,
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown option `{other}`; expected `spec` or `runtime_path`"),
                    ))
                }
            };
            if slot.replace(value).is_some() {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{key}` is given twice"),
                ));
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        let spec = spec.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "generate_api! needs a spec: generate_api!(\"specs/vendor.yaml\")",
            )
        })?;
        Ok(Args { spec, runtime_path })
    }
}

/// Generated text longer than this (in bytes, about 2,000 endpoints) reaches
/// the compiler as a file that the expansion `include!`s, not as tokens: the
/// macro is then done once the file is written (3.7 s at 10,000 endpoints,
/// against 8.5 s when the compiler had to take 156 MB of tokens from it), and
/// the compiler reads the file as it reads build.rs's output, its expansion
/// about 4 % faster than from tokens (docs/performance.md §6).
/// `MEETING_API_MACROS_INCLUDE_ABOVE` sets another limit (this crate's tests
/// use it to compile both routes).
pub const INCLUDE_ABOVE: usize = 32 << 20;

/// [`INCLUDE_ABOVE`], or the limit `MEETING_API_MACROS_INCLUDE_ABOVE` sets.
pub fn include_above() -> usize {
    std::env::var("MEETING_API_MACROS_INCLUDE_ABOVE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(INCLUDE_ABOVE)
}

/// The whole expansion for `args`, with relative spec paths taken from
/// `manifest_dir`: for each spec file a `const _: &str = include_str!(..)` (so
/// that editing the spec recompiles the caller), then the vendor module's items,
/// or one `compile_error!` per problem of the spec, at the spec argument.
pub fn expand(args: &Args, manifest_dir: &Path) -> TokenStream {
    expand_with(args, manifest_dir, include_above())
}

/// [`expand`], with generated text longer than `include_above` bytes handed
/// over as an `include!`d file (see [`INCLUDE_ABOVE`]).
pub fn expand_with(args: &Args, manifest_dir: &Path, include_above: usize) -> TokenStream {
    let runtime_path = args.runtime_path.as_ref().map_or_else(
        || meeting_api_codegen::DEFAULT_RUNTIME_PATH.to_string(),
        LitStr::value,
    );
    if let Some(lit) = &args.runtime_path {
        if syn::parse_str::<syn::Path>(&runtime_path).is_err() {
            return syn::Error::new(
                lit.span(),
                format!(
                    "`runtime_path` must be a Rust path such as `::meeting_api_client` or `crate`, not `{runtime_path}`"
                ),
            )
            .to_compile_error();
        }
    }
    let spec = args.spec.value();
    let path = manifest_dir.join(&spec);
    if !path.exists() {
        return syn::Error::new(
            args.spec.span(),
            format!(
                "spec `{spec}` not found: the path is relative to the directory of the calling crate's Cargo.toml"
            ),
        )
        .to_compile_error();
    }
    let mut config = Config::new();
    config.spec(&path).runtime_path(&runtime_path);
    let tracked = track(&config.spec_files());
    let key = format!(
        "{}\0{}\0{runtime_path}",
        manifest_dir.display(),
        path.display()
    );
    match render(&config) {
        Ok(modules) => match modules.as_slice() {
            [(_, source)] => match module_tokens(source, &key, include_above) {
                Ok(code) => quote! { #tracked #code },
                Err(e) => {
                    let error = syn::Error::new(
                        args.spec.span(),
                        format!("meeting-api-codegen bug: the generated module does not lex: {e}"),
                    )
                    .to_compile_error();
                    quote! { #tracked #error }
                }
            },
            _ => {
                let error = syn::Error::new(
                    args.spec.span(),
                    format!("`{spec}` holds no spec: name a YAML file or a vendor folder"),
                )
                .to_compile_error();
                quote! { #tracked #error }
            }
        },
        Err(report) => {
            // Paths as the user wrote them, relative to their crate.
            let report = report.relative_to(manifest_dir);
            let errors = report.errors().map(|d| {
                let message = format!(
                    "{}: {}\n{}",
                    report.location(d),
                    d.message,
                    excerpt(&report.render_one(d))
                );
                syn::Error::new(args.spec.span(), message.trim_end()).to_compile_error()
            });
            quote! { #tracked #(#errors)* }
        }
    }
}

/// Each vendor module of `config` as source text, emitted on every core as
/// build.rs's is (unformatted: only the compiler reads it).
///
/// The compiler's tokens work only on the thread it called the macro on, and
/// proc-macro2 decides once per process which tokens it makes: while the
/// generator's threads build their syntax trees, it is told to make its own
/// (`fallback::force`), and the text is lexed by the compiler afterwards, in
/// one call. Building the module from compiler tokens instead meant one call
/// into the compiler per token, on one thread. (`force` is process-wide: two
/// expansions of this macro running at once, under rustc's unstable parallel
/// front end, could see each other's setting.)
fn render(config: &Config) -> Result<Vec<(String, String)>, meeting_api_codegen::Report> {
    /// Gives proc-macro2 back the compiler's tokens, even if rendering panics.
    struct Unforce;
    impl Drop for Unforce {
        fn drop(&mut self) {
            proc_macro2::fallback::unforce();
        }
    }
    proc_macro2::fallback::force();
    let _unforce = Unforce;
    config.render_token_text()
}

/// The module's items: its text lexed, or for text longer than
/// `include_above` bytes, `include!` of a file holding it (see
/// [`INCLUDE_ABOVE`]). A file that cannot be written (no writable temporary
/// directory, a path that is not UTF-8) leaves the text to be lexed.
fn module_tokens(source: &str, key: &str, include_above: usize) -> Result<TokenStream, String> {
    if source.len() > include_above {
        if let Some(path) = write_module(source, key)
            .ok()
            .and_then(|p| p.to_str().map(String::from))
        {
            return Ok(quote! { ::core::include!(#path); });
        }
    }
    source.parse::<TokenStream>().map_err(|e| e.to_string())
}

/// Writes `source` to `<temp dir>/meeting-api-macros/<hash of key>.rs`, one file
/// per macro call (`key`: the calling crate, the spec and the runtime path), so
/// that files do not pile up as the spec changes. The file is left alone when
/// it already holds `source` (its time stamp is what cargo's rebuild check
/// reads), and replaced by renaming, so that a build reading it at the same
/// time sees the old text or the new, never part of one.
fn write_module(source: &str, key: &str) -> std::io::Result<PathBuf> {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    let name = format!("{:016x}", hasher.finish());
    let dir = private_dir(&std::env::temp_dir())?;
    let path = dir.join(format!("{name}.rs"));
    if std::fs::read(&path).is_ok_and(|old| old == source.as_bytes()) {
        return Ok(path);
    }
    let partial = dir.join(format!("{name}.{}.partial", std::process::id()));
    std::fs::write(&partial, source)?;
    std::fs::rename(&partial, &path)?;
    Ok(path)
}

/// `<base>/meeting-api-macros`, created if need be, a directory of this
/// user's that only this user can write into (its mode is set to 0700). The
/// temporary directory is shared: in a folder another user made, or may write
/// into, that user could swap the file between its writing and the compiler
/// reading it. A link, or another user's folder, is an error, and the text is
/// lexed instead.
pub fn private_dir(base: &Path) -> std::io::Result<PathBuf> {
    let dir = base.join("meeting-api-macros");
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt};
        match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
        let meta = std::fs::symlink_metadata(&dir)?;
        if !meta.is_dir() || meta.uid() != own_uid(base)? {
            let reason = format!("{} is not a directory of this user's", dir.display());
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                reason,
            ));
        }
        // This user's, but open to others (made by hand, or by an older
        // version): closed before anything is written into it.
        if meta.mode() & 0o077 != 0 {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The user this process writes files as: the owner of a file it creates.
#[cfg(unix)]
fn own_uid(base: &Path) -> std::io::Result<u32> {
    use std::os::unix::fs::MetadataExt;
    let probe = base.join(format!(
        ".meeting-api-macros-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let file = std::fs::File::create_new(&probe)?;
    let uid = file.metadata().map(|m| m.uid());
    let _ = std::fs::remove_file(&probe);
    uid
}

/// `const _: &str = include_str!("...");` for each file: rustc then records the
/// spec as an input of the calling crate, and cargo rebuilds it when it changes.
fn track(files: &[PathBuf]) -> TokenStream {
    let consts = files.iter().filter_map(|f| f.to_str()).map(|f| {
        quote! { const _: &str = ::core::include_str!(#f); }
    });
    quote! { #(#consts)* }
}

/// The rendered diagnostic without its first line (`error: message`), which the
/// compiler already shows as the error's message.
fn excerpt(rendered: &str) -> &str {
    rendered.split_once('\n').map_or("", |(_, rest)| rest)
}
