//! The fonts installed on this computer and which of them draws each character.
//!
//! Found the way the window's text engine finds them (fontdb, reading fontconfig's
//! configuration), so that "drawable" here means drawable on screen. The bundled font comes
//! first, then Noto Sans CJK SC, HanaMinA, HanaMinB, Unifont and Unifont Upper, then every other
//! installed face. Scanning reads each face's character map through a memory map and keeps only
//! a small table of code-point runs (see [`Coverage`]); no font file is read onto the heap.
//! `BIANMIN_FONT_DIRS` (directories separated by `:`, possibly none) replaces the system's font
//! directories: tests use it to see a computer without the fonts.

use std::path::PathBuf;
use std::sync::{LazyLock, OnceLock};
use std::time::Instant;

use super::coverage::{Coverage, CoverageBuilder, Source};
use crate::ui::fonts::{BOLD_BYTES, REGULAR_BYTES};

/// The environment variable that replaces the system's font directories.
pub const FONT_DIRS_VAR: &str = "BIANMIN_FONT_DIRS";

/// The families wanted first, best first: Ext A and the rest of the unified block, Ext B–F in
/// two files, then the amendment's 26 characters.
pub const PREFERRED: [&str; 5] = [
    "Noto Sans CJK SC",
    "HanaMinA",
    "HanaMinB",
    "Unifont",
    "Unifont Upper",
];

/// Where to look for fonts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontDirs {
    /// The system's, as fontconfig lists them.
    System,
    /// Only these directories (and their subdirectories).
    Only(Vec<PathBuf>),
}

impl FontDirs {
    /// [`FONT_DIRS_VAR`] when it is set (an empty value means no directory), else the system's.
    pub fn from_environment() -> FontDirs {
        FontDirs::from_value(std::env::var_os(FONT_DIRS_VAR))
    }

    fn from_value(value: Option<std::ffi::OsString>) -> FontDirs {
        match value {
            None => FontDirs::System,
            Some(value) => FontDirs::Only(
                std::env::split_paths(&value)
                    .filter(|dir| !dir.as_os_str().is_empty())
                    .collect(),
            ),
        }
    }
}

/// One installed face: a file and the face's index in it (TTC collections hold several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemFace {
    pub path: PathBuf,
    pub index: u32,
    pub family: String,
    /// OS/2 weight class: 400 regular, 700 bold.
    pub weight: u16,
    /// The bold face of the same family, if one is installed (for bold print).
    pub bold: Option<u16>,
}

/// The installed faces, in priority order, and which one draws each character.
#[derive(Debug, Clone)]
pub struct Installed {
    coverage: Coverage,
    faces: Vec<SystemFace>,
}

impl Installed {
    /// What the bundled font alone draws.
    pub fn bundled_only() -> Installed {
        let mut builder = CoverageBuilder::new();
        builder.add(Source::Bundled, bundled_code_points());
        Installed {
            coverage: builder.build(),
            faces: Vec::new(),
        }
    }

    /// Finds the faces in `dirs` and reads their character maps.
    pub fn scan(dirs: &FontDirs) -> Installed {
        let started = Instant::now();
        let mut db = fontdb::Database::new();
        match dirs {
            FontDirs::System => db.load_system_fonts(),
            FontDirs::Only(dirs) => {
                for dir in dirs {
                    db.load_fonts_dir(dir);
                }
            }
        }
        let mut found: Vec<(&fontdb::FaceInfo, PathBuf)> = db
            .faces()
            .filter_map(|face| match &face.source {
                fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
                    Some((face, path.clone()))
                }
                fontdb::Source::Binary(_) => None,
            })
            .collect();
        found.sort_by_key(|(face, path)| {
            (
                rank(&family_of(face)),
                face.weight.0.abs_diff(400),
                path.clone(),
                face.index,
            )
        });
        // A file reached twice (a symbolic link such as fonts-japanese-mincho.ttf) counts once.
        found.dedup_by(|(a, a_path), (b, b_path)| a_path == b_path && a.index == b.index);
        let mut builder = CoverageBuilder::new();
        builder.add(Source::Bundled, bundled_code_points());
        let mut faces = Vec::with_capacity(found.len());
        for (face, path) in &found {
            let Ok(number) = u16::try_from(faces.len()) else {
                break;
            };
            // Only what no earlier font has is looked at closely.
            let code_points = db
                .with_face_data(face.id, |data, index| {
                    ttf_parser::Face::parse(data, index)
                        .map(|parsed| {
                            code_points(&parsed, |code| {
                                !builder.is_taken(code) && !is_private_use(code)
                            })
                        })
                        .unwrap_or_else(|error| {
                            tracing::warn!(%error, path = %path.display(), "a font face does not parse; it draws nothing");
                            Vec::new()
                        })
                })
                .unwrap_or_else(|| {
                    tracing::warn!(path = %path.display(), "a font file could not be read; it draws nothing");
                    Vec::new()
                });
            builder.add(Source::System(number), code_points);
            faces.push(SystemFace {
                path: path.clone(),
                index: face.index,
                family: family_of(face),
                weight: face.weight.0,
                bold: None,
            });
        }
        link_bold_faces(&mut faces);
        let installed = Installed {
            coverage: builder.build(),
            faces,
        };
        tracing::info!(
            faces = installed.faces.len(),
            runs = installed.coverage.runs(),
            ms = started.elapsed().as_millis() as u64,
            "installed fonts read"
        );
        installed
    }

    pub fn coverage(&self) -> &Coverage {
        &self.coverage
    }

    pub fn faces(&self) -> &[SystemFace] {
        &self.faces
    }

    pub fn face(&self, number: u16) -> Option<&SystemFace> {
        self.faces.get(usize::from(number))
    }

    /// The font that draws `ch`, if any does.
    pub fn source(&self, ch: char) -> Option<Source> {
        self.coverage.source(ch)
    }

    pub fn covers(&self, ch: char) -> bool {
        self.coverage.covers(ch)
    }
}

