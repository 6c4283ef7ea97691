//! `#recovery-kit-card` in Settings → Security, for owners: make a recovery kit (its 24
//! words and QR code shown once, printable), use its words when no owner can open the
//! pending logins any more, or remove it.

use keydesk_api::{RecoveryKeyStatus, RecoveryKit, RecoveryOutcome};

use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::form_card_head::FormCardHead;
use crate::prelude::*;
use crate::state::recovery::{
    sealed_text, used_text, RecoveryAction, RecoveryState, RecoveryWordsField, UseRecoveryAction,
    UseRecoveryForm,
};

#[component]
pub fn RecoveryKitCard() -> Html {
    let words = use_words();
    let command = use_command();
    let state = use_reducer(RecoveryState::started);

    {
        let page = state.dispatcher();
        let command = command.clone();
        use_effect_with(state.status.seq, move |&seq| {
            if seq > 0 {
                command.call(
                    commands::RECOVERY_KEY_STATUS,
                    (),
                    move |answer: Result<RecoveryKeyStatus, _>| {
                        page.dispatch(RecoveryAction::Loaded { seq, answer })
                    },
                );
            }
        });
    }
    {
        let page = state.dispatcher();
        let command = command.clone();
        use_effect_with(state.creating, move |&creating| {
            if creating {
                command.call(
                    commands::CREATE_RECOVERY_KEY,
                    (),
                    move |answer: Result<RecoveryKit, _>| {
                        page.dispatch(RecoveryAction::Created(answer))
                    },
                );
            }
        });
    }
    {
        let page = state.dispatcher();
        let command = command.clone();
        use_effect_with(state.removing, move |&removing| {
            if removing {
                command.call(commands::REMOVE_RECOVERY_KEY, (), move |answer| {
                    page.dispatch(RecoveryAction::Removed(answer))
                });
            }
        });
    }
    let form = {
        let page = state.dispatcher();
        use_form(
            UseRecoveryForm::default,
            false,
            move |form: &UseRecoveryForm, submission| {
                submission.call(
                    commands::USE_RECOVERY_KEY,
                    form.request(),
                    move |outcome: RecoveryOutcome, dispatcher| {
                        dispatcher.dispatch(FormAction::Own(UseRecoveryAction::Done));
                        page.dispatch(RecoveryAction::Used(outcome));
                    },
                );
            },
        )
    };

    let dispatch = state.dispatcher().to_callback();
    let on = |action: fn() -> RecoveryAction| dispatch.reform(move |_: MouseEvent| action());
    let status = match &state.status.remote {
        Remote::Loaded(status) => match &status.created_at {
            Some(at) => html! {
                <p id="recovery-kit-status" class="recovery-status" data-exists="true">
                    { words.t_with("recovery-kit-exists", &[
                        ("made", &local_time(at)),
                        ("sealed", &sealed_text(&words, status.sealed_logins)),
                    ]) }
                </p>
            },
            None => html! {
                <p id="recovery-kit-status" class="recovery-status muted" data-exists="false">
                    { words.t("recovery-kit-none") }
                </p>
            },
        },
        Remote::Failed(message) => html! {
            <Banner id="recovery-kit-load-error" message={message.clone()} />
        },
        Remote::Idle | Remote::Loading => html! {
            <p id="recovery-kit-status" class="muted small">{ words.t("recovery-kit-loading") }</p>
        },
    };
    let words_error = form.field_error(RecoveryWordsField);
    let described = described_by(
        RecoveryWordsField.input_id(),
        None,
        true,
        words_error.is_some(),
    );
    let on_words = form
        .edit(RecoveryWordsField)
        .reform(|e: InputEvent| typed(e));
    let on_words_blur = form.blur(RecoveryWordsField);
    let onblur = Callback::from(move |_: FocusEvent| {
        if let Some(blur) = &on_words_blur {
            blur.emit(());
        }
    });

    html! {
        <article class="card form-card" id="recovery-kit-card">
            <FormCardHead icon={IconName::Key} title_id="recovery-kit-title"
                title={words.t("recovery-kit-title")} lead={words.t("recovery-kit-lead")} />
            if let Some(message) = &state.error {
                <Banner id="recovery-kit-error" message={message.clone()}
                    ondismiss={dispatch.reform(|()| RecoveryAction::DismissError)} />
            }
            { status }
            if let Some(kit) = &state.kit {
                <section id="recovery-kit-sheet" class="recovery-sheet" aria-labelledby="recovery-kit-sheet-title">
                    <h3 id="recovery-kit-sheet-title" class="recovery-sheet-title">{ words.t("recovery-kit-sheet-title") }</h3>
                    <p id="recovery-kit-warning" class="recovery-warning" role="alert">
                        { words.t("recovery-kit-warning") }
                    </p>
                    <ol id="recovery-kit-words" class="recovery-words">
                        for word in kit.words.iter() {
                            <li class="recovery-word">{ word.clone() }</li>
                        }
                    </ol>
                    <div id="recovery-kit-qr" class="recovery-qr" role="img"
                        aria-label={words.t("recovery-kit-qr")}>
                        { Html::from_html_unchecked(kit.qr_svg.clone().into()) }
                    </div>
                    <div class="form-actions recovery-no-print">
                        <button type="button" id="recovery-kit-print" class="btn btn-secondary"
                            onclick={Callback::from(|_: MouseEvent| print_window())}>
                            { words.t("recovery-kit-print") }
                        </button>
                        <button type="button" id="recovery-kit-done" class="btn btn-primary"
                            onclick={on(|| RecoveryAction::DoneWithKit)}>
                            { words.t("recovery-kit-stored") }
                        </button>
                    </div>
                </section>
            } else {
                <div class="form-actions">
                    <BusyButton id="recovery-kit-create" class="btn btn-primary" busy_label={words.t("recovery-kit-creating")}
                        busy={state.creating} disabled={state.status.remote.loaded().is_none()}
                        onclick={on(|| RecoveryAction::Create)}>
                        if state.exists() {
                            { words.t("recovery-kit-replace") }
                        } else {
                            { words.t("recovery-kit-create") }
                        }
                    </BusyButton>
                    if state.exists() {
                        <button type="button" id="recovery-kit-remove" class="btn btn-ghost"
                            onclick={on(|| RecoveryAction::AskRemoval)}>
                            { words.t("recovery-kit-remove") }
                        </button>
                    }
                </div>
            }
            if state.exists() && state.kit.is_none() {
                <form id="recovery-use-form" class="form recovery-use" novalidate=true onsubmit={form.onsubmit()}>
                    <FieldFrame id={RecoveryWordsField.input_id()} label={words.t("recovery-use-label")}
                        error={words_error.clone()} hint={words.t("recovery-use-hint")}>
                        <textarea id="recovery-words" class="input textarea" rows="3"
                            autocomplete="off" spellcheck="false" autocapitalize="none"
                            value={form.words.clone()} disabled={form.meta.busy}
                            aria-invalid={words_error.is_some().then_some("true")}
                            aria-describedby={described} ref={form.node(RecoveryWordsField)}
                            oninput={on_words} {onblur} />
                    </FieldFrame>
                    if let Some(message) = form.banner() {
                        <Banner id="recovery-use-error" {message} ondismiss={form.dismiss()} />
                    }
                    <div class="form-actions">
                        <SubmitButton id="recovery-use-submit" label={words.t("recovery-use-submit")}
                            busy_label={words.t("recovery-use-busy")}
                            busy={form.meta.busy} />
                        if let Some(outcome) = &state.used {
                            <p id="recovery-used" class="muted small" role="status">{ used_text(&words, outcome) }</p>
                        }
                    </div>
                </form>
            }
            if state.confirming_removal {
                <ConfirmDialog id="recovery-remove" confirm_id="recovery-remove-confirm"
                    title={words.t("recovery-remove-title")}
                    message={words.t("recovery-remove-message")}
                    confirm_label={words.t("recovery-remove-confirm")}
                    busy_label={words.t("recovery-remove-busy")} destructive={true}
                    busy={state.removing}
                    onconfirm={dispatch.reform(|()| RecoveryAction::Remove)}
                    oncancel={dispatch.reform(|()| RecoveryAction::CancelRemoval)} />
            }
        </article>
    }
}

/// The browser's print dialog; the print stylesheet shows only the kit.
fn print_window() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
