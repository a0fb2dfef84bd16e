//! A file sent as a multipart part.

use serde::{Deserialize, Serialize};

/// A file for a multipart upload: its name, content type and bytes.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FilePart {
    /// The file name sent in the part's `Content-Disposition`.
    pub file_name: String,
    /// The part's `Content-Type`; none is sent when `None`.
    pub content_type: Option<String>,
    /// The content.
    pub bytes: Vec<u8>,
}

impl FilePart {
    /// A part with this name and content.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> FilePart {
        FilePart {
            file_name: file_name.into(),
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// Reads a file from disk; the part is named after the file.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> std::io::Result<FilePart> {
        let path = path.as_ref();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(FilePart::new(name, std::fs::read(path)?))
    }

    /// Sets the part's content type (`application/pdf`).
    #[must_use]
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> FilePart {
        self.content_type = Some(content_type.into());
        self
    }

    /// The content's size in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the content is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl std::fmt::Debug for FilePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}
