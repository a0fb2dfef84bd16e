//! What one run produces, and writing it without touching unchanged files.

use std::fs;
use std::path::Path;

use crate::diagnostic::Report;
use crate::model;
use crate::summary::Summary;

/// The files one run produces, in memory, and the model they were generated
/// from.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Each file's path under the output folder (`tencent_meeting.rs`,
    /// `catalogue.md`; a split vendor's `<crate>/Cargo.toml` and
    /// `<crate>/src/lib.rs`) and contents, in a stable order: vendor modules
    /// by vendor name, the catalogue, then the fingerprint of the specs read
    /// (`specs.sha256`).
    pub files: Vec<(String, String)>,
    /// The checked specs the files were generated from (read-only: the
    /// generator's intermediate representation, see [`crate::model`]).
    pub api: model::Api,
    /// The warnings of the check (a report that may be empty).
    pub warnings: Report,
}

impl Output {
    /// Writes the files into `out_dir`, rewriting only those whose contents
    /// changed (so cargo sees no change when there is none), and summarizes them.
    pub fn write(&self, out_dir: impl AsRef<Path>) -> Result<Summary, Report> {
        let out_dir = out_dir.as_ref();
        let mut written = Vec::new();
        let write = |name: &str, text: &str| -> std::io::Result<()> {
            let path = out_dir.join(name);
            // A split vendor's files are in folders of their own.
            fs::create_dir_all(path.parent().unwrap_or(out_dir))?;
            if !same_contents(&path, text.as_bytes()) {
                fs::write(&path, text)?;
            }
            Ok(())
        };
        for (name, text) in &self.files {
            if let Err(e) = write(name, text) {
                let message = format!("cannot write generated file: {e}");
                return Err(Report::io(&out_dir.join(name), message));
            }
            written.push(out_dir.join(name));
        }
        Ok(Summary::new(&self.api, &self.files, written))
    }
}

/// Whether the file at `path` holds exactly `text`, read a block at a time: a
/// generated file can be hundreds of megabytes.
fn same_contents(path: &Path, text: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(text.len() as u64) {
        return false;
    }
    let mut block = vec![0u8; 1 << 16];
    let mut rest = text;
    loop {
        match file.read(&mut block) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && block[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) | Err(_) => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_the_same_only_when_every_byte_matches() {
        let dir = std::env::temp_dir().join(format!("meeting-api-same-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.rs");
        // Longer than one read block, so the comparison crosses blocks.
        let text: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        fs::write(&path, &text).unwrap();
        assert!(same_contents(&path, &text));
        let mut changed = text.clone();
        changed[150_000] = b'#';
        assert!(!same_contents(&path, &changed));
        assert!(!same_contents(&path, &text[..199_999]));
        assert!(!same_contents(&dir.join("missing.rs"), b""));
        fs::remove_dir_all(&dir).unwrap();
    }
}
