use keydesk_api::SessionInfo;

use crate::components::form_card_head::FormCardHead;
use crate::components::password_change_form::PasswordChangeForm;
use crate::components::saved_note::SavedNote;
use crate::components::window_language::WindowPreferencesCard;
use crate::prelude::*;
use crate::state::account::{NameField, NameForm};
use crate::state::app::AppAction;
use crate::state::staff::role_tone;

#[derive(Properties, PartialEq)]
pub struct AccountProps {
    pub session: SessionInfo,
}

/// My account: the person's display name and password.
#[component]
pub fn AccountPage(props: &AccountProps) -> Html {
    let app = use_command().app();
    let name = {
        let display_name = props.session.display_name.clone();
        use_form(
            move || NameForm::new(&display_name),
            false,
            |name: &NameForm, submission| {
                let app = submission.app();
                submission.call(
                    commands::CHANGE_OWN_DISPLAY_NAME,
                    name.request(),
                    move |session: SessionInfo, dispatcher| {
                        dispatcher.dispatch(FormAction::Own(session.display_name.clone()));
                        app.emit(AppAction::SessionUpdated(session));
                    },
                );
            },
        )
    };
    let onchanged = app.reform(AppAction::SessionUpdated);
    let words = use_words();

    let session = &props.session;
    html! {
        <section id={Page::Account.page_id()} class="page" aria-labelledby="page-title">
            <div class="page-head">
                <div class="account-who">
                    <p class="muted">
                        <Badge tone={role_tone(session.role)} text={words.role(session.role)} />
                        { " " }
                        { words.t_with("account-who", &[("email", &session.email)]) }
                    </p>
                </div>
            </div>
            <div class="form-grid">
                <article class="card form-card" aria-labelledby="account-name-title">
                    <FormCardHead icon={IconName::User} title_id="account-name-title" title={words.t("account-name-title")}
                        lead={words.t("account-name-lead")} />
                    <form class="form" novalidate=true onsubmit={name.onsubmit()}>
                        <TextField
                            id="account-name"
                            label={words.t("account-name-title")}
                            autocomplete="name"
                            value={name.display_name.clone()}
                            error={name.field_error(NameField)}
                            input_ref={name.node(NameField)}
                            oninput={name.edit(NameField)}
                        />
                        <div class="form-actions">
                            <SubmitButton id="account-name-save" label={words.t("account-name-save")}
                                busy_label={words.t("saving")} busy={name.meta.busy} />
                            if name.saved {
                                <SavedNote id="account-name-saved" text={words.t("saved")} />
                            }
                        </div>
                    </form>
                </article>
                <article class="card form-card" aria-labelledby="account-password-title">
                    <FormCardHead icon={IconName::Key} title_id="account-password-title" title={words.t("account-password-title")}
                        lead={words.t("account-password-lead")} />
                    <PasswordChangeForm
                        id_prefix="account-"
                        session={session.clone()}
                        current_label={words.t("account-password-current")}
                        submit_id="account-password-save"
                        submit_label={words.t("account-password-save")}
                        busy_label={words.t("changing")}
                        banner_id="account-password-error"
                        saved_id="account-password-saved"
                        {onchanged}
                    />
                </article>
                <WindowPreferencesCard />
            </div>
        </section>
    }
}
