//! Which font draws which character: a sorted list of code-point runs, each run given to the
//! first font (in priority order) that has a glyph for it. Pure: the fonts' character maps come
//! in as lists of code points.

/// Where a character's glyph comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// The font built into the program (Noto Sans CJK SC reduced to GBK).
    Bundled,
    /// The installed face with this index in [`super::Installed::faces`].
    System(u16),
}

/// Consecutive code points drawn by one font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    first: u32,
    last: u32,
    source: Source,
}

/// For every code point some font draws, the first font that draws it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    runs: Vec<Run>,
}

impl Coverage {
    /// The font that draws `ch`, if any does.
    pub fn source(&self, ch: char) -> Option<Source> {
        let code = u32::from(ch);
        let at = self.runs.partition_point(|run| run.last < code);
        self.runs
            .get(at)
            .filter(|run| run.first <= code)
            .map(|run| run.source)
    }

    /// Whether some font draws `ch`.
    pub fn covers(&self, ch: char) -> bool {
        self.source(ch).is_some()
    }

    /// How many runs the map holds (its size in memory is this times 12 bytes).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }
}

/// Builds a [`Coverage`] from the fonts' code points, the most wanted font first.
pub struct CoverageBuilder {
    /// One bit per code point already given to a font.
    taken: Vec<u64>,
    runs: Vec<Run>,
}

const CODE_POINTS: usize = 0x11_0000;

impl Default for CoverageBuilder {
    fn default() -> Self {
        CoverageBuilder::new()
    }
}

impl CoverageBuilder {
    pub fn new() -> CoverageBuilder {
        CoverageBuilder {
            taken: vec![0; CODE_POINTS / 64],
            runs: Vec::new(),
        }
    }

    /// Whether an earlier font has `code` already.
    pub fn is_taken(&self, code: u32) -> bool {
        (code as usize) < CODE_POINTS && self.taken[code as usize / 64] & (1 << (code % 64)) != 0
    }

    /// Gives `source` every code point of `code_points` that no earlier font has. The code
    /// points may come in any order and more than once; ones beyond Unicode are ignored.
    pub fn add(&mut self, source: Source, code_points: impl IntoIterator<Item = u32>) {
        let mut new: Vec<u32> = code_points
            .into_iter()
            .filter(|&code| (code as usize) < CODE_POINTS)
            .filter(|&code| {
                let (word, bit) = (code as usize / 64, code % 64);
                let taken = self.taken[word] & (1 << bit) != 0;
                self.taken[word] |= 1 << bit;
                !taken
            })
            .collect();
        new.sort_unstable();
        for code in new {
            match self.runs.last_mut() {
                Some(run) if run.source == source && run.last + 1 == code => run.last = code,
                _ => self.runs.push(Run {
                    first: code,
                    last: code,
                    source,
                }),
            }
        }
    }

    pub fn build(mut self) -> Coverage {
        // Runs never overlap (each code point is given once), so sorting by their first code
        // point orders them; neighbours from one font join.
        self.runs.sort_unstable_by_key(|run| run.first);
        let mut runs: Vec<Run> = Vec::with_capacity(self.runs.len());
        for run in self.runs {
            match runs.last_mut() {
                Some(last) if last.source == run.source && last.last + 1 == run.first => {
                    last.last = run.last;
                }
                _ => runs.push(run),
            }
        }
        runs.shrink_to_fit();
        Coverage { runs }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<u32> {
        text.chars().map(u32::from).collect()
    }

    #[test]
    fn each_character_goes_to_the_first_font_that_has_it() {
        let mut builder = CoverageBuilder::new();
        builder.add(Source::Bundled, chars("王李张"));
        builder.add(Source::System(0), chars("李䶮"));
        builder.add(Source::System(1), chars("䶮𪚥王"));
        assert!(builder.is_taken(u32::from('𪚥')));
        assert!(!builder.is_taken(u32::from('明')));
        let coverage = builder.build();
        assert_eq!(coverage.source('王'), Some(Source::Bundled));
        assert_eq!(coverage.source('李'), Some(Source::Bundled));
        assert_eq!(coverage.source('䶮'), Some(Source::System(0)));
        assert_eq!(coverage.source('𪚥'), Some(Source::System(1)));
        assert_eq!(coverage.source('\u{30000}'), None);
        assert!(!coverage.covers('A'));
    }

    #[test]
    fn ranges_are_kept_as_runs_and_found_at_their_ends() {
        let mut builder = CoverageBuilder::new();
        builder.add(Source::Bundled, 0x4E00..=0x9FA5);
        builder.add(Source::System(0), (0x3400..=0x4DB5).chain(0x4E00..=0x9FEF));
        builder.add(Source::System(1), (0x20000..=0x2A6D6).rev());
        let coverage = builder.build();
        assert_eq!(coverage.runs(), 4, "{coverage:?}");
        for (code, source) in [
            (0x3400, Some(Source::System(0))),
            (0x4DB5, Some(Source::System(0))),
            (0x4DB6, None),
            (0x4E00, Some(Source::Bundled)),
            (0x9FA5, Some(Source::Bundled)),
            (0x9FA6, Some(Source::System(0))),
            (0x9FEF, Some(Source::System(0))),
            (0x9FF0, None),
            (0x1FFFF, None),
            (0x20000, Some(Source::System(1))),
            (0x2A6A5, Some(Source::System(1))),
            (0x2A6D7, None),
        ] {
            let ch = char::from_u32(code).unwrap();
            assert_eq!(coverage.source(ch), source, "U+{code:04X}");
        }
    }

    #[test]
    fn no_fonts_cover_nothing() {
        let coverage = CoverageBuilder::new().build();
        assert!(!coverage.covers('王'));
        assert_eq!(Coverage::default(), coverage);
    }
}
