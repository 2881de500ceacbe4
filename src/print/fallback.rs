//! Characters the bundled font lacks (rare name characters), printed with the installed face
//! that draws them (`crate::glyphs`): measured with that face's advances and embedded as a
//! subset of just those glyphs, so a 30 MB font adds a few kilobytes and is never read whole.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::ParsedFont;

use super::metrics::Weight;
use crate::glyphs::face::{MappedFace, mapped};
use crate::glyphs::{Source, installed};

/// The installed face that prints `ch` in `weight`, when the bundled font does not and an
/// installed face does. Bold text takes the family's bold face when it has the glyph.
pub fn face_for(ch: char, weight: Weight) -> Option<&'static MappedFace> {
    let installed = installed();
    let Source::System(number) = installed.source(ch)? else {
        return None;
    };
    let face = installed.face(number)?;
    if weight == Weight::Bold
        && let Some(bold) = face.bold.and_then(|bold| installed.face(bold))
        && let Some(bold) = use_face(bold)
        && bold.glyph(ch).is_some()
    {
        return Some(bold);
    }
    use_face(face)
}

fn use_face(face: &crate::glyphs::installed::SystemFace) -> Option<&'static MappedFace> {
    mapped(face)
        .inspect_err(|error| tracing::error!(%error, "an installed font cannot be used"))
        .ok()
}

/// The advance of `ch` at `size_pt` in the installed face that prints it, if one does.
pub fn advance(ch: char, weight: Weight, size_pt: f32) -> Option<f32> {
    face_for(ch, weight)?.advance(ch, size_pt)
}

/// A font file holding only `characters`' glyphs of `face` (and .notdef), with a Unicode
/// character map: what the PDF embeds.
pub fn subset_font(face: &MappedFace, characters: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let mut glyphs: Vec<u16> = characters.iter().filter_map(|&ch| face.glyph(ch)).collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    glyphs.insert(0, 0);
    let font = ReadScope::new(face.bytes())
        .read::<FontData<'_>>()
        .map_err(|error| error.to_string())?;
    let provider = font
        .table_provider(face.index as usize)
        .map_err(|error| error.to_string())?;
    // The minimal tables plus the hinting programs TrueType glyphs may call.
    let profile = SubsetProfile::parse_custom("cvt,fpgm,prep".to_owned())
        .map_err(|error| error.to_string())?;
    subset(&provider, &glyphs, &profile, CmapTarget::Unicode).map_err(|error| format!("{error:?}"))
}

/// `characters` of `face`, ready for `PdfDocument::add_font`.
pub fn embeddable(face: &MappedFace, characters: &BTreeSet<char>) -> Result<ParsedFont, String> {
    let bytes = subset_font(face, characters)?;
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(&bytes, 0, &mut warnings).ok_or_else(|| {
        format!(
            "the subset of {} (face {}) cannot be parsed: {warnings:?}",
            face.path.display(),
            face.index
        )
    })
}
