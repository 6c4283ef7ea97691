use keydesk_api::{GenerateLoginsRequest, GENERATE_LOGINS_PROGRESS_EVENT};

use crate::components::progress_bar::ProgressBar;
use crate::hooks::handoff_count::announce_handoffs_changed;
use crate::hooks::shell_event::use_shell_event;
use crate::prelude::*;
use crate::state::generate_logins::{outcome_text, GenerateAction, GenerateLogins, GenerateStep};

#[derive(Properties, PartialEq)]
pub struct GenerateLoginsDialogProps {
    /// The customers on show that have no login.
    pub customer_ids: Vec<i64>,
    /// Closed; `true` when logins were made (the list should reload).
    pub onclose: Callback<bool>,
}

/// `#generate-logins-dialog`: generates logins for the customers on show that have none,
/// with a progress bar and Cancel.
#[component]
pub fn GenerateLoginsDialog(props: &GenerateLoginsDialogProps) -> Html {
    let words = use_words();
    let command = use_command();
    let state = {
        let ids = props.customer_ids.clone();
        use_reducer(move || GenerateLogins::new(ids))
    };
    let dispatch = state.dispatcher().to_callback();
    use_shell_event(
        GENERATE_LOGINS_PROGRESS_EVENT,
        true,
        dispatch.reform(GenerateAction::Progress),
    );
    {
        let state = state.clone();
        let command = command.clone();
        use_effect_with(state.run_seq, move |&seq| {
            if seq > 0 {
                let request = GenerateLoginsRequest {
                    customer_ids: state.customer_ids.clone(),
                };
                command.load(
                    commands::GENERATE_LOGINS,
                    request,
                    state.dispatcher(),
                    |answer| {
                        announce_handoffs_changed();
                        GenerateAction::Finished(answer)
                    },
                );
            }
        });
    }
    let start = dispatch.reform(|e: SubmitEvent| {
        e.prevent_default();
        GenerateAction::Start
    });
    let cancel_run = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(GenerateAction::Cancel);
            command.call(commands::CANCEL_GENERATE_LOGINS, (), |_: Result<(), _>| {});
        })
    };
    let finished = matches!(state.step, GenerateStep::Finished(_));
    // No way to close shows while the run goes on: the dialog is busy and Esc waits.
    let close = props.onclose.reform(move |()| finished);
    let close_click = close.reform(|_: MouseEvent| ());
    let count = state.customer_ids.len();
    let body = match &state.step {
        GenerateStep::Confirm => html! {
            <p class="modal-text" id="generate-logins-lead">
                { match count {
                    0 => words.t("generate-logins-none"),
                    n => words.count("generate-logins-lead", n as i64),
                } }
            </p>
        },
        GenerateStep::Running {
            done,
            total,
            cancelling,
        } => {
            let (done, total) = (words.number(done), words.number(total));
            let progress = if *cancelling {
                "generate-logins-cancelling"
            } else {
                "generate-logins-progress"
            };
            html! {
                <div class="generate-progress" id="generate-logins-lead">
                    <ProgressBar label={words.t("generate-logins-running")} percent={Some(state.percent())} />
                    <p class="muted small generate-progress-text" id="generate-logins-progress" aria-live="polite">
                        { words.t_with(progress, &[("done", &done), ("total", &total)]) }
                    </p>
                </div>
            }
        }
        GenerateStep::Finished(outcome) => html! {
            <p class="saved-note" id="generate-logins-lead" role="status">
                <Icon name={IconName::CheckCircle} size={16} />
                <span id="generate-logins-outcome">{ outcome_text(&words, outcome) }</span>
            </p>
        },
        GenerateStep::Failed(message) => html! {
            <p class="field-error" id="generate-logins-lead" role="alert">
                <Icon name={IconName::Alert} size={14} />
                <span>{ words.t_with("generate-logins-stopped", &[("reason", message)]) }</span>
            </p>
        },
    };
    html! {
        <Modal id="generate-logins-dialog" labelledby="generate-logins-title" describedby="generate-logins-lead"
            busy={state.running()} onclose={close} class="modal-sm">
            <form class="modal-form" onsubmit={start}>
                <ModalHead icon={IconName::Key} title_id="generate-logins-title" title={words.t("generate-logins-title")} />
                { body }
                <div class="modal-actions">
                    if let GenerateStep::Running { cancelling, .. } = state.step {
                        <button type="button" id="generate-logins-cancel" class="btn btn-secondary"
                            disabled={cancelling} onclick={cancel_run}>
                            { words.t("cancel") }
                        </button>
                    } else if state.step == GenerateStep::Confirm {
                        <button type="button" id="generate-logins-close" class="btn btn-secondary" onclick={close_click}>
                            { words.t("cancel") }
                        </button>
                        <button type="submit" id="generate-logins-start" class="btn btn-primary"
                            disabled={count == 0} data-autofocus="true">
                            { words.t("generate-logins-start") }
                        </button>
                    } else {
                        <button type="button" id="generate-logins-close" class="btn btn-primary"
                            data-autofocus="true" onclick={close_click}>
                            { words.t("generate-logins-close") }
                        </button>
                    }
                </div>
            </form>
        </Modal>
    }
}
