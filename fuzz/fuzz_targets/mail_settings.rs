//! Any SMTP settings form and any branding: never a panic; what is accepted keeps the
//! promises the mail code relies on (encryption off only for this computer, a #rrggbb
//! colour, web addresses of the allowed schemes) and, saved and opened again, is
//! accepted as the same settings.

#![no_main]

use arbitrary::Arbitrary;
use keydesk_api::{Branding, SmtpSecurity, SmtpSettingsForm};
use keydesk_core::mail::{is_local_host, ParsedBranding, SmtpConfig};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    host: String,
    port: u16,
    security: u8,
    username: String,
    from_name: String,
    from_address: String,
    reply_to: String,
    timeout_seconds: u32,
    personal_mails_per_hour: u32,
    agency_name: String,
    logo_url: String,
    accent_colour: String,
    support_email: String,
    portal_url: String,
    footer_text: String,
}

/// The form as the settings page fills it from saved settings.
fn form_of(config: &SmtpConfig) -> SmtpSettingsForm {
    SmtpSettingsForm {
        host: config.host.clone(),
        port: config.port,
        security: config.security,
        username: config.username.clone(),
        password: String::new(),
        clear_password: false,
        from_name: config.from_name.clone(),
        from_address: config.from_address.clone(),
        reply_to: config.reply_to.clone(),
        timeout_seconds: config.timeout_seconds,
        personal_mails_per_hour: config.personal_mails_per_hour,
    }
}

fn is_web_address(url: &str, schemes: &[&str]) -> bool {
    url.is_empty()
        || schemes
            .iter()
            .any(|scheme| url.starts_with(&format!("{scheme}://")))
}

fuzz_target!(|input: Input| {
    let form = SmtpSettingsForm {
        host: input.host,
        port: input.port,
        security: SmtpSecurity::ALL[usize::from(input.security) % SmtpSecurity::ALL.len()],
        username: input.username,
        password: String::new(),
        clear_password: false,
        from_name: input.from_name,
        from_address: input.from_address,
        reply_to: input.reply_to,
        timeout_seconds: input.timeout_seconds,
        personal_mails_per_hour: input.personal_mails_per_hour,
    };
    if let Ok(config) = SmtpConfig::parse(&form) {
        assert!(config.security != SmtpSecurity::None || is_local_host(&config.host));
        assert!(config.port != 0 && !config.host.is_empty());
        let again = SmtpConfig::parse(&form_of(&config))
            .unwrap_or_else(|e| panic!("{config:?} was accepted, then refused: {e}"));
        assert_eq!(again, config);
        assert!(again.same_account(&config));
    }

    let branding = Branding {
        agency_name: input.agency_name,
        logo_url: input.logo_url,
        accent_colour: input.accent_colour,
        support_email: input.support_email,
        portal_url: input.portal_url,
        footer_text: input.footer_text,
    };
    if let Ok(parsed) = ParsedBranding::parse(&branding) {
        let saved = parsed.get();
        assert!(!saved.agency_name.is_empty());
        let colour = &saved.accent_colour;
        assert!(
            colour.len() == 7
                && colour.starts_with('#')
                && colour[1..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)),
            "{colour:?}"
        );
        assert!(is_web_address(&saved.logo_url, &["https"]), "{saved:?}");
        assert!(
            is_web_address(&saved.portal_url, &["https", "http"]),
            "{saved:?}"
        );
        let again = ParsedBranding::parse(saved)
            .unwrap_or_else(|e| panic!("{saved:?} was accepted, then refused: {e}"));
        assert_eq!(&again, &parsed);
    }
});
