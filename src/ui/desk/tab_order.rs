//! Tab and Shift+Tab move the focus through a desk screen's text boxes, in the order they are
//! drawn (iced 0.14 leaves Tab to the application).
//!
//! A transparent wrapper: it lays out, draws and handles events exactly as its content does, and
//! on Tab runs iced's own focus operations over its content only (so the kiosk around the desk is
//! never reached).

use iced::keyboard::{self, key};
use iced::{Element, Event, Length, Rectangle, Renderer, Size, Theme, Vector};
use iced_core::layout::{self, Layout};
use iced_core::widget::operation::{Operation, Outcome, focusable};
use iced_core::widget::{Tree, Widget, tree};
use iced_core::{Clipboard, Shell, mouse, overlay, renderer};

/// `content`, with Tab moving the focus forward and Shift+Tab back.
pub fn tab_order<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    Element::new(TabOrder {
        content: content.into(),
    })
}

struct TabOrder<'a, M> {
    content: Element<'a, M>,
}

impl<M> TabOrder<'_, M> {
    /// Runs `operation` (and what it chains to) over the content.
    fn run(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: impl Operation + 'static,
    ) {
        let mut operation: Box<dyn Operation> = Box::new(operation);
        loop {
            self.content
                .as_widget_mut()
                .operate(tree, layout, renderer, operation.as_mut());
            match operation.finish() {
                Outcome::Chain(next) => operation = next,
                Outcome::None | Outcome::Some(()) => break,
            }
        }
    }
}

impl<M> Widget<M, Theme, Renderer> for TabOrder<'_, M> {
    fn tag(&self) -> tree::Tag {
        self.content.as_widget().tag()
    }

    fn state(&self) -> tree::State {
        self.content.as_widget().state()
    }

    fn children(&self) -> Vec<Tree> {
        self.content.as_widget().children()
    }

    fn diff(&self, tree: &mut Tree) {
        self.content.as_widget().diff(tree);
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content.as_widget_mut().layout(tree, renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(tree, layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        if let Event::Keyboard(keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(key::Named::Tab),
            modifiers,
            ..
        }) = event
        {
            if modifiers.shift() {
                self.run(tree, layout, renderer, focusable::focus_previous::<()>());
            } else {
                self.run(tree, layout, renderer, focusable::focus_next::<()>());
            }
            shell.capture_event();
            shell.request_redraw();
            return;
        }
        self.content.as_widget_mut().update(
            tree, event, layout, cursor, renderer, clipboard, shell, viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content
            .as_widget()
            .mouse_interaction(tree, layout, cursor, viewport, renderer)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content
            .as_widget()
            .draw(tree, renderer, theme, style, layout, cursor, viewport);
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, Theme, Renderer>> {
        self.content
            .as_widget_mut()
            .overlay(tree, layout, renderer, viewport, translation)
    }
}
