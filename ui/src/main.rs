//! Keydesk's window: a Yew app that talks to the Tauri shell over `invoke`.

mod app;
mod components;
mod dom;
mod form;
mod hooks;
mod ipc;
mod pages;
mod prelude;
mod state;
mod words;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
