use keydesk_api::LinkedAgent;

use crate::dom::focus_id;
use crate::prelude::*;
use crate::state::customer_detail::{may_edit_notes, NotesEdit};
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct LinkedStaffProps {
    pub agents: Vec<LinkedAgent>,
    /// The signed-in person: their own link's notes are theirs to change.
    pub staff_id: i64,
    /// May change the notes of every link.
    pub sees_all: bool,
    /// The notes being edited, if any.
    pub notes: Option<NotesEdit>,
    /// The notes being edited are being saved.
    pub busy: bool,
    pub onedit: Callback<i64>,
    pub ontype: Callback<String>,
    pub onsave: Callback<()>,
    pub oncancel: Callback<()>,
    /// Drawn under the list (the created / updated times).
    #[prop_or_default]
    pub children: Html,
}

/// `#customer-agents`: the staff linked to the customer, each with the notes about their
/// relationship. `.agent-notes-edit` opens `#agent-notes-input` in place; Ctrl+Enter or
/// `#agent-notes-save` saves, Esc or `#agent-notes-cancel` puts the notes back.
#[component]
pub fn LinkedStaff(props: &LinkedStaffProps) -> Html {
    let words = use_words();
    // Focus goes to the notes being edited, and back to their button when that ends.
    use_effect_with(props.notes.as_ref().map(|n| n.staff_id), |&editing| {
        if editing.is_some() {
            focus_id("agent-notes-input");
        }
        move || {
            if let Some(id) = editing {
                focus_id(&format!("agent-notes-edit-{id}"));
            }
        }
    });

    let items = props.agents.iter().map(|agent| {
        let may_edit = may_edit_notes(agent, props.staff_id, props.sees_all);
        let edit = props.notes.as_ref().filter(|n| n.staff_id == agent.staff_id);
        let link = if agent.created_it {
            html! { <Badge tone={Tone::Accent} text={words.t("linked-staff-created")} /> }
        } else {
            html! { <span class="muted small">{ words.t_with("linked-staff-linked", &[("time", &local_time_short(&agent.linked_at))]) }</span> }
        };
        let edit_button = (may_edit && edit.is_none()).then(|| {
            let staff_id = agent.staff_id;
            let onclick = props.onedit.reform(move |_: MouseEvent| staff_id);
            html! {
                <button type="button" id={format!("agent-notes-edit-{staff_id}")}
                    class="link-button agent-notes-edit small"
                    aria-label={words.t_with("linked-staff-edit-label", &[("name", &agent.display_name)])}
                    disabled={props.busy} {onclick}>
                    { words.t(if agent.notes.is_empty() { "linked-staff-add-notes" } else { "linked-staff-edit-notes" }) }
                </button>
            }
        });
        let body = match edit {
            Some(edit) => notes_form(agent, edit, props, &words),
            None => {
                let empty = agent.notes.is_empty();
                let notes = if empty { words.t("linked-staff-no-notes") } else { agent.notes.clone() };
                html! {
                    <p class={classes!("agent-notes", empty.then_some("muted small"))} id={format!("agent-notes-{}", agent.staff_id)}>
                        { notes }
                    </p>
                }
            }
        };
        html! {
            <li class="customer-agent" key={agent.staff_id} data-staff-id={agent.staff_id.to_string()}>
                <div class="agent-head">
                    <span class="cell-strong agent-name">{ agent.display_name.clone() }</span>
                    { link }
                    { edit_button }
                </div>
                { body }
            </li>
        }
    });

    html! {
        <section class="card detail-card" aria-labelledby="customer-agents-title">
            <h3 class="card-title" id="customer-agents-title">{ words.t("linked-staff-title") }</h3>
            <ul id="customer-agents" class="agent-list">{ for items }</ul>
            { props.children.clone() }
        </section>
    }
}

fn notes_form(
    agent: &LinkedAgent,
    edit: &NotesEdit,
    props: &LinkedStaffProps,
    words: &Words,
) -> Html {
    let busy = props.busy;
    let onsubmit = props.onsave.reform(|e: SubmitEvent| e.prevent_default());
    let oninput = props.ontype.reform(|e: InputEvent| typed(e));
    let onkeydown = {
        let (onsave, oncancel) = (props.onsave.clone(), props.oncancel.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            // Esc here puts the notes back; it must not also leave the page.
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                if !busy {
                    oncancel.emit(());
                }
            }
            "Enter" if e.ctrl_key() || e.meta_key() => {
                e.prevent_default();
                onsave.emit(());
            }
            _ => {}
        })
    };
    html! {
        <form class="agent-notes-form" novalidate=true {onsubmit}>
            <label class="visually-hidden" for="agent-notes-input">
                { words.t_with("linked-staff-notes-about", &[("name", &agent.display_name)]) }
            </label>
            <textarea id="agent-notes-input" class="input textarea" rows="3" maxlength="1000"
                placeholder={words.t("linked-staff-notes-placeholder")}
                value={edit.text.clone()} disabled={busy}
                aria-invalid={edit.error.is_some().then_some("true")}
                aria-describedby={described_by("agent-notes", None, true, edit.error.is_some())} {oninput} {onkeydown} />
            <FieldError id="agent-notes-error" error={edit.error.clone()} />
            <div class="agent-notes-actions">
                <span class="muted small" id="agent-notes-hint">{ words.t("linked-staff-notes-keys") }</span>
                <button type="button" id="agent-notes-cancel" class="btn btn-secondary btn-sm"
                    disabled={busy} onclick={props.oncancel.reform(|_: MouseEvent| ())}>
                    { words.t("cancel") }
                </button>
                <SubmitButton id="agent-notes-save" class="btn btn-primary btn-sm" label={words.t("linked-staff-save-notes")}
                    busy_label={words.t("saving")} {busy} />
            </div>
        </form>
    }
}
