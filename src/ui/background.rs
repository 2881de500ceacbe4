//! Work that must not freeze the window (a PDF of a thousand cards, a sync with the county) runs
//! on its own thread; the task yields its result as a message.

use iced::Task;
use iced::futures::channel::oneshot;

/// Runs `work` on a new thread; `lost` stands in for a result when the thread dies.
pub fn on_thread<T: Send + 'static, M: Send + 'static>(
    name: &str,
    work: impl FnOnce() -> T + Send + 'static,
    lost: impl FnOnce() -> T + Send + 'static,
    done: impl Fn(T) -> M + Send + 'static,
) -> Task<M> {
    let (sender, receiver) = oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = sender.send(work());
        });
    if spawned.is_err() {
        return Task::done(done(lost()));
    }
    Task::perform(
        async move { receiver.await.unwrap_or_else(|_| lost()) },
        done,
    )
}
