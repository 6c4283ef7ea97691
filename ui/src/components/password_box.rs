use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasswordBoxProps {
    pub id: AttrValue,
    pub copy_id: AttrValue,
    pub label: AttrValue,
    pub password: AttrValue,
    /// Shows "Copied" next to the password.
    pub copied: bool,
    #[prop_or_default]
    pub copied_id: Option<AttrValue>,
    #[prop_or_default]
    pub copying: bool,
    pub oncopy: Callback<MouseEvent>,
}

/// A password shown once, with a Copy button and a "Copied" status.
#[component]
pub fn PasswordBox(props: &PasswordBoxProps) -> Html {
    let words = use_words();
    let copying = props.copying;
    html! {
        <div class="temp-password-box">
            <code id={props.id.clone()} class="temp-password" aria-label={props.label.clone()}>
                { props.password.clone() }
            </code>
            <span class="temp-password-status" aria-live="polite">
                if props.copied {
                    <span id={props.copied_id.clone()} class="text-ok" role="status">
                        <Icon name={IconName::CheckCircle} size={16} />
                        <span>{ words.t("logins-copied") }</span>
                    </span>
                }
            </span>
            <button type="button" id={props.copy_id.clone()} class="btn btn-secondary"
                data-autofocus="true" disabled={copying}
                aria-busy={copying.then_some("true")} onclick={props.oncopy.clone()}>
                <Icon name={IconName::Copy} size={16} />
                { words.t("logins-copy") }
            </button>
        </div>
    }
}
