//! End-to-end: an owner imports customers from a CSV file through the import dialog.

use keydesk_e2e::steps::{back_to_list, create_customer, create_owner, open_page, NewCustomer};
use keydesk_e2e::Harness;

/// A spreadsheet export as people send them: a BOM, headers in their own words, a note
/// spanning two lines, one customer already in Keydesk and two broken rows.
const CSV: &str = "\u{feff}E-mail;Name;Mobile;Organisation;Remarks\n\
lena.wolf@example.com;Lena Wolf;+49 30 901820;Wolf GmbH;\"Prefers calls\nafter 5pm\"\n\
omar.haddad@example.com;Omar Haddad;+44 20 7946 0958;;\n\
not-an-email;Broken Row;;;\n\
priya.nair@example.com;Priya Nair;;Nair & Co;\n\
bea.existing@example.com;Bea Existing;;;\n\
lena.wolf@example.com;Lena Again;;;\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_maps_checks_and_imports_a_csv_file() {
    let app = Harness::start().await;
    create_owner(&app).await;
    let file = app.data_dir().join("..").join("customers export.csv");
    std::fs::write(&file, CSV).expect("write the CSV");
    let file = file.canonicalize().expect("the CSV's full path");

    // One customer is already here.
    open_page(&app, "customers").await;
    app.wait_for_visible("#customer-empty").await;
    create_customer(
        &app,
        &NewCustomer::new("bea.existing@example.com", "Bea", "Existing"),
    )
    .await;
    back_to_list(&app).await;
    app.wait_for_rows_containing(".customer-row", &["Bea Existing"])
        .await;

    // Step 1: the file. A path that is not there is refused under the field.
    app.click("#customer-import").await;
    app.wait_for_visible("#customer-import-dialog").await;
    app.fill("#import-path", "/no/such/file.csv").await;
    app.click("#import-next").await;
    app.wait_for_visible("#import-path-error").await;
    app.fill("#import-path", &file.display().to_string()).await;
    app.click("#import-next").await;

    // Step 2: the columns were recognised by their headers; the first rows show.
    app.wait_for_visible("#import-mapping").await;
    let title = app.text("#import-title").await;
    assert!(title.contains("customers export.csv"), "{title:?}");
    assert_eq!(app.value("#import-map-0").await, "email");
    assert_eq!(app.value("#import-map-1").await, "full_name");
    assert_eq!(app.value("#import-map-2").await, "phone");
    assert_eq!(app.value("#import-map-3").await, "company");
    assert_eq!(app.value("#import-map-4").await, "notes");
    let preview = app.text("#import-mapping").await;
    assert!(
        preview.contains("lena.wolf@example.com") && preview.contains("Wolf GmbH"),
        "{preview:?}"
    );
    app.screenshot("40-import-mapping").await;

    // Without an email column nothing can be checked.
    app.select_option("#import-map-0", "").await;
    app.click("#import-check").await;
    app.wait_for_visible("#import-mapping-error").await;
    app.select_option("#import-map-0", "email").await;
    app.click("#import-check").await;

    // Step 3: the report names every refused row by its line in the file.
    app.wait_for_visible("#import-report").await;
    assert_eq!(app.text("#import-count-new").await, "3");
    assert_eq!(app.text("#import-count-existing").await, "1");
    assert_eq!(app.text("#import-count-refused").await, "2");
    // The note spans lines 2–3, so the broken rows start on lines 5 and 8.
    let problems = app
        .wait_for_rows_containing(".import-problem", &["Email"])
        .await;
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with('5'), "{problems:?}");
    assert!(
        problems[1].starts_with('8') && problems[1].contains("line 2"),
        "{problems:?}"
    );
    app.screenshot("41-import-report").await;

    // Step 4: import, linking the customer already here.
    app.click("#import-duplicates-link").await;
    app.click("#import-run").await;
    app.wait_for_visible("#import-done").await;
    let done = app.text("#import-done").await;
    assert!(done.contains("Imported 3 customers"), "{done:?}");
    assert!(done.contains("1 customer already here"), "{done:?}");
    assert!(done.contains("2 rows refused, not imported"), "{done:?}");
    app.screenshot("42-import-done").await;
    app.click("#import-close").await;
    app.wait_until_gone("#customer-import-dialog").await;

    // The list shows them, and a search finds the multi-line note's words.
    app.wait_for_text("#customer-count", "4 customers").await;
    app.fill("#customer-search", "calls").await;
    let rows = app
        .wait_for_rows_containing(".customer-row", &["Lena Wolf"])
        .await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("+4930901820"), "{rows:?}");
}

/// What Excel on Windows in Western Europe saves as plain "CSV": Windows-1252 bytes
/// (0x80 is the euro sign), semicolons, CRLF line ends.
const WINDOWS_1252_CSV: &[u8] = b"Email;First name;Last name;Notes\r\n\
zoe.muller@example.com;Zo\xeb;M\xfcller;Budget 500 \x80 per trip\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_windows_1252_file_from_excel_is_read_in_its_encoding_and_imported() {
    let app = Harness::start().await;
    create_owner(&app).await;
    let file = app.data_dir().join("..").join("excel clients.csv");
    std::fs::write(&file, WINDOWS_1252_CSV).expect("write the CSV");
    let file = file.canonicalize().expect("the CSV's full path");

    open_page(&app, "customers").await;
    app.wait_for_visible("#customer-empty").await;
    app.click("#customer-import").await;
    app.wait_for_visible("#customer-import-dialog").await;
    app.fill("#import-path", &file.display().to_string()).await;
    app.click("#import-next").await;

    // The encoding was detected, and the accents read right.
    app.wait_for_visible("#import-mapping").await;
    assert_eq!(app.value("#import-encoding").await, "windows-1252");
    assert_eq!(app.text("#import-encoding-source").await, "— detected");
    let preview = app.text("#import-mapping").await;
    assert!(
        preview.contains("Zoë") && preview.contains("Müller") && preview.contains("500 €"),
        "{preview:?}"
    );
    app.screenshot("43-import-encoding").await;

    // Read as Cyrillic the same bytes are other letters; read as Western again, they
    // are back.
    app.select_option("#import-encoding", "windows-1251").await;
    app.wait_for_text("#import-encoding-source", "— chosen")
        .await;
    app.wait_for_text_where("#import-mapping", "reads Mьller", |t| t.contains("Mьller"))
        .await;
    app.select_option("#import-encoding", "windows-1252").await;
    app.wait_for_text_where("#import-mapping", "reads Müller", |t| t.contains("Müller"))
        .await;
    assert_eq!(app.value("#import-encoding").await, "windows-1252");

    app.click("#import-check").await;
    app.wait_for_visible("#import-report").await;
    assert_eq!(app.text("#import-count-new").await, "1");
    assert_eq!(app.text("#import-count-refused").await, "0");
    app.click("#import-run").await;
    app.wait_for_visible("#import-done").await;
    app.click("#import-close").await;
    app.wait_until_gone("#customer-import-dialog").await;

    // The customer reads as written in the file.
    app.wait_for_text("#customer-count", "1 customer").await;
    let rows = app
        .wait_for_rows_containing(".customer-row", &["Zoë Müller"])
        .await;
    assert_eq!(rows.len(), 1, "{rows:?}");
}
