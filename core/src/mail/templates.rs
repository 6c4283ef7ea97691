//! The mails, compiled into the app with askama: one typed context per mail, each with
//! a subject, a plain-text and an HTML template (`core/templates/mail/`) that share the
//! header and footer partials. A missing field or a typo in a template fails the build;
//! every value in the HTML part is escaped.
//!
//! The templates hold no words of their own: each sentence is a message of the mail's
//! language in `locales/` ([`Words`]), and the layout follows the language's direction.

use crate::catalogue;
use askama::Template;
use keydesk_api::{Branding, Language, SmtpSecurity};
use secrecy::{ExposeSecret, SecretString};
use std::cell::RefCell;
use zeroize::Zeroizing;

/// A mail ready to hand to the transport. The parts may hold a password or a code:
/// they are wiped from memory when dropped and never printed.
pub struct RenderedMail {
    pub subject: String,
    pub text: Zeroizing<String>,
    pub html: Zeroizing<String>,
    /// What it is written in (`Content-Language`).
    pub language: Language,
}

impl std::fmt::Debug for RenderedMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderedMail")
            .field("subject", &self.subject)
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// The sentences of one mail in one language, for its templates. A message the
/// catalogue lacks fails the render rather than leave a gap in a customer's inbox.
pub struct Words {
    language: Language,
    missing: RefCell<Option<String>>,
}

impl Words {
    fn new(language: Language) -> Self {
        Self {
            language,
            missing: RefCell::new(None),
        }
    }

    fn with(&self, id: &str, args: &[(&str, &str)]) -> String {
        catalogue::message(self.language, id, args).unwrap_or_else(|| {
            self.missing
                .borrow_mut()
                .get_or_insert_with(|| id.to_owned());
            String::new()
        })
    }

    fn t(&self, id: &str) -> String {
        self.with(id, &[])
    }

    fn t1(&self, id: &str, key: impl AsRef<str>, value: impl AsRef<str>) -> String {
        self.with(id, &[(key.as_ref(), value.as_ref())])
    }

    fn t2(
        &self,
        id: &str,
        key: impl AsRef<str>,
        value: impl AsRef<str>,
        key2: impl AsRef<str>,
        value2: impl AsRef<str>,
    ) -> String {
        let args = [
            (key.as_ref(), value.as_ref()),
            (key2.as_ref(), value2.as_ref()),
        ];
        self.with(id, &args)
    }

    /// A number as people of this language read it (Persian digits in Persian).
    fn number(&self, n: impl ToString) -> String {
        self.language.localize_digits(&n.to_string())
    }

    fn lang(&self) -> &'static str {
        self.language.as_str()
    }

    fn dir(&self) -> &'static str {
        self.language.dir()
    }

    fn rtl(&self) -> bool {
        self.language.is_rtl()
    }

    /// The side a line starts on.
    fn start(&self) -> &'static str {
        if self.rtl() {
            "right"
        } else {
            "left"
        }
    }

    fn check(&self) -> Result<(), askama::Error> {
        match self.missing.borrow().as_deref() {
            None => Ok(()),
            Some(id) => Err(askama::Error::Custom(
                format!(
                    "the {} catalogue has no message {id}",
                    self.language.as_str()
                )
                .into(),
            )),
        }
    }
}

/// A username and password, only ever in the two credentials mails.
pub struct Login<'a> {
    pub username: &'a str,
    pub password: &'a SecretString,
}

impl Login<'_> {
    fn password(&self) -> &str {
        self.password.expose_secret()
    }
}

/// Welcome, with or without the customer's login.
pub struct WelcomeMail<'a> {
    pub brand: &'a Branding,
    pub first_name: &'a str,
    /// The agency's personal words for this customer (free text, may span lines).
    pub message: &'a str,
    pub login: Option<Login<'a>>,
    /// `{portal}/verify-email?token=…`: opening it confirms the customer's email.
    pub verify_link: Option<&'a str>,
}

/// A new password after a reset.
pub struct CredentialsResetMail<'a> {
    pub brand: &'a Branding,
    pub first_name: &'a str,
    pub login: Login<'a>,
}

/// The code a customer reads back to confirm their email.
pub struct VerificationCodeMail<'a> {
    pub brand: &'a Branding,
    pub first_name: &'a str,
    pub code: &'a SecretString,
    pub valid_minutes: i64,
}

/// A test of the mail settings, to the staff member who asked for it.
pub struct TestMail<'a> {
    pub brand: &'a Branding,
    pub staff_name: &'a str,
    /// "smtp.example.com:587".
    pub server: &'a str,
    /// How the connection is protected, in the mail's words.
    pub security: SmtpSecurity,
}

/// Derives the three templates of a mail around its context, rendered together.
macro_rules! mail_templates {
    ($context:ident, $subject:literal, $text:literal, $html:literal) => {
        impl $context<'_> {
            /// The mail in `language`.
            pub fn render(&self, language: Language) -> Result<RenderedMail, askama::Error> {
                #[derive(Template)]
                #[template(path = $subject)]
                struct Subject<'m, 'c> {
                    m: &'m $context<'c>,
                    w: &'m Words,
                }
                #[derive(Template)]
                #[template(path = $text)]
                struct Text<'m, 'c> {
                    m: &'m $context<'c>,
                    w: &'m Words,
                }
                #[derive(Template)]
                #[template(path = $html)]
                struct Html<'m, 'c> {
                    m: &'m $context<'c>,
                    w: &'m Words,
                }
                let w = &Words::new(language);
                let rendered = RenderedMail {
                    subject: one_line(&Subject { m: self, w }.render()?),
                    text: Zeroizing::new(tidy_text(&Zeroizing::new(Text { m: self, w }.render()?))),
                    html: Zeroizing::new(Html { m: self, w }.render()?),
                    language,
                };
                w.check()?;
                Ok(rendered)
            }
        }
    };
}

