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
    Globe,
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
        <svg class={classes!("icon", directional(props.name).then_some("icon-directional"))} width={size.clone()} height={size} viewBox="0 0 24 24" fill="none"
            stroke="currentColor" stroke-width="1.75" stroke-linecap="round"
            stroke-linejoin="round" aria-hidden="true" focusable="false">
            <path d={shape(props.name)} />
        </svg>
    }
}

/// Whether the icon points a way (out, forward), and so is mirrored in right-to-left text.
fn directional(name: IconName) -> bool {
    matches!(name, IconName::SignOut)
}

/// Each icon's outline as one SVG path; every stroke starts with an absolute `M`.
fn shape(name: IconName) -> &'static str {
    match name {
        IconName::Dashboard => "M5 3.5h4a1.5 1.5 0 0 1 1.5 1.5v5.5a1.5 1.5 0 0 1 -1.5 1.5h-4a1.5 1.5 0 0 1 -1.5 -1.5v-5.5a1.5 1.5 0 0 1 1.5 -1.5ZM15 3.5h4a1.5 1.5 0 0 1 1.5 1.5v2a1.5 1.5 0 0 1 -1.5 1.5h-4a1.5 1.5 0 0 1 -1.5 -1.5v-2a1.5 1.5 0 0 1 1.5 -1.5ZM15 11.5h4a1.5 1.5 0 0 1 1.5 1.5v6a1.5 1.5 0 0 1 -1.5 1.5h-4a1.5 1.5 0 0 1 -1.5 -1.5v-6a1.5 1.5 0 0 1 1.5 -1.5ZM5 15h4a1.5 1.5 0 0 1 1.5 1.5v2.5a1.5 1.5 0 0 1 -1.5 1.5h-4a1.5 1.5 0 0 1 -1.5 -1.5v-2.5a1.5 1.5 0 0 1 1.5 -1.5Z",
        IconName::Customers => "M5.5 8a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6M15.5 4.7a3.5 3.5 0 0 1 0 6.6M18 14.4c2.1.8 3.5 2.8 3.5 5.6",
        IconName::Outbox => "M5 5h14a2 2 0 0 1 2 2v10a2 2 0 0 1 -2 2h-14a2 2 0 0 1 -2 -2v-10a2 2 0 0 1 2 -2ZM3.5 6.5l8.5 6.5 8.5-6.5",
        IconName::Staff => "M6 3h12a2 2 0 0 1 2 2v14a2 2 0 0 1 -2 2h-12a2 2 0 0 1 -2 -2v-14a2 2 0 0 1 2 -2ZM9 10a3 3 0 1 0 6 0a3 3 0 1 0 -6 0M8 17.5c.7-1.8 2.2-2.8 4-2.8s3.3 1 4 2.8",
        IconName::Audit => "M12 3 4.5 6v5.5c0 4.5 3.2 8.3 7.5 9.5 4.3-1.2 7.5-5 7.5-9.5V6ZM9 12l2 2 4-4",
        IconName::Settings => "M4 6h10M4 12h4M12 12h8M4 18h12M20 6h-2M14 6a2 2 0 1 0 4 0a2 2 0 1 0 -4 0M8 12a2 2 0 1 0 4 0a2 2 0 1 0 -4 0M16 18a2 2 0 1 0 4 0a2 2 0 1 0 -4 0",
        IconName::Globe => "M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0M3.6 9h16.8M3.6 15h16.8M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18",
        IconName::Search => "M4.5 11a6.5 6.5 0 1 0 13 0a6.5 6.5 0 1 0 -13 0M20 20l-4.2-4.2",
        IconName::SignOut => "M9 20H6a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h3M16 16l4-4-4-4M20 12H9",
        IconName::Eye => "M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12ZM9 12a3 3 0 1 0 6 0a3 3 0 1 0 -6 0",
        IconName::EyeOff => "M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12ZM9 12a3 3 0 1 0 6 0a3 3 0 1 0 -6 0M4 4l16 16",
        IconName::Alert => "M10.3 4.2 2.6 17.5a2 2 0 0 0 1.7 3h15.4a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0ZM12 9.5v4M12 17h.01",
        IconName::CheckCircle => "M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0M8 12.5l2.7 2.7L16 9.8",
        IconName::XCircle => "M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0M9 9l6 6M15 9l-6 6",
        IconName::Key => "M4 15a4 4 0 1 0 8 0a4 4 0 1 0 -8 0M10.8 12.2l8.7-8.7M16.5 6.5l2.5 2.5M14 9l2 2",
        IconName::Lock => "M6.5 10.5h11a2 2 0 0 1 2 2v6a2 2 0 0 1 -2 2h-11a2 2 0 0 1 -2 -2v-6a2 2 0 0 1 2 -2ZM8 10.5V7a4 4 0 0 1 8 0v3.5",
        IconName::Refresh => "M20 11a8 8 0 0 0-14.3-4.9L4 8M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16M20 20v-4h-4",
        IconName::Close => "M6 6l12 12M18 6 6 18",
        IconName::Info => "M3 12a9 9 0 1 0 18 0a9 9 0 1 0 -18 0M12 11v5M12 8h.01",
        IconName::User => "M8 8a4 4 0 1 0 8 0a4 4 0 1 0 -8 0M4.5 20.5c.9-3.9 3.9-6 7.5-6s6.6 2.1 7.5 6",
        IconName::UserPlus => "M6 8a4 4 0 1 0 8 0a4 4 0 1 0 -8 0M3 20.5c.8-3.9 3.6-6 7-6 1.6 0 3 .4 4.2 1.3M18.5 14v6M15.5 17h6",
        IconName::Copy => "M10.5 8.5h8a2 2 0 0 1 2 2v8a2 2 0 0 1 -2 2h-8a2 2 0 0 1 -2 -2v-8a2 2 0 0 1 2 -2ZM15.5 8.5V5.5a2 2 0 0 0-2-2h-8a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h3",
        IconName::Download => "M12 3.5v11M7.5 10l4.5 4.5 4.5-4.5M4 16.5v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2",
        IconName::Upload => "M12 15V4M7.5 8.5l4.5-4.5 4.5 4.5M4 16.5v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2",
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
