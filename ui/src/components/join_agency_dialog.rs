//! `#join-dialog` on the first-run screen: a new desk joins its agency with the code an
//! owner's desk showed, and the member chooses the password they sign in with here. The
//! desk then receives the staff and the customers its member may see, with progress, and
//! the member is signed in.

use keydesk_api::{JoinProgress, SessionInfo, JOIN_PROGRESS_EVENT};

use super::password_toggle::{password_type, PasswordToggle};
use super::progress_bar::ProgressBar;
use crate::hooks::shell_event::use_shell_event;
use crate::prelude::*;
use crate::state::agency::{JoinField, JoinForm};
use crate::state::app::AppAction;

#[derive(Properties, PartialEq)]
pub struct JoinAgencyDialogProps {
    pub oncancel: Callback<()>,
}

#[component]
pub fn JoinAgencyDialog(props: &JoinAgencyDialogProps) -> Html {
    let form = use_form(JoinForm::default, false, |form: &JoinForm, submission| {
        let app = submission.app();
        submission.call(
            commands::JOIN_AGENCY,
            form.request(),
            move |session: SessionInfo, _| app.emit(AppAction::SignedIn(session)),
        );
    });
    let words = use_words();
    let shown = use_state(|| false);
    let progress = use_state(|| None::<JoinProgress>);
    // Each try starts from nothing, not from where the last one stopped.
    {
        let progress = progress.clone();
        use_effect_with(form.meta.busy, move |&busy| {
            if busy {
                progress.set(None);
            }
        });
    }
    {
        let progress = progress.clone();
        use_shell_event(
            JOIN_PROGRESS_EVENT,
            form.meta.busy,
            Callback::from(move |p: JoinProgress| progress.set(Some(p))),
        );
    }
    let code_error = form.field_error(JoinField::Code);
    let described = described_by(JoinField::Code.input_id(), None, true, code_error.is_some());
    let on_code = form.edit(JoinField::Code).reform(|e: InputEvent| typed(e));
    let on_code_blur = form.blur(JoinField::Code);
    let toggle = {
        let shown = shown.clone();
        Callback::from(move |()| shown.set(!*shown))
    };
    let password = |field: JoinField, label: String| {
        let action = (field == JoinField::Password).then(|| {
            html! {
                <PasswordToggle id="join-password-toggle"
                    controls="join-password join-password-confirm"
                    shown={*shown} ontoggle={toggle.clone()} />
            }
        });
        html! {
            <TextField id={field.input_id()} {label} input_type={password_type(*shown)}
                autocomplete="new-password" value={form.value(field).to_owned()}
                error={form.field_error(field)} input_ref={form.node(field)}
                oninput={form.edit(field)} onblur={form.blur(field)}>
                { action.unwrap_or_default() }
            </TextField>
        }
    };
    let percent = progress
        .filter(|p| p.latest > 0)
        .map(|p| (p.done.min(p.latest) * 100) / p.latest);

    html! {
        <Modal id="join-dialog" labelledby="join-title" onclose={props.oncancel.clone()}
            busy={form.meta.busy}>
            <form class="modal-form" novalidate=true onsubmit={form.onsubmit()} onkeydown={form.onkeydown()}>
                <ModalHead icon={IconName::UserPlus} title_id="join-title" title={words.t("join-agency-title")}>
                    <p class="muted small">
                        { words.t("join-agency-lead") }
                    </p>
                </ModalHead>
                if let Some(message) = form.banner() {
                    <Banner id="join-error" {message} ondismiss={form.dismiss()} />
                }
                <FieldFrame id={JoinField::Code.input_id()} label={words.t("join-agency-code")} error={code_error.clone()}
                    hint={words.t("join-agency-code-hint")}>
                    <textarea id={JoinField::Code.input_id()} class="input textarea join-code" rows="4"
                        autocomplete="off" spellcheck="false" autocapitalize="none" data-autofocus="true"
                        value={form.code.clone()} disabled={form.meta.busy}
                        aria-invalid={code_error.is_some().then_some("true")}
                        aria-describedby={described} ref={form.node(JoinField::Code)}
                        oninput={on_code}
                        onblur={Callback::from(move |_: FocusEvent| {
                            if let Some(blur) = &on_code_blur {
                                blur.emit(());
                            }
                        })} />
                </FieldFrame>
                { password(JoinField::Password, words.t("join-agency-password")) }
                { password(JoinField::PasswordConfirm, words.t("join-agency-password-confirm")) }
                if form.meta.busy {
                    <div class="backup-progress">
                        <ProgressBar id="join-progress" label={words.t("join-agency-receiving")} {percent} />
                        <p id="join-progress-text" class="small muted" aria-live="polite">
                            { match percent {
                                Some(p) => words.t_with(
                                    "join-agency-receiving-percent",
                                    &[("percent", &words.number(p))],
                                ),
                                None => words.t("join-agency-connecting"),
                            } }
                        </p>
                    </div>
                }
                <div class="modal-actions">
                    <button type="button" id="join-cancel" class="btn btn-secondary"
                        disabled={form.meta.busy} onclick={props.oncancel.reform(|_: MouseEvent| ())}>
                        { words.t("cancel") }
                    </button>
                    <SubmitButton id="join-submit" label={words.t("join-agency-submit")}
                        busy_label={words.t("join-agency-busy")} busy={form.meta.busy} />
                </div>
            </form>
        </Modal>
    }
}
