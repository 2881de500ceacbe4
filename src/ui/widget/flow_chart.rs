//! The procedure (办事流程) drawn as a flow chart: numbered boxes joined by arrows.

use iced::mouse;
use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke};
use iced::widget::{Canvas, column, container, row};
use iced::{Alignment, Element, Length, Point, Rectangle, Renderer, Theme};

use super::Look;
use crate::domain::Step;
use crate::t;
use crate::ui::theme;

/// One flow chart, top to bottom.
pub fn flow_chart<'a, M: 'a>(look: Look, steps: &'a [Step]) -> Element<'a, M> {
    let mut chart = column![].align_x(Alignment::Center).width(Length::Fill);
    for (index, step) in steps.iter().enumerate() {
        if index > 0 {
            chart = chart.push(arrow(look));
        }
        chart = chart.push(step_box(look, index + 1, step));
    }
    chart.into()
}

fn step_box<'a, M: 'a>(look: Look, number: usize, step: &'a Step) -> Element<'a, M> {
    let language = look.language;
    let mut heading = row![look.strong(format!("{number}. {}", step.title))]
        .spacing(look.scale.pad)
        .align_y(Alignment::Center);
    if let Some(days) = step.days.filter(|&days| days > 0) {
        heading = heading.push(look.small(t!(language, "flow-step-days", days = days)));
    }
    let body = column![
        heading,
        look.small(t!(language, "flow-step-actor", actor = step.actor.as_str())),
        look.body(step.detail.as_str()),
    ]
    .spacing(look.scale.space * 0.4);
    container(body)
        .padding(look.scale.pad * 1.2)
        .width(Length::Fill)
        .max_width(look.scale.body * 40.0)
        .style(theme::flow_box)
        .into()
}

fn arrow<'a, M: 'a>(look: Look) -> Element<'a, M> {
    let height = (look.scale.body * 2.0).max(28.0);
    Canvas::new(Arrow {
        thickness: (look.scale.body / 8.0).max(2.5),
    })
    .width(Length::Fill)
    .height(height)
    .into()
}

/// A downward arrow centred in its bounds.
struct Arrow {
    thickness: f32,
}

impl<M> canvas::Program<M> for Arrow {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let mut frame = Frame::new(renderer, bounds.size());
        let x = bounds.width / 2.0;
        let head = (bounds.height * 0.45).min(self.thickness * 6.0);
        let shaft = Path::line(Point::new(x, 2.0), Point::new(x, bounds.height - head));
        frame.stroke(
            &shaft,
            Stroke::default()
                .with_width(self.thickness)
                .with_color(theme::PRIMARY),
        );
        let tip = Path::new(|path| {
            path.move_to(Point::new(x - head * 0.7, bounds.height - head));
            path.line_to(Point::new(x + head * 0.7, bounds.height - head));
            path.line_to(Point::new(x, bounds.height - 1.0));
            path.close();
        });
        frame.fill(&tip, theme::PRIMARY);
        vec![frame.into_geometry()]
    }
}