mail_templates!(
    WelcomeMail,
    "mail/welcome.subject.txt",
    "mail/welcome.txt",
    "mail/welcome.html"
);
mail_templates!(
    CredentialsResetMail,
    "mail/credentials_reset.subject.txt",
    "mail/credentials_reset.txt",
    "mail/credentials_reset.html"
);
mail_templates!(
    VerificationCodeMail,
    "mail/verification_code.subject.txt",
    "mail/verification_code.txt",
    "mail/verification_code.html"
);
mail_templates!(
    TestMail,
    "mail/test.subject.txt",
    "mail/test.txt",
    "mail/test.html"
);

impl<'a> CredentialsResetMail<'a> {
    fn login(&self) -> &Login<'a> {
        &self.login
    }
}

impl VerificationCodeMail<'_> {
    fn code(&self) -> &str {
        self.code.expose_secret()
    }
}

/// A subject is one line, whatever the templates or the agency name hold.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Template blocks leave blank lines behind; keep at most one in a row, none at the
/// ends, and no trailing spaces.
fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = true;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
        } else {
            out.push_str(line);
            out.push('\n');
            blank = false;
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brand() -> Branding {
        Branding {
            agency_name: "Sunny <Travel>".to_owned(),
            logo_url: String::new(),
            accent_colour: "#ff8800".to_owned(),
            support_email: "help@sunny.example".to_owned(),
            portal_url: "https://portal.sunny.example/".to_owned(),
            footer_text: "Sunny Travel Ltd\n1 Beach Road".to_owned(),
        }
    }

    #[test]
    fn html_escapes_and_text_does_not() {
        let brand = brand();
        let mail = WelcomeMail {
            brand: &brand,
            first_name: "Ann",
            message: "Line one <script>alert(1)</script>\nLine two & more",
            login: None,
            verify_link: None,
        };
        let out = mail.render(Language::En).unwrap();
        assert_eq!(out.subject, "Welcome to Sunny <Travel>");
        assert!(
            out.html.contains("Sunny &#60;Travel&#62;")
                || out.html.contains("Sunny &lt;Travel&gt;")
        );
        assert!(!out.html.contains("<script>"));
        assert!(out.html.contains("#ff8800"));
        assert!(out.html.contains("https://portal.sunny.example/"));
        assert!(out
            .text
            .contains("Line one <script>alert(1)</script>\nLine two & more"));
        assert!(out.text.contains("Sunny Travel Ltd\n1 Beach Road"));
        assert!(!out.text.contains("Password"), "no login, no password line");
        assert!(!out.text.contains("\n\n\n"));
    }

    #[test]
    fn every_mail_renders_in_every_language_in_its_direction() {
        let brand = brand();
        let password = SecretString::from("Zq7-secret-Pw".to_owned());
        let code = SecretString::from("042917".to_owned());
        for language in Language::ALL {
            let login = || Login {
                username: "ann.lee",
                password: &password,
            };
            let mails = [
                WelcomeMail {
                    brand: &brand,
                    first_name: "Ann",
                    message: "",
                    login: Some(login()),
                    verify_link: Some("https://portal.sunny.example/verify-email?token=t"),
                }
                .render(language),
                CredentialsResetMail {
                    brand: &brand,
                    first_name: "Ann",
                    login: login(),
                }
                .render(language),
                VerificationCodeMail {
                    brand: &brand,
                    first_name: "Ann",
                    code: &code,
                    valid_minutes: 10,
                }
                .render(language),
                TestMail {
                    brand: &brand,
                    staff_name: "Ann",
                    server: "smtp.example.com:587",
                    security: SmtpSecurity::StartTls,
                }
                .render(language),
            ];
            for mail in mails {
                let mail = mail.unwrap_or_else(|e| panic!("{language:?}: {e}"));
                assert_eq!(mail.language, language);
                let html_tag = format!(
                    r#"<html lang="{}" dir="{}">"#,
                    language.as_str(),
                    language.dir()
                );
                assert!(
                    mail.html.contains(&html_tag),
                    "{language:?}: {}",
                    mail.subject
                );
                assert!(!mail.subject.is_empty() && !mail.text.trim().is_empty());
            }
        }
    }

    #[test]
    fn the_password_appears_only_in_the_credentials_mails() {
        let brand = brand();
        let password = SecretString::from("Zq7-secret-Pw".to_owned());
        let login = || Login {
            username: "ann.lee",
            password: &password,
        };
        let welcome = WelcomeMail {
            brand: &brand,
            first_name: "Ann",
            message: "Welcome!",
            login: Some(login()),
            verify_link: None,
        }
        .render(Language::En)
        .unwrap();
        let reset = CredentialsResetMail {
            brand: &brand,
            first_name: "Ann",
            login: login(),
        }
        .render(Language::En)
        .unwrap();
        for mail in [&welcome, &reset] {
            assert!(mail.text.contains("Zq7-secret-Pw"));
            assert!(mail.html.contains("Zq7-secret-Pw"));
            assert!(!mail.subject.contains("Zq7"));
            assert!(!format!("{mail:?}").contains("Zq7"));
        }
        let code = SecretString::from("042917".to_owned());
        let verify = VerificationCodeMail {
            brand: &brand,
            first_name: "Ann",
            code: &code,
            valid_minutes: 10,
        }
        .render(Language::En)
        .unwrap();
        assert!(verify.text.contains("042917") && verify.html.contains("042917"));
        assert!(!verify.subject.contains("042917"));
    }
}
