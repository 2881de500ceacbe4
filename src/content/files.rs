//! Where content files come from: the copy shipped inside the binary, or a folder the hall edits.

use std::io::{self, Read};
use std::path::PathBuf;

use rust_embed::RustEmbed;

use crate::domain::Problem;

/// The largest content file read (the biggest shipped file is about 60 KB).
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Why a content file was not read.
#[derive(Debug)]
pub enum ReadFailure {
    Io(io::Error),
    /// Refused before reading: a FIFO, a device, a folder, or a huge file.
    Refused(Problem),
}

impl From<io::Error> for ReadFailure {
    fn from(error: io::Error) -> Self {
        ReadFailure::Io(error)
    }
}

/// A read-only tree of content files addressed by relative paths such as `items/a.toml`.
pub trait ContentFiles {
    /// The file's text, or None when it does not exist.
    fn read(&self, path: &str) -> Result<Option<String>, ReadFailure>;
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
    fn read(&self, path: &str) -> Result<Option<String>, ReadFailure> {
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
    fn read(&self, path: &str) -> Result<Option<String>, ReadFailure> {
        let path = self.0.join(path);
        // Looked at before opening: opening a FIFO for reading waits for a writer forever.
        let metadata = match std::fs::metadata(&path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error.into()),
        };
        if !metadata.is_file() {
            return Err(ReadFailure::Refused(Problem::NotARegularFile));
        }
        if metadata.len() > MAX_FILE_BYTES {
            return Err(ReadFailure::Refused(Problem::TooLarge {
                bytes: metadata.len(),
                max: MAX_FILE_BYTES,
            }));
        }
        // Bounded even if the file grows after the look.
        let mut text = String::new();
        std::fs::File::open(&path)?
            .take(MAX_FILE_BYTES + 1)
            .read_to_string(&mut text)?;
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(ReadFailure::Refused(Problem::TooLarge {
                bytes: text.len() as u64,
                max: MAX_FILE_BYTES,
            }));
        }
        Ok(Some(text))
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

/// Another source with its `hall.toml` replaced: a hall's own profile over the shipped content or
/// the county's.
pub struct WithHall {
    pub hall: String,
    pub base: Box<dyn ContentFiles + Send>,
}

impl ContentFiles for WithHall {
    fn read(&self, path: &str) -> Result<Option<String>, ReadFailure> {
        if path == super::HALL {
            return Ok(Some(self.hall.clone()));
        }
        self.base.read(path)
    }

    fn item_files(&self) -> io::Result<Vec<String>> {
        self.base.item_files()
    }

    fn describe(&self) -> String {
        self.base.describe()
    }
}

/// Writes every file of `files` into the folder `dir` (made when missing), each whole: a
/// terminal's own content folder made from the shipped content or the county's.
pub fn write_folder(files: &dyn ContentFiles, dir: &std::path::Path) -> io::Result<()> {
    let mut paths: Vec<String> = super::FILES.iter().map(|name| (*name).to_owned()).collect();
    paths.extend(files.item_files()?);
    for path in paths {
        let text = match files.read(&path) {
            Ok(Some(text)) => text,
            Ok(None) => continue,
            Err(ReadFailure::Io(error)) => return Err(error),
            Err(ReadFailure::Refused(problem)) => {
                return Err(io::Error::other(format!("{path}: {problem:?}")));
            }
        };
        let target = dir.join(&path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let partial = target.with_extension("toml.partial");
        std::fs::write(&partial, text)?;
        std::fs::rename(&partial, &target)?;
    }
    Ok(())
}
