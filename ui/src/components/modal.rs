use web_sys::{Element, HtmlElement};

use crate::dom::{active_element, focusables};
use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The dialog element's id (a contract with the end-to-end tests).
    pub id: AttrValue,
    /// The id of the dialog's heading.
    pub labelledby: AttrValue,
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// Esc: close (or cancel). Ignored while `busy`.
    pub onclose: Callback<()>,
    /// Something is running; Esc waits for it.
    #[prop_or_default]
    pub busy: bool,
    /// `alertdialog` for confirmations, which interrupt the person.
    #[prop_or_default]
    pub alert: bool,
    #[prop_or_default]
    pub class: Classes,
    pub children: Html,
}

/// A modal dialog over a dimmed window. Focus moves into it (to the element marked
/// `data-autofocus`, else the first control), Tab and Shift+Tab stay inside, Esc closes,
/// and on close focus goes back to where it was.
#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    let backdrop = use_node_ref();

    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let opener = active_element();
            if let Some(root) = dialog.cast::<HtmlElement>() {
                let first = root
                    .query_selector("[data-autofocus]")
                    .ok()
                    .flatten()
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(e).ok())
                    .or_else(|| focusables(&root).into_iter().next())
                    .unwrap_or(root);
                let _ = first.focus();
            }
            move || {
                if let Some(opener) = opener.filter(|o| o.is_connected()) {
                    let _ = opener.focus();
                }
            }
        });
    }

    let onkeydown = {
        let dialog = dialog.clone();
        let onclose = props.onclose.clone();
        let busy = props.busy;
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                if !busy {
                    onclose.emit(());
                }
            }
            "Tab" => {
                let Some(root) = dialog.cast::<Element>() else {
                    return;
                };
                let items = focusables(&root);
                let (Some(first), Some(last)) = (items.first(), items.last()) else {
                    e.prevent_default();
                    return;
                };
                let active = active_element();
                let inside = active
                    .as_ref()
                    .is_some_and(|a| items.iter().any(|item| item == a));
                if e.shift_key() && (!inside || active.as_ref() == Some(first)) {
                    e.prevent_default();
                    let _ = last.focus();
                } else if !e.shift_key() && (!inside || active.as_ref() == Some(last)) {
                    e.prevent_default();
                    let _ = first.focus();
                }
            }
            _ => {}
        })
    };
    // A click on the dimmed window keeps focus in the dialog.
    let keep_focus = {
        let backdrop = backdrop.clone();
        Callback::from(move |e: MouseEvent| {
            let on_backdrop = e
                .target_dyn_into::<Element>()
                .zip(backdrop.cast::<Element>())
                .is_some_and(|(target, backdrop)| target == backdrop);
            if on_backdrop {
                e.prevent_default();
            }
        })
    };

    html! {
        <div class="modal-backdrop" ref={backdrop} onmousedown={keep_focus}>
            <div
                id={props.id.clone()}
                class={classes!("modal", "card", props.class.clone())}
                role={if props.alert { "alertdialog" } else { "dialog" }}
                aria-modal="true"
                aria-labelledby={props.labelledby.clone()}
                aria-describedby={props.describedby.clone()}
                aria-busy={props.busy.then_some("true")}
                tabindex="-1"
                ref={dialog}
                {onkeydown}
            >
                { props.children.clone() }
            </div>
        </div>
    }
}