static INSTALLED: OnceLock<Installed> = OnceLock::new();

/// The installed fonts, read on first use (blocking: call it off the UI thread, as printing
/// does, or start [`load_in_background`] early).
pub fn installed() -> &'static Installed {
    INSTALLED.get_or_init(|| Installed::scan(&FontDirs::from_environment()))
}

/// The installed fonts if they have been read already; never waits.
pub fn ready() -> Option<&'static Installed> {
    INSTALLED.get()
}

/// Whether a character can be drawn on screen, without waiting: until the installed fonts are
/// read, only what the bundled font draws.
pub fn drawable(ch: char) -> bool {
    match ready() {
        Some(installed) => installed.covers(ch),
        None => BUNDLED
            .as_ref()
            .is_some_and(|face| face.glyph_index(ch).is_some()),
    }
}

/// Reads the installed fonts on a thread of their own.
pub fn load_in_background() {
    if ready().is_some() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("fonts".to_owned())
        .spawn(|| {
            installed();
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "the installed fonts could not be read on a thread of their own");
    }
}

static BUNDLED: LazyLock<Option<ttf_parser::Face<'static>>> =
    LazyLock::new(|| ttf_parser::Face::parse(REGULAR_BYTES, 0).ok());

/// What both bundled faces draw (the font tests in `ui::fonts` check that they parse).
fn bundled_code_points() -> Vec<u32> {
    let (Ok(regular), Ok(bold)) = (
        ttf_parser::Face::parse(REGULAR_BYTES, 0),
        ttf_parser::Face::parse(BOLD_BYTES, 0),
    ) else {
        return Vec::new();
    };
    code_points(&regular, |code| {
        char::from_u32(code).is_some_and(|ch| bold.glyph_index(ch).is_some())
    })
}

/// The code points `face` maps to a real glyph (not .notdef) among those `wanted` lets through
/// (asked first: it is cheaper than the glyph lookup).
fn code_points(face: &ttf_parser::Face, mut wanted: impl FnMut(u32) -> bool) -> Vec<u32> {
    let mut codes = Vec::new();
    let Some(cmap) = face.tables().cmap else {
        return codes;
    };
    for subtable in cmap.subtables {
        if !subtable.is_unicode() {
            continue;
        }
        subtable.codepoints(|code| {
            if wanted(code) && subtable.glyph_index(code).is_some_and(|glyph| glyph.0 != 0) {
                codes.push(code);
            }
        });
    }
    codes
}

/// A fallback face never counts for the private use areas, whose glyphs mean something
/// different in every font (a name never holds one).
fn is_private_use(code: u32) -> bool {
    matches!(code, 0xE000..=0xF8FF | 0xF_0000..=0x10_FFFF)
}

fn family_of(face: &fontdb::FaceInfo) -> String {
    face.families
        .first()
        .map(|(name, _)| name.clone())
        .unwrap_or_else(|| face.post_script_name.clone())
}

/// A preferred family's place; every other family after them.
fn rank(family: &str) -> usize {
    PREFERRED
        .iter()
        .position(|wanted| *wanted == family)
        .unwrap_or(PREFERRED.len())
}

