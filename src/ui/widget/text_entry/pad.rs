//! The handwriting pad: a square with 田字格 guides that a finger (or the mouse) writes on. The
//! stroke being written is drawn as it goes and kept by the canvas; when the finger lifts, the
//! whole stroke goes to the panel as one message, which adds it to the ink and recognises.

use iced::widget::canvas::{
    self, Action, Frame, Geometry, LineCap, LineDash, LineJoin, Path, Stroke,
};
use iced::widget::{canvas as canvas_widget, container};
use iced::{Element, Point as At, Rectangle, Renderer, Theme, mouse, touch};

use super::Message;
use crate::handwriting::{Ink, Point};
use crate::ui::theme;

/// The widget id of the pad (it is no button: tests find it to write on it).
pub const PAD_ID: &str = "handwriting-pad";

/// Moves shorter than this (in pixels) add no point: a resting finger trembles.
const MIN_STEP: f32 = 1.5;

struct Pad<'a> {
    ink: &'a Ink,
}

/// The stroke being written, if a finger is down.
#[derive(Debug, Default)]
pub struct Writing(Option<Vec<Point>>);

pub fn view<'a>(ink: &'a Ink) -> Element<'a, Message> {
    container(
        canvas_widget(Pad { ink })
            .width(ink.width())
            .height(ink.height()),
    )
    .id(PAD_ID)
    .into()
}

impl canvas::Program<Message> for Pad<'_> {
    type State = Writing;

    fn update(
        &self,
        writing: &mut Writing,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<Action<Message>> {
        // Touches move the cursor as well, so one position serves both.
        let on_pad = |position: At| Point {
            x: position.x - bounds.x,
            y: position.y - bounds.y,
        };
        match event {
            canvas::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left))
            | canvas::Event::Touch(touch::Event::FingerPressed { .. }) => {
                let start = cursor.position_over(bounds)?;
                // A touch screen may send a mouse press after the finger's: one stroke.
                if writing.0.is_none() {
                    writing.0 = Some(vec![on_pad(start)]);
                }
                Some(Action::request_redraw().and_capture())
            }
            canvas::Event::Mouse(mouse::Event::CursorMoved { .. })
            | canvas::Event::Touch(touch::Event::FingerMoved { .. }) => {
                let stroke = writing.0.as_mut()?;
                let point = on_pad(cursor.position()?);
                let moved = stroke
                    .last()
                    .is_none_or(|last| (point.x - last.x).hypot(point.y - last.y) >= MIN_STEP);
                if moved {
                    stroke.push(point);
                }
                Some(Action::request_redraw().and_capture())
            }
            canvas::Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left))
            | canvas::Event::Touch(
                touch::Event::FingerLifted { .. } | touch::Event::FingerLost { .. },
            ) => {
                let stroke = writing.0.take()?;
                Some(Action::publish(Message::Stroke(stroke)).and_capture())
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        writing: &Writing,
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let (width, height) = (bounds.width, bounds.height);
        frame.fill_rectangle(At::ORIGIN, bounds.size(), theme::SURFACE);
        // 田字格: dashed lines through the middle, as in a school exercise book.
        let guide = Stroke {
            line_dash: LineDash {
                segments: &[10.0, 8.0],
                offset: 0,
            },
            ..Stroke::default().with_width(1.5).with_color(theme::BORDER)
        };
        frame.stroke(
            &Path::line(At::new(0.0, height / 2.0), At::new(width, height / 2.0)),
            guide,
        );
        frame.stroke(
            &Path::line(At::new(width / 2.0, 0.0), At::new(width / 2.0, height)),
            guide,
        );
        frame.stroke_rectangle(
            At::ORIGIN,
            bounds.size(),
            Stroke::default()
                .with_width(3.0)
                .with_color(theme::INPUT_BORDER),
        );
        let pen = (width.min(height) / 36.0).max(4.0);
        for stroke in self.ink.strokes().iter().chain(writing.0.iter()) {
            draw_stroke(&mut frame, stroke, pen);
        }
        vec![frame.into_geometry()]
    }

    fn mouse_interaction(
        &self,
        _writing: &Writing,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        if cursor.is_over(bounds) {
            mouse::Interaction::Crosshair
        } else {
            mouse::Interaction::default()
        }
    }
}

/// One stroke in ink: a round-ended line through its points, or a dot (点) for a tap.
fn draw_stroke(frame: &mut Frame, stroke: &[Point], pen: f32) {
    let at = |point: &Point| At::new(point.x, point.y);
    match stroke {
        [] => {}
        [only] => frame.fill(&Path::circle(at(only), pen / 2.0), theme::TEXT),
        [first, rest @ ..] => {
            let path = Path::new(|path| {
                path.move_to(at(first));
                for point in rest {
                    path.line_to(at(point));
                }
            });
            frame.stroke(
                &path,
                Stroke::default()
                    .with_width(pen)
                    .with_color(theme::TEXT)
                    .with_line_cap(LineCap::Round)
                    .with_line_join(LineJoin::Round),
            );
        }
    }
}
