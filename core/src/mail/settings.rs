//! The SMTP server and the branding, parsed from the forms: valid by construction.

use crate::domain::{CustomerEmail, FieldError, FreeText};
use crate::said::Said;
use keydesk_api::{Branding, SmtpSecurity, SmtpSettingsForm, DEFAULT_PERSONAL_MAILS_PER_HOUR};
use serde::{Deserialize, Serialize};

/// Seconds an SMTP conversation may stall before it is given up.
pub const TIMEOUT_SECONDS: std::ops::RangeInclusive<u32> = 5..=120;
/// Mails with a personal message one staff member may queue in an hour.
pub const PERSONAL_MAILS_PER_HOUR: std::ops::RangeInclusive<u32> = 1..=500;

fn default_personal_mails_per_hour() -> u32 {
    DEFAULT_PERSONAL_MAILS_PER_HOUR
}

/// The SMTP settings as stored (JSON in `settings`): everything but the password,
/// which lives in the OS keyring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: String,
    pub from_name: String,
    pub from_address: String,
    pub reply_to: String,
    pub timeout_seconds: u32,
    /// Settings saved before the limit existed read as the default.
    #[serde(default = "default_personal_mails_per_hour")]
    pub personal_mails_per_hour: u32,
}

/// True for the names of this computer, the only hosts allowed without encryption.
pub fn is_local_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host == "127.0.0.1" || host == "::1"
}

impl SmtpConfig {
    /// Parses the form (the password is handled by the caller).
    pub fn parse(form: &SmtpSettingsForm) -> Result<Self, FieldError> {
        let host = form.host.trim().trim_end_matches('.').to_ascii_lowercase();
        if host.is_empty() {
            return Err(FieldError::new("host", Said::id("error-mail-host-empty")));
        }
        let bare = host.trim_start_matches('[').trim_end_matches(']');
        let ip = bare.parse::<std::net::IpAddr>().is_ok();
        let name_ok = bare.len() <= 253
            && bare.split('.').all(|label| {
                (1..=63).contains(&label.len())
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            });
        if !ip && !name_ok {
            return Err(FieldError::new("host", Said::id("error-mail-host-invalid")));
        }
        if form.port == 0 {
            return Err(FieldError::new("port", Said::id("error-mail-port-empty")));
        }
        if form.security == SmtpSecurity::None && !is_local_host(&host) {
            return Err(FieldError::new(
                "security",
                Said::id("error-mail-unencrypted"),
            ));
        }
        let username = form.username.trim();
        if username.chars().any(char::is_control) || username.chars().count() > 256 {
            return Err(FieldError::new(
                "username",
                Said::id("error-mail-username-invalid"),
            ));
        }
        let from_name = FreeText::parse("from_name", &form.from_name, 100)?;
        let from_address = CustomerEmail::parse("from_address", &form.from_address)?;
        let reply_to = match form.reply_to.trim() {
            "" => String::new(),
            raw => CustomerEmail::parse("reply_to", raw)?.as_ref().to_owned(),
        };
        if !TIMEOUT_SECONDS.contains(&form.timeout_seconds) {
            return Err(FieldError::new(
                "timeout_seconds",
                Said::with(
                    "error-mail-timeout-range",
                    &[
                        ("min", i64::from(*TIMEOUT_SECONDS.start())),
                        ("max", i64::from(*TIMEOUT_SECONDS.end())),
                    ],
                ),
            ));
        }
        if !PERSONAL_MAILS_PER_HOUR.contains(&form.personal_mails_per_hour) {
            return Err(FieldError::new(
                "personal_mails_per_hour",
                Said::with(
                    "error-mail-personal-mails-range",
                    &[
                        ("min", i64::from(*PERSONAL_MAILS_PER_HOUR.start())),
                        ("max", i64::from(*PERSONAL_MAILS_PER_HOUR.end())),
                    ],
                ),
            ));
        }
        Ok(Self {
            host,
            port: form.port,
            security: form.security,
            username: username.to_owned(),
            from_name: from_name.as_ref().to_owned(),
            from_address: from_address.as_ref().to_owned(),
            reply_to,
            timeout_seconds: form.timeout_seconds,
            personal_mails_per_hour: form.personal_mails_per_hour,
        })
    }