/// Gives each lighter face the bold face of its family.
fn link_bold_faces(faces: &mut [SystemFace]) {
    let bold: Vec<Option<u16>> = faces
        .iter()
        .map(|face| {
            if face.weight >= 600 {
                return None;
            }
            faces
                .iter()
                .enumerate()
                .filter(|(_, other)| other.family == face.family && other.weight >= 600)
                .min_by_key(|(_, other)| other.weight.abs_diff(700))
                .and_then(|(number, _)| u16::try_from(number).ok())
        })
        .collect();
    for (face, bold) in faces.iter_mut().zip(bold) {
        face.bold = bold;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_alone_draws_gbk_but_not_extension_a() {
        let bundled = Installed::bundled_only();
        assert_eq!(bundled.source('王'), Some(Source::Bundled));
        assert_eq!(bundled.source('·'), Some(Source::Bundled));
        assert_eq!(bundled.source('﨎'), Some(Source::Bundled));
        assert!(!bundled.covers('䶮'));
        assert!(!bundled.covers('𪚥'));
        assert!(bundled.faces().is_empty());
    }

    #[test]
    fn an_empty_font_directory_leaves_the_bundled_font_alone() {
        let empty = tempfile::tempdir().unwrap();
        let installed = Installed::scan(&FontDirs::Only(vec![empty.path().to_owned()]));
        assert!(installed.faces().is_empty());
        assert!(installed.covers('王'));
        assert!(!installed.covers('䶮'));
        let none = Installed::scan(&FontDirs::Only(Vec::new()));
        assert_eq!(none.coverage(), installed.coverage());
    }

    /// The family that draws `ch`: "bundled", an installed family, or "none".
    fn family(installed: &Installed, ch: char) -> String {
        match installed.source(ch) {
            Some(Source::Bundled) => "bundled".to_owned(),
            Some(Source::System(number)) => installed.face(number).unwrap().family.clone(),
            None => "none".to_owned(),
        }
    }

    /// Needs Debian's fonts-noto-cjk, fonts-hanazono and fonts-unifont (tests/prepare).
    #[test]
    fn debian_s_three_font_packages_draw_all_of_level_3_in_the_wanted_order() {
        let installed = Installed::scan(&FontDirs::System);
        let drawn_by =
            |text: &str| -> Vec<String> { text.chars().map(|ch| family(&installed, ch)).collect() };
        // URO, the compatibility ideograph, the separator: the bundled font.
        assert_eq!(drawn_by("王﨎·"), ["bundled"; 3]);
        // Extension A and the end of the unified block (after GBK): Noto Sans CJK SC.
        assert_eq!(drawn_by("䶮\u{9FEF}"), ["Noto Sans CJK SC"; 2]);
        // Extension B in HanaMinA or B, or in Noto where Noto has it (𠀾); C, D, E, F in B.
        let extensions = drawn_by("𪚥𠀾𪜀𫝀𫠠𬺰");
        assert!(extensions[0].starts_with("HanaMin"), "{extensions:?}");
        assert_eq!(extensions[1], "Noto Sans CJK SC");
        assert_eq!(extensions[2..], ["HanaMinB"; 4]);
        // The amendment's 26: Unifont.
        assert_eq!(drawn_by("\u{4DB6}\u{9FF0}\u{9FFF}"), ["Unifont"; 3]);
        // Extension G: nothing in Debian.
        assert_eq!(drawn_by("\u{30000}"), ["none"]);
        // Every level-3 block, whole.
        let level_3 = (0x3400..=0x4DBF)
            .chain(0x4E00..=0x9FFF)
            .chain([
                0xFA0E, 0xFA0F, 0xFA11, 0xFA13, 0xFA14, 0xFA1F, 0xFA21, 0xFA23, 0xFA24, 0xFA27,
                0xFA28, 0xFA29,
            ])
            .chain(0x20000..=0x2A6D6)
            .chain(0x2A700..=0x2B734)
            .chain(0x2B740..=0x2B81D)
            .chain(0x2B820..=0x2CEA1)
            .chain(0x2CEB0..=0x2EBE0)
            .chain(0x2F00..=0x2FD5);
        let missing: Vec<String> = level_3
            .filter_map(char::from_u32)
            .filter(|&ch| !installed.covers(ch))
            .map(crate::glyphs::display::code_point)
            .collect();
        assert!(missing.is_empty(), "{} missing: {missing:?}", missing.len());
    }

    #[test]
    fn private_use_characters_are_never_a_fallback_font_s() {
        assert!(is_private_use(0xE000));
        assert!(is_private_use(0x10_FFFD));
        assert!(!is_private_use(0x2A6A5));
    }

    #[test]
    fn a_family_s_lighter_faces_are_given_its_bold_face() {
        let face = |family: &str, weight| SystemFace {
            path: PathBuf::from(format!("/fonts/{family}-{weight}.otf")),
            index: 0,
            family: family.to_owned(),
            weight,
            bold: None,
        };
        let mut faces = vec![
            face("Noto Sans CJK SC", 400),
            face("HanaMinA", 400),
            face("Noto Sans CJK SC", 700),
            face("Noto Sans CJK SC", 900),
        ];
        link_bold_faces(&mut faces);
        let bold: Vec<Option<u16>> = faces.iter().map(|face| face.bold).collect();
        assert_eq!(bold, [Some(2), None, None, None]);
    }

    #[test]
    fn the_environment_names_the_directories_or_none() {
        let dirs = |value: &str| FontDirs::from_value(Some(value.into()));
        assert_eq!(FontDirs::from_value(None), FontDirs::System);
        assert_eq!(dirs(""), FontDirs::Only(Vec::new()));
        assert_eq!(
            dirs("/a:/b"),
            FontDirs::Only(vec![PathBuf::from("/a"), PathBuf::from("/b")])
        );
    }
}
