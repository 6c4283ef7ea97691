//! What a person does in a few clicks, as the tests do it before what they check: create
//! the owner, sign in and out, add an agent, open a page, create a customer. Each step
//! waits for the screen it ends on, so a test can go on from there.

use crate::Harness;

pub const OWNER_EMAIL: &str = "owner@agency.test";
pub const OWNER_NAME: &str = "Olivia Owner";
pub const OWNER_PASSWORD: &str = "correct horse battery staple 42";
pub const AGENT_EMAIL: &str = "agent@agency.test";
pub const AGENT_NAME: &str = "Alex Agent";
pub const AGENT_PASSWORD: &str = "violet harbour pebble 1987";

/// First run: creates the owner account, who is then signed in on the dashboard.
pub async fn create_owner(app: &Harness) {
    app.wait_for_visible("#create-owner-title").await;
    app.fill("#owner-email", OWNER_EMAIL).await;
    app.fill("#owner-name", OWNER_NAME).await;
    app.fill("#owner-password", OWNER_PASSWORD).await;
    app.fill("#owner-password-confirm", OWNER_PASSWORD).await;
    app.click("#create-owner-submit").await;
    app.wait_for_text("#current-user-name", OWNER_NAME).await;
    app.wait_for_visible("#page-dashboard").await;
}

pub async fn sign_out(app: &Harness) {
    app.click("#sign-out").await;
    app.wait_for_visible("#signin-title").await;
}

/// Fills the sign-in form and sends it (what follows is up to the test).
pub async fn submit_sign_in(app: &Harness, email: &str, password: &str) {
    app.wait_for_visible("#signin-title").await;
    app.fill("#signin-email", email).await;
    app.fill("#signin-password", password).await;
    app.click("#signin-submit").await;
}

/// Waits until the password strength meter names a strong band.
pub async fn wait_for_strong_password(app: &Harness) {
    app.wait_for_text_where("#password-strength", "names a strong band", |text| {
        text.contains("Strong") || text.contains("Very strong")
    })
    .await;
}

/// As an owner on any page: adds an agent on the Staff page and returns their temporary
/// password.
pub async fn add_agent(app: &Harness, email: &str, name: &str) -> String {
    open_page(app, "staff").await;
    app.click("#staff-add").await;
    app.wait_for_visible("#staff-add-dialog").await;
    app.fill("#staff-email", email).await;
    app.fill("#staff-name", name).await;
    app.click("#staff-add-submit").await;
    app.wait_for_visible("#temp-password-dialog").await;
    let password = app.text("#temp-password").await;
    app.click("#temp-password-done").await;
    app.wait_until_gone("#temp-password-dialog").await;
    password
}

/// Signs in with a temporary password and chooses `password`; ends in the shell.
pub async fn first_sign_in(
    app: &Harness,
    email: &str,
    temporary: &str,
    password: &str,
    name: &str,
) {
    submit_sign_in(app, email, temporary).await;
    app.wait_for_visible("#choose-password-title").await;
    app.fill("#current-password", temporary).await;
    app.fill("#new-password", password).await;
    app.fill("#new-password-confirm", password).await;
    wait_for_strong_password(app).await;
    app.click("#choose-password-submit").await;
    app.wait_for_text("#current-user-name", name).await;
}

/// As the owner: adds the agent ([`AGENT_EMAIL`]) on the Staff page, signs out, and signs
/// the agent in with [`AGENT_PASSWORD`]; ends in the shell as the agent.
pub async fn sign_in_new_agent(app: &Harness) {
    let temporary = add_agent(app, AGENT_EMAIL, AGENT_NAME).await;
    sign_out(app).await;
    first_sign_in(app, AGENT_EMAIL, &temporary, AGENT_PASSWORD, AGENT_NAME).await;
}

/// Opens a page of the shell from the sidebar (`#nav-<page>`) and waits for it
/// (`#page-<page>`); `page` is e.g. `"customers"`.
pub async fn open_page(app: &Harness, page: &str) {
    app.click(&format!("#nav-{page}")).await;
    app.wait_for_visible(&format!("#page-{page}")).await;
}

