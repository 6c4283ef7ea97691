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
                    { format!("A recovery kit exists, made {}. {}", local_time(at), sealed_text(status.sealed_logins)) }
                </p>
            },
            None => html! {
                <p id="recovery-kit-status" class="recovery-status muted" data-exists="false">
                    { "No recovery kit yet. Without one, pending logins are lost if every owner loses their keys (a forgotten password reset, a lost laptop)." }
                </p>
            },
        },
        Remote::Failed(message) => html! {
            <Banner id="recovery-kit-load-error" message={message.clone()} />
        },
        Remote::Idle | Remote::Loading => html! {
            <p id="recovery-kit-status" class="muted small">{ "Loading…" }</p>
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
            <FormCardHead icon={IconName::Key} title_id="recovery-kit-title" title="Recovery kit"
                lead="A key on paper that opens every pending login, for the day no owner can." />
            if let Some(message) = &state.error {
                <Banner id="recovery-kit-error" message={message.clone()}
                    ondismiss={dispatch.reform(|()| RecoveryAction::DismissError)} />
            }
            { status }
            if let Some(kit) = &state.kit {
                <section id="recovery-kit-sheet" class="recovery-sheet" aria-labelledby="recovery-kit-sheet-title">
                    <h3 id="recovery-kit-sheet-title" class="recovery-sheet-title">{ "Keydesk recovery kit" }</h3>
                    <p id="recovery-kit-warning" class="recovery-warning" role="alert">
                        { "Store it on paper, somewhere safe, and nowhere else. Anyone holding it can open every pending login. It is shown only now: Keydesk keeps no copy." }
                    </p>
                    <ol id="recovery-kit-words" class="recovery-words">
                        for word in kit.words.iter() {
                            <li class="recovery-word">{ word.clone() }</li>
                        }
                    </ol>
                    <div id="recovery-kit-qr" class="recovery-qr" role="img"
                        aria-label="The 24 words as a QR code">
                        { Html::from_html_unchecked(kit.qr_svg.clone().into()) }
                    </div>
                    <div class="form-actions recovery-no-print">
                        <button type="button" id="recovery-kit-print" class="btn btn-secondary"
                            onclick={Callback::from(|_: MouseEvent| print_window())}>
                            { "Print" }
                        </button>
                        <button type="button" id="recovery-kit-done" class="btn btn-primary"
                            onclick={on(|| RecoveryAction::DoneWithKit)}>
                            { "I have stored it" }
                        </button>
                    </div>
                </section>
            } else {
                <div class="form-actions">
                    <BusyButton id="recovery-kit-create" class="btn btn-primary" busy_label="Creating…"
                        busy={state.creating} disabled={state.status.remote.loaded().is_none()}
                        onclick={on(|| RecoveryAction::Create)}>
                        { if state.exists() { "Replace the recovery kit" } else { "Create a recovery kit" } }
                    </BusyButton>
                    if state.exists() {
                        <button type="button" id="recovery-kit-remove" class="btn btn-ghost"
                            onclick={on(|| RecoveryAction::AskRemoval)}>
                            { "Remove" }
                        </button>
                    }
                </div>
            }
            if state.exists() && state.kit.is_none() {
                <form id="recovery-use-form" class="form recovery-use" novalidate=true onsubmit={form.onsubmit()}>
                    <FieldFrame id={RecoveryWordsField.input_id()} label="Use the recovery kit" error={words_error.clone()}
                        hint="When the queue says no owner can open a login: type the kit's 24 words. Every pending login it opens is sealed again to each owner.">
                        <textarea id="recovery-words" class="input textarea" rows="3"
                            autocomplete="off" spellcheck="false" autocapitalize="none"
                            value={form.words.clone()} disabled={form.meta.busy}
                            aria-invalid={words_error.is_some().then_some("true")}
                            aria-describedby={described} ref={form.node(RecoveryWordsField)}
                            oninput={on_words} {onblur} />
                    </FieldFrame>
                    if let Some(message) = &form.meta.banner {
                        <Banner id="recovery-use-error" message={message.clone()} ondismiss={form.dismiss()} />
                    }
                    <div class="form-actions">
                        <SubmitButton id="recovery-use-submit" label="Use the words" busy_label="Opening…"
                            busy={form.meta.busy} />
                        if let Some(outcome) = &state.used {
                            <p id="recovery-used" class="muted small" role="status">{ used_text(outcome) }</p>
                        }
                    </div>
                </form>
            }
            if state.confirming_removal {
                <ConfirmDialog id="recovery-remove" confirm_id="recovery-remove-confirm"
                    title="Remove the recovery kit?"
                    message="Its words will open nothing any more. If every owner then loses their keys, the pending logins are lost and must be reset."
                    confirm_label="Remove kit" busy_label="Removing…" destructive={true}
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
