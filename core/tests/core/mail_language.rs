//! Mails in each customer's language, against a real SMTP server: a customer whose
//! language is Persian gets Persian mails, right to left, that an independent parser
//! (Python's `email` package) reads without a defect, with the password and the code
//! where a person looks for them; a customer in a language Keydesk does not speak gets
//! the language of mails set in Settings → General.

use crate::helpers::{customer_form, TestApp};
use crate::mail::{branding, WAIT};
use crate::smtp::SmtpSink;
use keydesk_api::{GeneralSettings, Language};
use keydesk_core::auth::Actor;
use keydesk_core::domain::CustomerId;
use keydesk_core::mail::VERIFICATION_CODE_MINUTES;
use mail_parser::{HeaderValue, Message, MessageParser, MimeHeaders};

/// The defects Python's `email` package finds in each of `raw`'s parts.
fn defects(raw: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mail.eml");
    std::fs::write(&file, raw).unwrap();
    let script = "import email, sys\n\
        from email import policy\n\
        m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)\n\
        print([repr(d) for p in m.walk() for d in p.defects])\n";
    let out = std::process::Command::new(crate::smtp::python())
        .args(["-c", script])
        .arg(&file)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// A `Content-Language` header's languages.
fn languages(header: &HeaderValue<'_>) -> Option<String> {
    header.as_text_list().map(|list| list.join(","))
}

/// The mail that went to `address`, parsed.
fn to<'r>(mails: &'r [Vec<u8>], address: &str) -> (Message<'r>, &'r [u8]) {
    let raw = mails
        .iter()
        .find(|raw| {
            let mail = MessageParser::default().parse(raw.as_slice()).unwrap();
            mail.to().and_then(|t| t.first()).and_then(|a| a.address()) == Some(address)
        })
        .unwrap_or_else(|| panic!("no mail to {address}"));
    (MessageParser::default().parse(raw.as_slice()).unwrap(), raw)
}

/// The value on the line after `label` in a right-to-left text part.
fn value_after(text: &str, label: &str) -> String {
    let mut lines = text.lines().map(str::trim);
    lines
        .by_ref()
        .find(|line| *line == label)
        .unwrap_or_else(|| panic!("no {label} in {text}"));
    lines.next().expect("a value under its label").to_owned()
}

async fn customer(app: &TestApp, actor: &Actor, email: &str, language: &str) -> CustomerId {
    let mut form = customer_form(email, "Dariush", "Karimi");
    form.preferred_language = language.to_owned();
    CustomerId(app.add_customer(actor, form).await.id)
}

