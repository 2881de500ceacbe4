//! Type size and everything that scales with it.
//!
//! The hall's web page offers 12–50 px in steps of 2; the kiosk offers the same range and derives
//! every size on screen (headings, spacing, padding, touch targets) from the one chosen size, so the
//! whole screen grows, not one label.

/// Body text size in pixels: even, 12 to 50.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextSize(u16);

impl TextSize {
    pub const MIN: TextSize = TextSize(12);
    pub const MAX: TextSize = TextSize(50);
    pub const STEP: u16 = 2;
    pub const DEFAULT: TextSize = TextSize(20);
    /// 长辈版 body size: headings then come out at ≥ 40 px.
    pub const ELDER: TextSize = TextSize(28);
    /// The kiosk's display controls (字变小, 字变大, 长辈版, language) are drawn at this size
    /// whatever size is chosen, so they never move under a finger that taps them again.
    pub const CONTROLS: TextSize = TextSize(24);

    /// A size on the hall's scale, or None when off the scale.
    pub fn new(px: u16) -> Option<TextSize> {
        let on_scale = (Self::MIN.0..=Self::MAX.0).contains(&px) && px.is_multiple_of(Self::STEP);
        on_scale.then_some(TextSize(px))
    }

    pub fn px(self) -> u16 {
        self.0
    }

    pub fn bigger(self) -> TextSize {
        TextSize((self.0 + Self::STEP).min(Self::MAX.0))
    }

    pub fn smaller(self) -> TextSize {
        TextSize(self.0.saturating_sub(Self::STEP).max(Self::MIN.0))
    }

    /// Every size the kiosk offers, smallest first.
    pub fn all() -> impl Iterator<Item = TextSize> {
        (Self::MIN.0..=Self::MAX.0)
            .step_by(Self::STEP as usize)
            .map(TextSize)
    }
}

/// The smallest touch target on the kiosk, in both directions (适老化: ≥ 60×60).
pub const MIN_TARGET: f32 = 60.0;

/// Every size on screen, derived from the body size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypeScale {
    pub body: f32,
    pub small: f32,
    pub heading: f32,
    pub title: f32,
    /// Space between blocks.
    pub space: f32,
    /// Padding inside boxes and buttons.
    pub pad: f32,
    /// Minimum height and width of anything that can be tapped.
    pub target: f32,
}

impl TypeScale {
    pub fn new(size: TextSize) -> TypeScale {
        let body = f32::from(size.px());
        TypeScale {
            body,
            // Secondary text never drops below the hall's smallest size.
            small: (body * 0.85).round().max(12.0),
            heading: (body * 1.5).round(),
            title: (body * 1.8).round(),
            space: (body * 0.6).round().max(8.0),
            pad: (body * 0.5).round().max(8.0),
            // A target holds one line of body text with padding, and never less than 60 px.
            target: (body * 2.4).round().max(MIN_TARGET),
        }
    }

    /// The scale shown for a chosen size, with 长辈版 lifting it to at least the elder size.
    pub fn effective(size: TextSize, elder_mode: bool) -> TypeScale {
        let size = if elder_mode {
            size.max(TextSize::ELDER)
        } else {
            size
        };
        TypeScale::new(size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_runs_from_12_to_50_in_steps_of_2() {
        let sizes: Vec<u16> = TextSize::all().map(TextSize::px).collect();
        assert_eq!(sizes.first(), Some(&12));
        assert_eq!(sizes.last(), Some(&50));
        assert_eq!(sizes.len(), 20);
        assert!(TextSize::new(13).is_none());
        assert!(TextSize::new(52).is_none());
        assert!(TextSize::new(10).is_none());
    }

    #[test]
    fn bigger_and_smaller_stop_at_the_ends() {
        assert_eq!(TextSize::MAX.bigger(), TextSize::MAX);
        assert_eq!(TextSize::MIN.smaller(), TextSize::MIN);
        assert_eq!(TextSize::DEFAULT.bigger().px(), 22);
    }

    #[test]
    fn everything_grows_with_the_size() {
        let mut previous = TypeScale::new(TextSize::MIN);
        for size in TextSize::all().skip(1) {
            let scale = TypeScale::new(size);
            assert!(scale.body > previous.body);
            assert!(scale.heading > previous.heading);
            assert!(scale.title >= previous.title);
            assert!(scale.space >= previous.space);
            assert!(scale.target >= previous.target);
            previous = scale;
        }
    }

    #[test]
    fn touch_targets_are_at_least_60_px_at_every_size() {
        for size in TextSize::all() {
            let scale = TypeScale::new(size);
            assert!(scale.target >= MIN_TARGET, "{size:?}");
            // A line of body text plus padding fits inside a target.
            assert!(scale.target >= scale.body * 1.3 + 2.0 * scale.pad * 0.5);
        }
    }

    #[test]
    fn elder_mode_gives_large_type() {
        let scale = TypeScale::effective(TextSize::MIN, true);
        assert!(scale.body >= 24.0);
        assert!(scale.heading >= 40.0);
        // 长辈版 never makes a larger choice smaller.
        let large = TypeScale::effective(TextSize::MAX, true);
        assert_eq!(large.body, 50.0);
    }
}