/// Scrolls the element matching `css` into view (`block`: "start", "end"), for a
/// screenshot of the part of the page that matters.
pub async fn scroll_to(app: &Harness, css: &str, block: &str) {
    app.wait_for(css).await;
    app.client()
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({ block: arguments[1] });",
            vec![serde_json::json!(css), serde_json::json!(block)],
        )
        .await
        .unwrap_or_else(|err| panic!("Failed to scroll to `{css}`: {err}"));
}

/// Opens a section of the Settings page (`section` is e.g. `"general"`) and waits for its
/// panel.
pub async fn open_settings(app: &Harness, section: &str) {
    open_page(app, "settings").await;
    app.click(&format!("#settings-section-{section}")).await;
    app.wait_for_visible(&format!("#settings-panel-{section}"))
        .await;
}

/// A customer as typed into the form.
pub struct NewCustomer<'a> {
    pub email: &'a str,
    pub first: &'a str,
    pub last: &'a str,
    /// The form's tier value (`gold` ...); `None` keeps the form's default.
    pub tier: Option<&'a str>,
    /// Left empty when empty.
    pub phone: &'a str,
    /// Whether "Generate login" stays on, as the form has it.
    pub generate_login: bool,
}

impl<'a> NewCustomer<'a> {
    pub fn new(email: &'a str, first: &'a str, last: &'a str) -> Self {
        Self {
            email,
            first,
            last,
            tier: None,
            phone: "",
            generate_login: true,
        }
    }
}

/// From the customer list: opens the new-customer form and fills the required fields.
pub async fn start_customer(app: &Harness, email: &str, first: &str, last: &str) {
    app.click("#customer-new").await;
    app.wait_for_visible("#customer-form").await;
    app.fill("#customer-email", email).await;
    app.fill("#customer-first-name", first).await;
    app.fill("#customer-last-name", last).await;
}

/// From the customer list: creates the customer through the form and waits for their
/// detail; returns their id.
pub async fn create_customer(app: &Harness, customer: &NewCustomer<'_>) -> i64 {
    start_customer(app, customer.email, customer.first, customer.last).await;
    if !customer.phone.is_empty() {
        app.fill("#customer-phone", customer.phone).await;
    }
    if let Some(tier) = customer.tier {
        app.select_option("#customer-tier", tier).await;
    }
    assert!(
        app.wait_for("#customer-generate-login")
            .await
            .is_selected()
            .await
            .expect("the checkbox can be read"),
        "Generate login is on by default"
    );
    if !customer.generate_login {
        app.click("#customer-generate-login").await;
    }
    app.click("#customer-save").await;
    let name = format!("{} {}", customer.first, customer.last);
    app.wait_for_text("#customer-name", &name).await;
    app.wait_until_gone("#customer-form").await;
    customer_id(app).await
}

/// The id of the customer on show.
pub async fn customer_id(app: &Harness) -> i64 {
    app.attr("#page-customer", "data-customer-id")
        .await
        .and_then(|id| id.parse().ok())
        .expect("the detail names its customer")
}

/// From a customer's page: back to the customer list.
pub async fn back_to_list(app: &Harness) {
    app.click("#customer-back").await;
    app.wait_for_visible("#customer-table").await;
}

/// Waits for the export result `selector` to say "`saved` <path>" and reads that file,
/// which must be in the Downloads folder: its header and its other non-empty lines.
pub async fn read_export(app: &Harness, selector: &str, saved: &str) -> (String, Vec<String>) {
    let result = app
        .wait_for_text_where(selector, "names the saved file", |text| {
            text.starts_with(saved)
        })
        .await;
    assert!(
        result.ends_with(
            ". This file is not encrypted: keep it somewhere safe and delete it when you are done."
        ),
        "the export says its file is not encrypted: {result}"
    );
    let path = result.trim_start_matches(saved);
    let path =
        std::path::PathBuf::from(&path[..path.find(". This file is not encrypted").unwrap()]);
    assert!(
        path.starts_with(app.downloads_dir()),
        "{} is in the Downloads folder {}",
        path.display(),
        app.downloads_dir().display()
    );
    let csv = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("Failed to read {}: {err}", path.display()));
    let mut lines = csv.lines().filter(|line| !line.trim().is_empty());
    let header = lines.next().expect("the CSV has a header").to_owned();
    (header, lines.map(str::to_owned).collect())
}