#[tokio::test]
async fn a_persian_customer_gets_persian_mails_right_to_left_with_the_password_and_code_in_place() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    k.save_branding(&owner, &branding()).await.unwrap();
    let mut form = customer_form("dariush@example.com", "Dariush", "Karimi");
    form.preferred_language = "fa-IR".to_owned();
    let login = app.add_customer_with_login(&owner, form).await;
    k.send_handoff_by_mail(&owner, login.handoff_id, "")
        .await
        .unwrap();
    k.send_verification_code(&owner, login.customer_id)
        .await
        .unwrap();
    let ann = customer(&app, &owner, "ann@example.com", "en-GB").await;
    k.send_welcome_mail(&owner, ann, "").await.unwrap();
    assert_eq!(k.send_due_mail().await.unwrap().sent, 3);
    let raw = sink.wait_for(3, WAIT);
    for mail in &raw {
        assert_eq!(defects(mail), "[]", "no defect in any part");
    }
    let persian: Vec<Vec<u8>> = raw
        .iter()
        .filter(|r| String::from_utf8_lossy(r).contains("Content-Language: fa"))
        .cloned()
        .collect();
    assert_eq!(persian.len(), 2, "both of Dariush's mails are in Persian");

    // The welcome with his login: Persian, right to left, the password where it belongs.
    let welcome = persian
        .iter()
        .map(|r| MessageParser::default().parse(r.as_slice()).unwrap())
        .find(|m| m.subject().unwrap_or("").contains("خوش آمدید"))
        .expect("the Persian welcome");
    assert_eq!(languages(welcome.content_language()).as_deref(), Some("fa"));
    assert!(welcome
        .subject()
        .unwrap()
        .contains("\u{2068}Sunny Travel\u{2069}"));
    for part in welcome.text_bodies().chain(welcome.html_bodies()) {
        assert_eq!(
            languages(part.content_language()).as_deref(),
            Some("fa"),
            "each part says fa"
        );
    }
    let html = welcome.body_html(0).unwrap();
    assert!(html.contains(r#"<html lang="fa" dir="rtl">"#), "{html}");
    let text = welcome.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        text.contains("سلام \u{2068}Dariush\u{2069}،"),
        "the Latin name isolated: {text}"
    );
    let password = value_after(&text, "گذرواژه:");
    assert!(
        app.password_works(login.customer_id, &password).await,
        "the password under its Persian label is the login's"
    );
    assert_eq!(value_after(&text, "نام کاربری:"), "dariush@example.com");
    assert_eq!(
        html.matches(r#"<td dir="ltr""#).count(),
        2,
        "the username and password read left to right inside the Persian table"
    );

    // The code: digits as typed, the minutes in Persian digits, and it checks.
    let code_mail = persian
        .iter()
        .map(|r| MessageParser::default().parse(r.as_slice()).unwrap())
        .find(|m| m.subject().unwrap_or("").contains("کد تأیید"))
        .expect("the Persian verification code mail");
    let text = code_mail.body_text(0).unwrap().replace("\r\n", "\n");
    let code = text
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.chars().all(|c| c.is_ascii_digit()))
        .expect("the code on a line of its own")
        .to_owned();
    let minutes = Language::Fa.localize_digits(&VERIFICATION_CODE_MINUTES.to_string());
    assert!(
        text.contains(&format!("\u{2068}{minutes}\u{2069} دقیقه")),
        "{text}"
    );
    assert!(code_mail.body_html(0).unwrap().contains(r#"dir="rtl""#));
    k.check_verification_code(&owner, login.customer_id, &code)
        .await
        .expect("the code in the Persian mail checks");

    // Ann's is English, left to right.
    let (english, _) = to(&raw, "ann@example.com");
    assert_eq!(english.subject(), Some("Welcome to Sunny Travel"));
    assert_eq!(languages(english.content_language()).as_deref(), Some("en"));
    assert!(english
        .body_html(0)
        .unwrap()
        .contains(r#"<html lang="en" dir="ltr">"#));
}

#[tokio::test]
async fn a_customer_in_a_language_keydesk_does_not_speak_gets_the_agencys_language_of_mails() {
    let (app, owner) = TestApp::with_owner().await;
    let k = &app.keydesk;
    let sink = SmtpSink::serving(k, &owner).await;
    k.save_branding(&owner, &branding()).await.unwrap();
    let settings = k.settings(&owner).await.unwrap();
    assert_eq!(
        settings.general.mail_language,
        Language::En,
        "English until chosen"
    );
    k.save_general_settings(
        &owner,
        GeneralSettings {
            mail_language: Language::Fa,
            ..settings.general
        },
    )
    .await
    .unwrap();
    for (email, language) in [
        ("german@example.com", "de"),
        ("unknown@example.com", ""),
        ("english@example.com", "en"),
    ] {
        let id = customer(&app, &owner, email, language).await;
        k.send_welcome_mail(&owner, id, "").await.unwrap();
    }
    assert_eq!(k.send_due_mail().await.unwrap().sent, 3);
    let raw = sink.wait_for(3, WAIT);
    for (email, expected) in [
        ("german@example.com", "fa"),
        ("unknown@example.com", "fa"),
        ("english@example.com", "en"),
    ] {
        let (mail, bytes) = to(&raw, email);
        assert_eq!(
            languages(mail.content_language()).as_deref(),
            Some(expected),
            "{email}"
        );
        assert_eq!(defects(bytes), "[]");
    }
    app.assert_audited(&owner, &["settings.changed"]).await;
}
