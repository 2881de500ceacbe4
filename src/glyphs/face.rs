//! An installed face's file, memory-mapped for measuring and embedding: the pages a print
//! touches (the character map, a few glyphs) are read, never the whole 30 MB file. Each file is
//! mapped once per process, when a character first needs it.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use super::installed::SystemFace;

/// A face of an installed font file, ready to measure.
pub struct MappedFace {
    pub path: PathBuf,
    pub index: u32,
    pub family: String,
    bytes: &'static [u8],
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl std::fmt::Debug for MappedFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MappedFace")
            .field("path", &self.path)
            .field("index", &self.index)
            .field("family", &self.family)
            .finish_non_exhaustive()
    }
}

impl MappedFace {
    /// The whole file the face is in (a collection holds several faces).
    pub fn bytes(&self) -> &'static [u8] {
        self.bytes
    }

    /// The glyph that draws `ch`, if the face has one.
    pub fn glyph(&self, ch: char) -> Option<u16> {
        self.face
            .glyph_index(ch)
            .filter(|glyph| glyph.0 != 0)
            .map(|glyph| glyph.0)
    }

    /// The advance of `ch` at `size_pt`, in points, if the face draws it.
    pub fn advance(&self, ch: char, size_pt: f32) -> Option<f32> {
        let glyph = self.face.glyph_index(ch).filter(|glyph| glyph.0 != 0)?;
        let units = self.face.glyph_hor_advance(glyph)?;
        Some(f32::from(units) * size_pt / self.units_per_em)
    }
}

/// Why a face could not be used.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the font {} (face {index}) cannot be read: {detail}", .path.display())]
pub struct FaceError {
    pub path: PathBuf,
    pub index: u32,
    pub detail: String,
}

type Faces = HashMap<(PathBuf, u32), &'static MappedFace>;

/// Mapped files and parsed faces; both live as long as the process (a handful at most).
static FILES: LazyLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = LazyLock::new(Mutex::default);
static FACES: LazyLock<Mutex<Faces>> = LazyLock::new(Mutex::default);

/// `face`'s file mapped and parsed, once per process.
pub fn mapped(face: &SystemFace) -> Result<&'static MappedFace, FaceError> {
    let key = (face.path.clone(), face.index);
    let mut faces = FACES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = faces.get(&key) {
        return Ok(found);
    }
    let error = |detail: String| FaceError {
        path: face.path.clone(),
        index: face.index,
        detail,
    };
    let bytes = map_file(&face.path).map_err(|detail| error(detail.to_string()))?;
    let parsed = ttf_parser::Face::parse(bytes, face.index).map_err(|e| error(e.to_string()))?;
    let units_per_em = f32::from(parsed.units_per_em());
    let leaked: &'static MappedFace = Box::leak(Box::new(MappedFace {
        path: face.path.clone(),
        index: face.index,
        family: face.family.clone(),
        bytes,
        face: parsed,
        units_per_em,
    }));
    faces.insert(key, leaked);
    Ok(leaked)
}

fn map_file(path: &Path) -> std::io::Result<&'static [u8]> {
    let mut files = FILES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(bytes) = files.get(path) {
        return Ok(bytes);
    }
    let file = File::open(path)?;
    // SAFETY: font files are installed read-only by the package manager; like the window's
    // text engine (fontdb), the program maps them instead of reading them onto the heap. A
    // file replaced by an upgrade keeps its old pages mapped until the program ends.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    let map: &'static memmap2::Mmap = Box::leak(Box::new(map));
    let bytes: &'static [u8] = &map[..];
    files.insert(path.to_owned(), bytes);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_an_error_naming_it() {
        let face = SystemFace {
            path: PathBuf::from("/no/such/font.ttf"),
            index: 0,
            family: "Nothing".to_owned(),
            weight: 400,
            bold: None,
        };
        let error = mapped(&face).unwrap_err();
        assert!(error.to_string().contains("/no/such/font.ttf"), "{error}");
    }
}
