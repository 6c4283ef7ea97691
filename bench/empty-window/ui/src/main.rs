//! The empty window's page: one heading, rendered by Yew once the wasm has loaded, so its
//! appearance marks the window ready the way Keydesk's first form does.

use yew::prelude::*;

#[function_component]
fn Ready() -> Html {
    html! { <main><h1 id="ready">{ "Ready" }</h1></main> }
}

fn main() {
    yew::Renderer::<Ready>::new().render();
}
