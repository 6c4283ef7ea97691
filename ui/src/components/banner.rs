use crate::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub id: AttrValue,
    pub message: AttrValue,
    #[prop_or(Tone::Danger)]
    pub tone: Tone,
    /// Shows a close button; the form around the banner also closes it on Esc.
    #[prop_or_default]
    pub ondismiss: Option<Callback<()>>,
}

/// A message about the whole form or page, announced as soon as it appears.
#[component]
pub fn Banner(props: &BannerProps) -> Html {
    let words = use_words();
    let (role, icon) = match props.tone {
        Tone::Danger | Tone::Warning => ("alert", IconName::Alert),
        Tone::Success => ("status", IconName::CheckCircle),
        Tone::Neutral | Tone::Accent => ("status", IconName::Info),
    };
    let close = props.ondismiss.clone().map(|ondismiss| {
        let onclick = Callback::from(move |_: MouseEvent| ondismiss.emit(()));
        html! {
            <button type="button" class="banner-close" aria-label={words.t("dismiss")}
                title={words.t("dismiss-esc")} {onclick}>
                <Icon name={IconName::Close} size={16} />
            </button>
        }
    });
    html! {
        <div class={classes!("banner", format!("banner-{}", props.tone.class()))}>
            <Icon name={icon} />
            <p id={props.id.clone()} class="banner-text" {role}>{ props.message.clone() }</p>
            { close }
        </div>
    }
}
