//! Which font draws each character of a name, on screen and on paper (GB 18030-2022 level 3).
//!
//! The bundled font covers GBK; rarer characters (Extension A to F, the compatibility
//! ideographs, the amendment's 26) come from installed fonts: Debian's `fonts-noto-cjk`,
//! `fonts-hanazono` and `fonts-unifont`. This module knows which installed face draws what
//! ([`installed`], read off the UI thread), maps a face's file when printing needs it
//! ([`face`]), names a character no font draws by its code point ([`display`]) and says which
//! package would draw it ([`package`]). Used by the UI and by printing; no iced here.

pub mod coverage;
pub mod display;
pub mod face;
pub mod installed;
pub mod package;

pub use coverage::{Coverage, Source};
pub use installed::{Installed, drawable, installed, load_in_background, ready};
