//! The fingerprint of the specs an output was generated from: one
//! `sha256sum`-style line per spec file (`<hex digest>  <path>`, paths
//! relative to the folder given, `/`-separated, sorted). Written beside the
//! generated files as [`FILE_NAME`], so a build that uses a checked-in copy
//! can tell that the specs changed since (generated-client's build.rs), and
//! a person can check it with `sha256sum -c`.
//!
//! Line endings are normalized before hashing: a checkout that turns LF into
//! CRLF has not changed a spec.

use std::io::{self, Read};
use std::path::{Component, Path};

use sha2::{Digest, Sha256};

/// The fingerprint's file name among the generated files.
pub(crate) const FILE_NAME: &str = "specs.sha256";

/// The fingerprint of `files`: (path relative to the specs folder, contents).
#[cfg(test)]
pub(crate) fn fingerprint(files: &[(String, Vec<u8>)]) -> String {
    from_digests(
        files
            .iter()
            .map(|(name, bytes)| (name.clone(), digest(bytes)))
            .collect(),
    )
}

/// The fingerprint of files given by (path relative to the specs folder,
/// [`digest`] of the contents): a caller hashes each file as it reads it
/// instead of holding every file at once.
pub(crate) fn from_digests(mut files: Vec<(String, String)>) -> String {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
        .iter()
        .map(|(name, digest)| format!("{digest}  {name}\n"))
        .collect()
}

/// `path` relative to `base`, `/`-separated; the file name alone when `path`
/// is not under `base`.
pub(crate) fn relative(path: &Path, base: &Path) -> String {
    let rel = path
        .strip_prefix(base)
        .unwrap_or_else(|_| Path::new(path.file_name().unwrap_or(path.as_os_str())));
    rel.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The hex SHA-256 of `bytes` with CRLF read as LF.
#[cfg(test)]
fn digest(bytes: &[u8]) -> String {
    digest_of(bytes).expect("a slice reads without error")
}

/// The hex SHA-256 of what `reader` gives, with CRLF read as LF, read a
/// piece at a time: a spec file is never held whole for its fingerprint.
pub(crate) fn digest_of(mut reader: impl Read) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 64 * 1024];
    // A `\r` that ended the last piece, not hashed yet: it is dropped if
    // the next piece starts with `\n`.
    let mut cr = false;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut piece = &buf[..n];
        if std::mem::take(&mut cr) && piece[0] != b'\n' {
            hasher.update(b"\r");
        }
        if let Some(rest) = piece.strip_suffix(b"\r") {
            (piece, cr) = (rest, true);
        }
        hash_lf(&mut hasher, piece);
    }
    if cr {
        hasher.update(b"\r");
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Hashes `bytes` with each CRLF read as LF.
fn hash_lf(hasher: &mut Sha256, bytes: &[u8]) {
    let mut rest = bytes;
    while let Some(at) = rest.windows(2).position(|w| w == b"\r\n") {
        hasher.update(&rest[..at]);
        rest = &rest[at + 1..];
    }
    hasher.update(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_sorted_by_path_and_read_by_sha256sum() {
        let text = fingerprint(&[
            ("b/x.yaml".into(), b"b".to_vec()),
            ("a.yaml".into(), b"abc".to_vec()),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        assert_eq!(
            lines[0],
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.yaml"
        );
        assert!(lines[1].ends_with("  b/x.yaml"), "{text}");
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn crlf_line_endings_do_not_change_the_fingerprint() {
        let lf = fingerprint(&[("a.yaml".into(), b"a: 1\nb: 2\n".to_vec())]);
        let crlf = fingerprint(&[("a.yaml".into(), b"a: 1\r\nb: 2\r\n".to_vec())]);
        assert_eq!(lf, crlf);
        let changed = fingerprint(&[("a.yaml".into(), b"a: 1\nb: 3\n".to_vec())]);
        assert_ne!(lf, changed);
    }

    /// Gives one byte per read: every CRLF falls across two pieces.
    struct ByteByByte<'a>(&'a [u8]);

    impl Read for ByteByByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn a_file_read_in_pieces_has_the_digest_of_its_whole_text() {
        for text in [&b"a: 1\r\nb: 2\r\n"[..], b"\r", b"a\r\r\nb\rc\n\r", b""] {
            let pieces = digest_of(ByteByByte(text)).expect("no read fails");
            assert_eq!(pieces, digest(text), "{text:?}");
        }
        assert_eq!(digest(b"a\r\nb"), digest(b"a\nb"));
        assert_ne!(digest(b"a\rb"), digest(b"a\nb"));
    }

    #[test]
    fn paths_are_relative_to_the_specs_folder() {
        let base = Path::new("/repo/specs");
        assert_eq!(
            relative(Path::new("/repo/specs/kedacom/a.yaml"), base),
            "kedacom/a.yaml"
        );
        assert_eq!(
            relative(Path::new("/elsewhere/polyv.yaml"), base),
            "polyv.yaml"
        );
    }
}
