//! What a finger wrote on the pad: strokes, each a list of points, in a box of known size.

use serde::{Deserialize, Serialize};

/// A point on the pad, in pixels from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(from = "[f32; 2]", into = "[f32; 2]")]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl From<[f32; 2]> for Point {
    fn from([x, y]: [f32; 2]) -> Point {
        Point { x, y }
    }
}

impl From<Point> for [f32; 2] {
    fn from(point: Point) -> [f32; 2] {
        [point.x, point.y]
    }
}

/// The strokes of one character, in writing order, on a `width` × `height` pad.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Ink {
    width: f32,
    height: f32,
    strokes: Vec<Vec<Point>>,
}

impl Ink {
    pub fn new(width: f32, height: f32) -> Ink {
        Ink {
            width: width.max(1.0),
            height: height.max(1.0),
            strokes: Vec::new(),
        }
    }

    pub fn width(&self) -> f32 {
        self.width
    }

    pub fn height(&self) -> f32 {
        self.height
    }

    pub fn strokes(&self) -> &[Vec<Point>] {
        &self.strokes
    }

    pub fn is_empty(&self) -> bool {
        self.strokes.is_empty()
    }

    /// Adds a stroke; points off the pad (a finger sliding past its edge) are brought to the
    /// edge. A stroke with no points is no stroke.
    pub fn push_stroke(&mut self, points: impl IntoIterator<Item = Point>) {
        let stroke: Vec<Point> = points
            .into_iter()
            .filter(|point| point.x.is_finite() && point.y.is_finite())
            .map(|point| Point {
                x: point.x.clamp(0.0, self.width),
                y: point.y.clamp(0.0, self.height),
            })
            .collect();
        if !stroke.is_empty() {
            self.strokes.push(stroke);
        }
    }

    /// 退一笔: takes back the last stroke; false when there was none.
    pub fn undo(&mut self) -> bool {
        self.strokes.pop().is_some()
    }

    /// 重写: every stroke goes.
    pub fn clear(&mut self) {
        self.strokes.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f32, y: f32) -> Point {
        Point { x, y }
    }

    #[test]
    fn strokes_are_kept_in_order_and_undone_from_the_last() {
        let mut ink = Ink::new(300.0, 300.0);
        ink.push_stroke([at(10.0, 10.0), at(20.0, 10.0)]);
        ink.push_stroke([at(15.0, 5.0), at(15.0, 30.0)]);
        assert_eq!(ink.strokes().len(), 2);
        assert!(ink.undo());
        assert_eq!(ink.strokes(), &[vec![at(10.0, 10.0), at(20.0, 10.0)]]);
        ink.clear();
        assert!(ink.is_empty());
        assert!(!ink.undo());
    }

    #[test]
    fn points_past_the_edge_land_on_it_and_empty_strokes_are_dropped() {
        let mut ink = Ink::new(300.0, 200.0);
        ink.push_stroke([at(-5.0, 100.0), at(350.0, 250.0), at(f32::NAN, 3.0)]);
        ink.push_stroke([]);
        assert_eq!(ink.strokes(), &[vec![at(0.0, 100.0), at(300.0, 200.0)]]);
    }

    #[test]
    fn ink_reads_the_recorded_fixture_format() {
        let ink: Ink =
            serde_json::from_str(r#"{"width": 300, "height": 300, "strokes": [[[1, 2], [3, 4]]]}"#)
                .unwrap();
        assert_eq!(ink.strokes(), &[vec![at(1.0, 2.0), at(3.0, 4.0)]]);
        assert_eq!((ink.width(), ink.height()), (300.0, 300.0));
    }
}
