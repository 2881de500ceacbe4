//! Where content files come from: the copy shipped inside the binary, or a folder the hall edits.

use std::io;
use std::path::PathBuf;

use rust_embed::RustEmbed;

/// A read-only tree of content files addressed by relative paths such as `items/a.toml`.
pub trait ContentFiles {
    /// The file's text, or None when it does not exist.
    fn read(&self, path: &str) -> io::Result<Option<String>>;
    /// The item files (`items/*.toml`), sorted by name.
    fn item_files(&self) -> io::Result<Vec<String>>;
    /// How to name this source in messages.
    fn describe(&self) -> String;
}

#[derive(RustEmbed)]
#[folder = "assets/content/"]
struct ShippedFiles;

/// The content shipped with this build (`assets/content`, embedded at compile time).
pub struct Shipped;

impl ContentFiles for Shipped {
    fn read(&self, path: &str) -> io::Result<Option<String>> {
        Ok(ShippedFiles::get(path).map(|file| String::from_utf8_lossy(&file.data).into_owned()))
    }

    fn item_files(&self) -> io::Result<Vec<String>> {
        let mut names: Vec<String> = ShippedFiles::iter()
            .filter(|name| name.starts_with("items/") && name.ends_with(".toml"))
            .map(|name| name.into_owned())
            .collect();
        names.sort();
        Ok(names)
    }

    fn describe(&self) -> String {
        "assets/content".to_owned()
    }
}

/// A content folder on disk with the same layout as `assets/content`.
pub struct Folder(pub PathBuf);

impl ContentFiles for Folder {
    fn read(&self, path: &str) -> io::Result<Option<String>> {
        match std::fs::read_to_string(self.0.join(path)) {
            Ok(text) => Ok(Some(text)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    fn item_files(&self) -> io::Result<Vec<String>> {
        let dir = self.0.join("items");
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if name.ends_with(".toml") {
                names.push(format!("items/{name}"));
            }
        }
        names.sort();
        Ok(names)
    }

    fn describe(&self) -> String {
        self.0.display().to_string()
    }
}
