//! Icons drawn inline as SVG, so the window needs no font or image files.

use crate::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IconName {
    Dashboard,
    Customers,
    Outbox,
    Staff,
    Audit,
    Settings,
    Search,
    SignOut,
    Eye,
    EyeOff,
    Alert,
    CheckCircle,
    XCircle,
    Key,
    Lock,
    Refresh,
    Close,
    Info,
    User,
    UserPlus,
    Copy,
    Download,
    Upload,
}

#[derive(Properties, PartialEq)]
pub struct IconProps {
    pub name: IconName,
    #[prop_or(18)]
    pub size: u32,
}

/// A 24×24 stroke icon in the current text colour; hidden from screen readers, so the
/// control next to it must carry the words.
#[component]
pub fn Icon(props: &IconProps) -> Html {
    let size = props.size.to_string();
    html! {
        <svg class="icon" width={size.clone()} height={size} viewBox="0 0 24 24" fill="none"
            stroke="currentColor" stroke-width="1.75" stroke-linecap="round"
            stroke-linejoin="round" aria-hidden="true" focusable="false">
            { shape(props.name) }
        </svg>
    }
}

fn shape(name: IconName) -> Html {
    match name {
        IconName::Dashboard => html! { <>
            <rect x="3.5" y="3.5" width="7" height="8.5" rx="1.5" />
            <rect x="13.5" y="3.5" width="7" height="5" rx="1.5" />
            <rect x="13.5" y="11.5" width="7" height="9" rx="1.5" />
            <rect x="3.5" y="15" width="7" height="5.5" rx="1.5" />
        </> },
        IconName::Customers => html! { <>
            <circle cx="9" cy="8" r="3.5" />
            <path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6" />
            <path d="M15.5 4.7a3.5 3.5 0 0 1 0 6.6" />
            <path d="M18 14.4c2.1.8 3.5 2.8 3.5 5.6" />
        </> },
        IconName::Outbox => html! { <>
            <rect x="3" y="5" width="18" height="14" rx="2" />
            <path d="m3.5 6.5 8.5 6.5 8.5-6.5" />
        </> },
        IconName::Staff => html! { <>
            <rect x="4" y="3" width="16" height="18" rx="2" />
            <circle cx="12" cy="10" r="3" />
            <path d="M8 17.5c.7-1.8 2.2-2.8 4-2.8s3.3 1 4 2.8" />
        </> },
        IconName::Audit => html! { <>
            <path d="M12 3 4.5 6v5.5c0 4.5 3.2 8.3 7.5 9.5 4.3-1.2 7.5-5 7.5-9.5V6Z" />
            <path d="m9 12 2 2 4-4" />
        </> },
        IconName::Settings => html! { <>
            <path d="M4 6h10M4 12h4M12 12h8M4 18h12" />
            <path d="M20 6h-2" />
            <circle cx="16" cy="6" r="2" />
            <circle cx="10" cy="12" r="2" />
            <circle cx="18" cy="18" r="2" />
        </> },
        IconName::Search => html! { <>
            <circle cx="11" cy="11" r="6.5" />
            <path d="m20 20-4.2-4.2" />
        </> },
        IconName::SignOut => html! { <>
            <path d="M9 20H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h3" />
            <path d="m16 16 4-4-4-4" />
            <path d="M20 12H9" />
        </> },
        IconName::Eye => html! { <>
            <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12Z" />
            <circle cx="12" cy="12" r="3" />
        </> },
        IconName::EyeOff => html! { <>
            <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12Z" />
            <circle cx="12" cy="12" r="3" />
            <path d="M4 4l16 16" />
        </> },
        IconName::Alert => html! { <>
            <path d="M10.3 4.2 2.6 17.5a2 2 0 0 0 1.7 3h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0Z" />
            <path d="M12 9.5v4" />
            <path d="M12 17h.01" />
        </> },
        IconName::CheckCircle => html! { <>
            <circle cx="12" cy="12" r="9" />
            <path d="m8 12.5 2.7 2.7L16 9.8" />
        </> },
        IconName::XCircle => html! { <>
            <circle cx="12" cy="12" r="9" />
            <path d="m9 9 6 6M15 9l-6 6" />
        </> },
        IconName::Key => html! { <>
            <circle cx="8" cy="15" r="4" />
            <path d="m10.8 12.2 8.7-8.7" />
            <path d="m16.5 6.5 2.5 2.5" />
            <path d="m14 9 2 2" />
        </> },
        IconName::Lock => html! { <>
            <rect x="4.5" y="10.5" width="15" height="10" rx="2" />
            <path d="M8 10.5V7a4 4 0 0 1 8 0v3.5" />
        </> },
        IconName::Refresh => html! { <>
            <path d="M20 11a8 8 0 0 0-14.3-4.9L4 8" />
            <path d="M4 4v4h4" />
            <path d="M4 13a8 8 0 0 0 14.3 4.9L20 16" />
            <path d="M20 20v-4h-4" />
        </> },
        IconName::Close => html! { <path d="M6 6l12 12M18 6 6 18" /> },
        IconName::Info => html! { <>
            <circle cx="12" cy="12" r="9" />
            <path d="M12 11v5" />
            <path d="M12 8h.01" />
        </> },
        IconName::User => html! { <>
            <circle cx="12" cy="8" r="4" />
            <path d="M4.5 20.5c.9-3.9 3.9-6 7.5-6s6.6 2.1 7.5 6" />
        </> },
        IconName::UserPlus => html! { <>
            <circle cx="10" cy="8" r="4" />
            <path d="M3 20.5c.8-3.9 3.6-6 7-6 1.6 0 3 .4 4.2 1.3" />
            <path d="M18.5 14v6M15.5 17h6" />
        </> },
        IconName::Copy => html! { <>
            <rect x="8.5" y="8.5" width="12" height="12" rx="2" />
            <path d="M15.5 8.5V5.5a2 2 0 0 0-2-2h-8a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h3" />
        </> },
        IconName::Download => html! { <>
            <path d="M12 3.5v11" />
            <path d="m7.5 10 4.5 4.5 4.5-4.5" />
            <path d="M4 16.5v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
        </> },
        IconName::Upload => html! { <>
            <path d="M12 15V4" />
            <path d="m7.5 8.5 4.5-4.5 4.5 4.5" />
            <path d="M4 16.5v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
        </> },
    }
}

#[derive(Properties, PartialEq)]
pub struct LogoMarkProps {
    #[prop_or(32)]
    pub size: u32,
}

/// Keydesk's mark: a keyhole on an accent tile.
#[component]
pub fn LogoMark(props: &LogoMarkProps) -> Html {
    let size = props.size.to_string();
    html! {
        <svg class="logo-mark" width={size.clone()} height={size} viewBox="0 0 32 32"
            aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" class="logo-tile" />
            <circle cx="16" cy="13" r="4.5" class="logo-hole" />
            <path d="M13.9 15.5h4.2l1.3 8.5h-6.8Z" class="logo-hole" />
        </svg>
    }
}