    /// Whether `other` signs in to the same account on the same server: same host,
    /// port, security and username. The stored password belongs to that account and is
    /// never offered to any other (a changed host would otherwise receive it).
    pub fn same_account(&self, other: &SmtpConfig) -> bool {
        (&self.host, self.port, self.security, &self.username)
            == (&other.host, other.port, other.security, &other.username)
    }

    /// "smtp.example.com:587 with STARTTLS", for messages and the audit log.
    pub fn describe(&self) -> String {
        let how = match self.security {
            SmtpSecurity::StartTls => "with STARTTLS",
            SmtpSecurity::ImplicitTls => "with TLS",
            SmtpSecurity::None => "without encryption",
        };
        format!("{}:{} {how}", self.host, self.port)
    }

    /// "smtp.example.com:587".
    pub fn address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The domain of the sender address, for Message-IDs.
    pub fn from_domain(&self) -> Option<&str> {
        self.from_address.rsplit_once('@').map(|(_, domain)| domain)
    }
}

/// The branding, parsed: a name to show, a safe colour, and addresses that are what
/// they claim to be (so the templates can put them in attributes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBranding(Branding);

impl ParsedBranding {
    pub fn parse(raw: &Branding) -> Result<Self, FieldError> {
        let agency_name = FreeText::parse("agency_name", &raw.agency_name, 100)?;
        if agency_name.as_ref().is_empty() {
            return Err(FieldError::new(
                "agency_name",
                Said::id("error-mail-agency-name-empty"),
            ));
        }
        let accent = raw.accent_colour.trim().to_ascii_lowercase();
        let colour_ok = accent.len() == 7
            && accent.starts_with('#')
            && accent[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !colour_ok {
            return Err(FieldError::new(
                "accent_colour",
                Said::id("error-mail-accent-colour"),
            ));
        }
        let logo_url = parse_url("logo_url", &raw.logo_url, false)?;
        let portal_url = parse_url("portal_url", &raw.portal_url, true)?;
        let support_email = match raw.support_email.trim() {
            "" => String::new(),
            email => CustomerEmail::parse("support_email", email)?
                .as_ref()
                .to_owned(),
        };
        let footer_text = FreeText::parse("footer_text", &raw.footer_text, 1000)?;
        Ok(Self(Branding {
            agency_name: agency_name.as_ref().to_owned(),
            logo_url,
            accent_colour: accent,
            support_email,
            portal_url,
            footer_text: footer_text.as_ref().to_owned(),
        }))
    }

    pub fn get(&self) -> &Branding {
        &self.0
    }

    pub fn into_inner(self) -> Branding {
        self.0
    }
}

/// The branding until someone saves their own.
pub fn default_branding() -> Branding {
    Branding {
        agency_name: "Your agency".to_owned(),
        logo_url: String::new(),
        accent_colour: "#2563eb".to_owned(),
        support_email: String::new(),
        portal_url: String::new(),
        footer_text: String::new(),
    }
}

/// An absolute `https://` address (or `http://` when `allow_http`), or empty.
fn parse_url(field: &'static str, raw: &str, allow_http: bool) -> Result<String, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(String::new());
    }
    let refused = || {
        FieldError::new(
            field,
            if allow_http {
                Said::id("error-mail-portal-url")
            } else {
                Said::id("error-mail-logo-url")
            },
        )
    };
    let url = url::Url::parse(raw).map_err(|_| refused())?;
    let scheme_ok = url.scheme() == "https" || (allow_http && url.scheme() == "http");
    if !scheme_ok || url.host_str().is_none_or(str::is_empty) || raw.len() > 2000 {
        return Err(refused());
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SmtpSettingsForm {
        SmtpSettingsForm {
            host: "SMTP.Example.com".to_owned(),
            port: 587,
            security: SmtpSecurity::StartTls,
            username: "agency".to_owned(),
            password: String::new(),
            clear_password: false,
            from_name: "Sunny Travel".to_owned(),
            from_address: "Hello@Sunny.example".to_owned(),
            reply_to: String::new(),
            timeout_seconds: 30,
            personal_mails_per_hour: 20,
        }
    }

    #[test]
    fn a_good_form_parses_and_unencrypted_is_local_only() {
        let config = SmtpConfig::parse(&form()).unwrap();
        assert_eq!(config.host, "smtp.example.com");
        assert_eq!(config.from_address, "hello@sunny.example");
        assert_eq!(config.from_domain(), Some("sunny.example"));
        for (host, ok) in [
            ("localhost", true),
            ("127.0.0.1", true),
            ("::1", true),
            ("[::1]", true),
            ("mail.example.com", false),
            ("10.0.0.5", false),
        ] {
            let none = SmtpSettingsForm {
                host: host.to_owned(),
                security: SmtpSecurity::None,
                ..form()
            };
            match SmtpConfig::parse(&none) {
                Ok(_) => assert!(ok, "{host}"),
                Err(e) => {
                    assert!(!ok, "{host}");
                    assert_eq!(e.field, "security");
                }
            }
        }
    }

    #[test]
    fn bad_fields_are_named() {
        type Change = fn(&mut SmtpSettingsForm);
        let cases: [(Change, &str); 9] = [
            (|f| f.personal_mails_per_hour = 0, "personal_mails_per_hour"),
            (
                |f| f.personal_mails_per_hour = 501,
                "personal_mails_per_hour",
            ),
            (|f| f.host = " ".into(), "host"),
            (|f| f.host = "smtp example.com".into(), "host"),
            (|f| f.port = 0, "port"),
            (|f| f.from_address = "nope".into(), "from_address"),
            (|f| f.reply_to = "x@".into(), "reply_to"),
            (|f| f.timeout_seconds = 1, "timeout_seconds"),
            (|f| f.from_name = "a\u{7}b".into(), "from_name"),
        ];
        for (change, field) in cases {
            let mut f = form();
            change(&mut f);
            assert_eq!(SmtpConfig::parse(&f).unwrap_err().field, field);
        }
    }

    #[test]
    fn the_account_is_the_server_and_the_username() {
        let saved = SmtpConfig::parse(&form()).unwrap();
        assert!(saved.same_account(&SmtpConfig::parse(&form()).unwrap()));
        let mut timeout = form();
        timeout.timeout_seconds = 60;
        timeout.from_name = "Other".to_owned();
        assert!(saved.same_account(&SmtpConfig::parse(&timeout).unwrap()));
        type Change = fn(&mut SmtpSettingsForm);
        let changes: [Change; 4] = [
            |f| f.host = "smtp.attacker.example".into(),
            |f| f.port = 2525,
            |f| f.security = SmtpSecurity::ImplicitTls,
            |f| f.username = "someone-else".into(),
        ];
        for change in changes {
            let mut other = form();
            change(&mut other);
            assert!(
                !saved.same_account(&SmtpConfig::parse(&other).unwrap()),
                "{other:?}"
            );
        }
    }

    #[test]
    fn branding_is_checked_field_by_field() {
        let good = Branding {
            agency_name: " Sunny  Travel ".to_owned(),
            logo_url: "https://sunny.example/logo.png".to_owned(),
            accent_colour: "#FF8800".to_owned(),
            support_email: "help@sunny.example".to_owned(),
            portal_url: "https://portal.sunny.example/".to_owned(),
            footer_text: "Sunny Travel Ltd\n1 Beach Road".to_owned(),
        };
        let parsed = ParsedBranding::parse(&good).unwrap().into_inner();
        assert_eq!(parsed.agency_name, "Sunny Travel");
        assert_eq!(parsed.accent_colour, "#ff8800");
        for (bad, field) in [
            (
                Branding {
                    accent_colour: "red".into(),
                    ..good.clone()
                },
                "accent_colour",
            ),
            (
                Branding {
                    accent_colour: "#12345g".into(),
                    ..good.clone()
                },
                "accent_colour",
            ),
            (
                Branding {
                    logo_url: "http://sunny.example/logo.png".into(),
                    ..good.clone()
                },
                "logo_url",
            ),
            (
                Branding {
                    portal_url: "javascript:alert(1)".into(),
                    ..good.clone()
                },
                "portal_url",
            ),
            (
                Branding {
                    agency_name: "".into(),
                    ..good.clone()
                },
                "agency_name",
            ),
            (
                Branding {
                    support_email: "help".into(),
                    ..good.clone()
                },
                "support_email",
            ),
        ] {
            assert_eq!(ParsedBranding::parse(&bad).unwrap_err().field, field);
        }
    }
}
