use crate::helpers::{assert_err, customer_form, field_error, TestApp};
use keydesk_api::{
    Customer, CustomerInput, CustomerQuery, DuplicatePolicy, EncodingSource, Gender, ImportField,
    ImportOutcome, ImportPreview, ImportProblem, ImportProgress, ImportReport, Role, TextEncoding,
};
use keydesk_core::auth::Actor;
use keydesk_core::domain::CustomerId;
use keydesk_core::services::{ImportCancel, ImportFile, ServiceError};
use keydesk_core::Keydesk;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// A file `name` holding `content`, in a folder of its own that goes with the guard.
fn csv_file(name: &str, content: impl AsRef<[u8]>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), name, content);
    (dir, path)
}

/// The columns the files below use, mapped the way the preview guesses them.
const HEADER: &str = "Email,First name,Last name,Phone,Notes";
fn header_mapping() -> Vec<Option<ImportField>> {
    vec![
        Some(ImportField::Email),
        Some(ImportField::FirstName),
        Some(ImportField::LastName),
        Some(ImportField::Phone),
        Some(ImportField::Notes),
    ]
}

async fn import(
    app: &TestApp,
    actor: &Actor,
    file: impl Into<ImportFile<'_>>,
    mapping: &[Option<ImportField>],
    duplicates: DuplicatePolicy,
) -> Result<(ImportOutcome, Vec<ImportProgress>), ServiceError> {
    let seen = Mutex::new(Vec::new());
    let progress = |p: ImportProgress| seen.lock().unwrap().push(p);
    let outcome = app
        .keydesk
        .import_customers(
            actor,
            file,
            mapping,
            duplicates,
            &progress,
            &ImportCancel::default(),
        )
        .await?;
    Ok((outcome, seen.into_inner().unwrap()))
}

async fn preview(
    app: &TestApp,
    actor: &Actor,
    file: impl Into<ImportFile<'_>>,
) -> Result<ImportPreview, ServiceError> {
    app.keydesk.preview_customer_import(actor, file).await
}

async fn check(
    app: &TestApp,
    actor: &Actor,
    file: impl Into<ImportFile<'_>>,
    mapping: &[Option<ImportField>],
) -> Result<ImportReport, ServiceError> {
    app.keydesk
        .check_customer_import(actor, file, mapping)
        .await
}

/// [`import`] of a file that must import, for what it did.
async fn imported(
    app: &TestApp,
    actor: &Actor,
    file: impl Into<ImportFile<'_>>,
    mapping: &[Option<ImportField>],
    duplicates: DuplicatePolicy,
) -> ImportOutcome {
    let (outcome, _) = import(app, actor, file, mapping, duplicates).await.unwrap();
    outcome
}

/// [`imported`] of a file in the [`HEADER`] columns, mapped by [`header_mapping`].
async fn import_by_header(
    app: &TestApp,
    actor: &Actor,
    path: &Path,
    duplicates: DuplicatePolicy,
) -> ImportOutcome {
    imported(app, actor, path, &header_mapping(), duplicates).await
}

fn outcome(created: u64, linked: u64, skipped: u64, refused: u64) -> ImportOutcome {
    ImportOutcome {
        created,
        linked,
        skipped,
        refused,
    }
}

async fn find(keydesk: &Keydesk, actor: &Actor, email: &str) -> Customer {
    let ids: Vec<i64> = {
        let query = CustomerQuery {
            search: email.to_owned(),
            limit: 50,
            ..CustomerQuery::default()
        };
        let page = keydesk.list_customers(actor, &query).await.unwrap();
        page.rows
            .into_iter()
            .filter(|r| r.email == email)
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(ids.len(), 1, "{email}");
    keydesk.customer(actor, CustomerId(ids[0])).await.unwrap()
}

/// Every table an import writes to, counted; the search index by its own row count.
async fn snapshot(keydesk: &Keydesk) -> [i64; 4] {
    let mut counts = [0; 4];
    for (i, table) in [
        "customers",
        "customer_agents",
        "audit_log",
        "customers_fts_docsize",
    ]
    .iter()
    .enumerate()
    {
        counts[i] =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(keydesk.store().reader())
                .await
                .unwrap();
    }
    counts
}

fn problem(line: u64, field: &str, message: &str) -> ImportProblem {
    ImportProblem {
        line,
        field: field.to_owned(),
        message: message.into(),
    }
}

/// The problems of a report with their messages in English, to compare with [`problem`]s.
fn in_english(problems: &[ImportProblem]) -> Vec<ImportProblem> {
    problems
        .iter()
        .map(|p| ImportProblem {
            message: keydesk_core::catalogue::in_english(&p.message).into(),
            ..p.clone()
        })
        .collect()
}

#[tokio::test]
async fn a_good_file_imports_customers_that_are_searchable_linked_and_audited() {
    let (app, owner) = TestApp::with_owner().await;
    let (_dir, path) = csv_file(
        "spring fair.csv",
        "E-mail,First Name,Surname,Mobile,Company,Country,Tier,Newsletter\n\
         greta.muller@example.com,Greta,Müller,030 901820,Alpine Escapes,DE,gold,yes\n\
         hugo.dubois@example.com,Hugo,Dubois,06 12 34 56 78,,France,,no\n\
         priya.shah@example.com,Priya,Shah,+44 20 7946 0958,Harbour Consulting,,Platinum,x\n",
    );

    let preview = preview(&app, &owner, &path).await.unwrap();
    assert_eq!(preview.file_name, "spring fair.csv");
    // "Müller" in UTF-8, with no byte order mark.
    assert_eq!(
        (preview.encoding, preview.encoding_source),
        (TextEncoding::Utf8, EncodingSource::Detected)
    );
    assert_eq!(preview.total_rows, 3);
    assert_eq!(preview.columns[2], "Surname");
    assert_eq!(preview.sample_rows.len(), 3);
    assert_eq!(preview.sample_rows[1][0], "hugo.dubois@example.com");
    assert_eq!(
        preview.mapping,
        [
            Some(ImportField::Email),
            Some(ImportField::FirstName),
            Some(ImportField::LastName),
            Some(ImportField::Phone),
            Some(ImportField::Company),
            Some(ImportField::Country),
            Some(ImportField::Tier),
            Some(ImportField::MarketingConsent),
        ]
    );

    let report = check(&app, &owner, &path, &preview.mapping).await.unwrap();
    assert_eq!(
        (
            report.rows,
            report.new_customers,
            report.existing_customers,
            report.refused_rows
        ),
        (3, 3, 0, 0)
    );
    assert!(report.problems.is_empty());
    assert_eq!(report.problem_count, 0);

    let (done, progress) = import(&app, &owner, &path, &preview.mapping, DuplicatePolicy::Link)
        .await
        .unwrap();
    assert_eq!(done, outcome(3, 0, 0, 0));
    assert_eq!(
        progress.first(),
        Some(&ImportProgress { done: 0, total: 3 })
    );
    assert_eq!(progress.last(), Some(&ImportProgress { done: 3, total: 3 }));
    assert!(progress.windows(2).all(|w| w[0].done <= w[1].done));

    assert_eq!(
        app.search(&owner, "mull").await,
        ["greta.muller@example.com"]
    );
    let greta = find(&app.keydesk, &owner, "greta.muller@example.com").await;
    assert_eq!(greta.phone.as_deref(), Some("+4930901820"));
    assert_eq!(greta.tier, keydesk_api::Tier::Gold);
    assert!(greta.marketing_consent);
    assert_eq!(greta.agents.len(), 1);
    assert_eq!(greta.agents[0].staff_id, owner.id().0);
    assert!(greta.agents[0].created_it);
    let hugo = find(&app.keydesk, &owner, "hugo.dubois@example.com").await;
    assert_eq!(hugo.country.as_deref(), Some("FR"));
    assert_eq!(hugo.phone.as_deref(), Some("+33612345678"));
    assert!(!hugo.marketing_consent);

    let audit = app.audit_entries(&owner).await;
    let created: Vec<&str> = audit
        .iter()
        .filter(|e| e.action == "customer.created")
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(created.len(), 3);
    assert!(created.contains(&format!("customer #{} (imported)", greta.id).as_str()));
    let summary = &audit[0];
    assert_eq!(summary.action, "customers.imported");
    assert_eq!(summary.action_label, "Customers imported");
    assert_eq!(
        summary.detail,
        "3 created, 0 linked, 0 skipped, 0 refused from spring fair.csv"
    );
    // Numbers and the file name only: never an email or a name.
    assert!(audit
        .iter()
        .filter(|e| e.action.starts_with("customer"))
        .all(|e| !e.detail.contains('@') && !e.detail.contains("Greta")));
    let history = app.history(&owner, CustomerId(greta.id)).await;
    assert_eq!(history.len(), 1);
    app.assert_chain_intact(&owner).await;
    app.cleanup().await;
}

#[tokio::test]
async fn an_email_whose_domain_is_no_host_name_is_refused_like_in_the_form() {
    let (app, owner) = TestApp::with_owner().await;
    let text = format!(
        "{HEADER}\n\
         ann@smith_family.com,Ann,Smith,,\n\
         bob@-brown.example,Bob,Brown,,\n\
         cleo@clark.example,Cleo,Clark,,\n"
    );
    let (_dir, path) = csv_file("domains.csv", text);
    let preview = preview(&app, &owner, &path).await.unwrap();
    let report = check(&app, &owner, &path, &preview.mapping).await.unwrap();
    let invalid = "Enter a valid email address, like name@agency.com.";
    assert_eq!(
        in_english(&report.problems),
        [problem(2, "email", invalid), problem(3, "email", invalid)]
    );
    assert_eq!(report.new_customers, 1);
    app.cleanup().await;
}

#[tokio::test]
async fn a_broken_file_is_reported_row_by_row_at_the_lines_where_rows_start() {
    let (app, owner) = TestApp::with_owner().await;
    // Excel's UTF-8 byte order mark before the header; a note spanning three lines.
    let text = format!(
        "\u{feff}{HEADER}\n\
         ann@example.com,Ann,Smith,020 7946 0958,\n\
         bob@example.com,Bob,Brown\n\
         not-an-email,Cleo,Clark,,\n\
         dan@example.com,Dan,Doe,12345,\n\
         eve@example.com,Eve,Evans,,\"Met at the fair,\nprefers calls,\nnever on Mondays\"\n\
         ANN@example.com,Ann,Again,,\n\
         fay@example.com,,Fisher,not a phone,\n"
    );
    let (_dir, path) = csv_file("broken.csv", text);

    let preview = preview(&app, &owner, &path).await.unwrap();
    assert_eq!(preview.columns[0], "Email");
    assert_eq!(
        (preview.encoding, preview.encoding_source),
        (TextEncoding::Utf8, EncodingSource::ByteOrderMark)
    );
    assert_eq!(preview.mapping, header_mapping());
    assert_eq!(preview.total_rows, 7);
    // Short rows are shown padded to the header.
    assert_eq!(
        preview.sample_rows[1],
        ["bob@example.com", "Bob", "Brown", "", ""]
    );

    let report = check(&app, &owner, &path, &preview.mapping).await.unwrap();
    let phone = "Enter a valid phone number, with the country code if it is abroad \
                 (like +44 20 7946 0958).";
    assert_eq!(
        in_english(&report.problems),
        [
            problem(3, "", "Has 3 columns; the header has 5."),
            problem(
                4,
                "email",
                "Enter a valid email address, like name@agency.com."
            ),
            problem(5, "phone", phone),
            problem(9, "email", "Repeats the email of line 2."),
            problem(10, "first_name", "Enter a name."),
            problem(10, "phone", phone),
        ]
    );
    assert_eq!(report.problem_count, 6);
    assert_eq!(
        (
            report.rows,
            report.new_customers,
            report.existing_customers,
            report.refused_rows
        ),
        (7, 2, 0, 5)
    );

    let done = imported(&app, &owner, &path, &preview.mapping, DuplicatePolicy::Link).await;
    assert_eq!(done, outcome(2, 0, 0, 5));
    let eve = find(&app.keydesk, &owner, "eve@example.com").await;
    assert_eq!(
        eve.notes,
        "Met at the fair,\nprefers calls,\nnever on Mondays"
    );
    let ann = find(&app.keydesk, &owner, "ann@example.com").await;
    assert_eq!(ann.last_name, "Smith");
    assert!(app.search(&owner, "fisher").await.is_empty());
    app.cleanup().await;
}

#[tokio::test]
async fn files_that_are_not_customer_csv_are_refused_and_nothing_is_written() {
    let (app, owner) = TestApp::with_owner().await;
    let dir = tempfile::tempdir().unwrap();
    let ten_mb = 10 * 1024 * 1024;
    // A fixed pseudo-random stream, so a failure can be reproduced.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 24) as u8
    };
    let junk: Vec<u8> = (0..ten_mb).map(|_| random()).collect();
    let high_bytes: Vec<u8> = (0..ten_mb).map(|_| random() | 0x80).collect();
    let line: String = (0..ten_mb)
        .map(|_| char::from(b' ' + random() % 95))
        .filter(|c| *c != '"')
        .collect();
    let big = dir.path().join("big.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(51 * 1024 * 1024)
        .unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (write(dir.path(), "junk.csv", &junk), "binary data"),
        // Read in a legacy encoding, it is one 10 MB line of letters.
        (
            write(dir.path(), "latin.csv", &high_bytes),
            "not a row of column names",
        ),
        (
            write(dir.path(), "line.csv", &line),
            "not a row of column names",
        ),
        (big, "up to 50 MB"),
        (dir.path().join("gone.csv"), "was not found"),
        (dir.path().to_path_buf(), "is a folder"),
        (write(dir.path(), "empty.csv", ""), "is empty"),
        (write(dir.path(), "blank.csv", "\n\n,,\n"), "is empty"),
        (
            write(dir.path(), "header.csv", format!("{HEADER}\n,,,,\n")),
            "no customers",
        ),
    ];
    let before = snapshot(&app.keydesk).await;
    for (path, expected) in cases {
        let name = path.display().to_string();
        for message in [
            field_error(preview(&app, &owner, &path).await, "file"),
            field_error(check(&app, &owner, &path, &header_mapping()).await, "file"),
            field_error(
                import(
                    &app,
                    &owner,
                    &path,
                    &header_mapping(),
                    DuplicatePolicy::Link,
                )
                .await,
                "file",
            ),
        ] {
            assert!(message.contains(expected), "{name}: {message}");
        }
    }
    // Binary data stays binary data whatever encoding it is read in, chosen or marked.
    let junk_path = dir.path().join("junk.csv");
    let marked_junk = write(
        dir.path(),
        "marked.csv",
        [&[0xFF, 0xFE][..], &junk].concat(),
    );
    let binary =
        "junk.csv is not a CSV text file (it holds binary data). Choose a file saved as CSV.";
    for encoding in [TextEncoding::Windows1252, TextEncoding::Utf16Le] {
        let file = ImportFile::new(&junk_path, Some(encoding));
        assert_eq!(
            field_error(preview(&app, &owner, file).await, "file"),
            binary
        );
        assert_eq!(
            field_error(check(&app, &owner, file, &header_mapping()).await, "file"),
            binary
        );
    }
    assert_eq!(
        field_error(preview(&app, &owner, &marked_junk).await, "file"),
        binary.replace("junk.csv", "marked.csv")
    );
    assert_eq!(snapshot(&app.keydesk).await, before);
    app.cleanup().await;
}

#[tokio::test]
async fn cancelling_leaves_the_database_exactly_as_it_was() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let existing = customer_form("row1@example.com", "One", "Existing");
    app.keydesk.create_customer(&alex, existing).await.unwrap();
    let mut text = format!("{HEADER}\n");
    for i in 0..300 {
        text.push_str(&format!("row{i}@example.com,Quinn{i},Zephyrine,,\n"));
    }
    let (_dir, path) = csv_file("many.csv", text);
    let before = snapshot(&app.keydesk).await;

    let cancel = ImportCancel::default();
    let seen = Mutex::new(Vec::new());
    let progress = |p: ImportProgress| {
        seen.lock().unwrap().push(p);
        if p.done > 0 {
            cancel.cancel();
        }
    };
    let result = app
        .keydesk
        .import_customers(
            &owner,
            &path,
            &header_mapping(),
            DuplicatePolicy::Link,
            &progress,
            &cancel,
        )
        .await;
    let Err(error @ ServiceError::Cancelled) = result else {
        panic!("expected a cancelled import, got {result:?}");
    };
    assert_eq!(
        error.to_string(),
        "The import was cancelled; nothing was imported."
    );
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.len(), 2, "stopped at the first report after the start");
    assert!(seen[1].done > 0 && seen[1].done < 300);

    assert_eq!(snapshot(&app.keydesk).await, before);
    assert!(app.search(&owner, "zephyrine").await.is_empty());
    let one = find(&app.keydesk, &owner, "row1@example.com").await;
    assert_eq!(one.agents.len(), 1, "the link to the importer was undone");
    app.assert_chain_intact(&owner).await;

    // The same file imports in full afterwards.
    let done = import_by_header(&app, &owner, &path, DuplicatePolicy::Link).await;
    assert_eq!(done, outcome(299, 1, 0, 0));
    app.cleanup().await;
}

#[tokio::test]
async fn existing_customers_are_linked_to_the_importer_or_skipped_as_chosen() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let ann = customer_form("ann@example.com", "Ann", "Smith");
    let ann = app.add_customer(&alex, ann).await;
    let (_dir, path) = csv_file(
        "known.csv",
        format!("{HEADER}\nANN@example.com,Annie,Other,,\nben@example.com,Ben,Brown,,\n"),
    );

    let report = check(&app, &owner, &path, &header_mapping()).await.unwrap();
    assert_eq!((report.new_customers, report.existing_customers), (1, 1));

    let skip = import_by_header(&app, &owner, &path, DuplicatePolicy::Skip).await;
    assert_eq!(skip, outcome(1, 0, 1, 0));
    let unchanged = app.customer(&owner, ann.id).await;
    assert_eq!(unchanged.agents.len(), 1);
    assert_eq!(unchanged.first_name, "Ann");

    // Again with linking: Ann gains the importer; Ben is already the importer's.
    let link = import_by_header(&app, &owner, &path, DuplicatePolicy::Link).await;
    assert_eq!(link, outcome(0, 1, 1, 0));
    let linked = app.customer(&owner, ann.id).await;
    assert_eq!(
        linked.first_name, "Ann",
        "an existing customer is not changed"
    );
    let importer = linked
        .agents
        .iter()
        .find(|a| a.staff_id == owner.id().0)
        .expect("the importer is linked");
    assert!(!importer.created_it);
    let history = app.history(&owner, CustomerId(ann.id)).await;
    assert_eq!(history[0].action, "customer.linked");
    let summaries = app.audit_count(&owner, "customers.imported").await;
    assert_eq!(summaries, 2);
    app.cleanup().await;
}

#[tokio::test]
async fn a_customer_created_between_check_and_import_is_linked_not_duplicated() {
    let (app, owner) = TestApp::with_owner().await;
    let alex = app.member(&owner, "alex@agency.test", Role::Agent).await;
    let (dir, path) = csv_file(
        "race.csv",
        format!("{HEADER}\ncara@example.com,Cara,Cole,,\n"),
    );
    let report = check(&app, &owner, &path, &header_mapping()).await.unwrap();
    assert_eq!(report.new_customers, 1);
    let cara = customer_form("cara@example.com", "Cara", "Cole");
    app.keydesk.create_customer(&alex, cara).await.unwrap();
    // The file changed too: the import reads it again.
    write(
        dir.path(),
        "race.csv",
        format!("{HEADER}\ncara@example.com,Cara,Cole,,\ndeb@example.com,Deb,Dale,,\n"),
    );

    let done = import_by_header(&app, &owner, &path, DuplicatePolicy::Link).await;
    assert_eq!(done, outcome(1, 1, 0, 0));
    let cara = find(&app.keydesk, &owner, "cara@example.com").await;
    assert_eq!(cara.agents.len(), 2);
    app.cleanup().await;
}

#[tokio::test]
async fn only_owners_and_admins_may_import() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let (_dir, path) = csv_file(
        "team.csv",
        format!("{HEADER}\ndora@example.com,Dora,Diaz,,\n"),
    );
    let before = snapshot(&app.keydesk).await;
    assert_err!(preview(&app, &agent, &path).await, ServiceError::Access(_));
    assert_err!(
        check(&app, &agent, &path, &header_mapping()).await,
        ServiceError::Access(_)
    );
    assert_err!(
        import(
            &app,
            &agent,
            &path,
            &header_mapping(),
            DuplicatePolicy::Link
        )
        .await,
        ServiceError::Access(_)
    );
    assert_eq!(snapshot(&app.keydesk).await, before);

    let done = import_by_header(&app, &admin, &path, DuplicatePolicy::Link).await;
    assert_eq!(done.created, 1);
    app.cleanup().await;
}

#[tokio::test]
async fn mappings_that_cannot_fill_a_customer_are_refused() {
    let (app, owner) = TestApp::with_owner().await;
    let (dir, path) = csv_file(
        "names.csv",
        format!("{HEADER}\nella@example.com,Ella,Ek,,\n"),
    );
    use ImportField as F;
    let cases: [(Vec<Option<ImportField>>, &str); 5] = [
        (
            header_mapping()[..4].to_vec(),
            "has 4 entries but the file has 5 columns",
        ),
        (
            vec![None, Some(F::FirstName), Some(F::LastName), None, None],
            "the email",
        ),
        (
            vec![Some(F::Email), Some(F::FirstName), None, None, None],
            "or one with the full name",
        ),
        (
            vec![Some(F::Email), None, None, None, None],
            "or one with the full name",
        ),
        (
            vec![
                Some(F::Email),
                Some(F::FirstName),
                Some(F::LastName),
                Some(F::Phone),
                Some(F::Phone),
            ],
            "Phone is chosen for two columns",
        ),
    ];
    let before = snapshot(&app.keydesk).await;
    for (mapping, expected) in cases {
        let message = field_error(check(&app, &owner, &path, &mapping).await, "mapping");
        assert!(message.contains(expected), "{mapping:?}: {message}");
        let message = field_error(
            import(&app, &owner, &path, &mapping, DuplicatePolicy::Link).await,
            "mapping",
        );
        assert!(message.contains(expected), "{mapping:?}: {message}");
    }
    assert_eq!(snapshot(&app.keydesk).await, before);

    // A first name column with a full name: the last name comes from the full name.
    let path = write(
        dir.path(),
        "mixed.csv",
        "Email,Full name,Called\nfinn@example.com,Finnegan Ford,Finn\nno@example.com,Solo,Solo\n",
    );
    let mapping = [Some(F::Email), Some(F::FullName), Some(F::FirstName)];
    let report = check(&app, &owner, &path, &mapping).await.unwrap();
    assert_eq!(
        in_english(&report.problems),
        [problem(
            3,
            "full_name",
            "Enter the first and last name, separated by a space."
        )]
    );
    let done = imported(&app, &owner, &path, &mapping, DuplicatePolicy::Link).await;
    assert_eq!(done, outcome(1, 0, 0, 1));
    let finn = find(&app.keydesk, &owner, "finn@example.com").await;
    assert_eq!(
        (finn.first_name.as_str(), finn.last_name.as_str()),
        ("Finn", "Ford")
    );
    app.cleanup().await;
}

#[tokio::test]
async fn a_semicolon_file_from_european_excel_imports() {
    let (app, owner) = TestApp::with_owner().await;
    let text = "\u{feff}Name;E-Mail;Telefon;Land;Date of birth;Preferred contact;Opt-in\r\n\
                Ann Marie Smith;ann.marie@example.de;030 901820;Deutschland;31.12.1980;WhatsApp;x\r\n\
                \"Weber, Jonas\";jonas@example.de;+44 20 7946 0958;AT;1975-06-01;;\r\n\
                Lena Vogel;lena@example.de;;Narnia;1990-13-01;pigeon;vielleicht\r\n";
    let (_dir, path) = csv_file("kunden.csv", text);

    let preview = preview(&app, &owner, &path).await.unwrap();
    assert_eq!(preview.columns.len(), 7);
    assert_eq!(preview.sample_rows[1][0], "Weber, Jonas");
    use ImportField as F;
    assert_eq!(
        preview.mapping,
        [
            Some(F::FullName),
            Some(F::Email),
            None,
            None,
            Some(F::BirthDate),
            Some(F::ContactMethod),
            Some(F::MarketingConsent),
        ]
    );
    // The person maps the German headers the guess does not know.
    let mut mapping = preview.mapping.clone();
    mapping[2] = Some(F::Phone);
    mapping[3] = Some(F::Country);

    let report = check(&app, &owner, &path, &mapping).await.unwrap();
    let fields: Vec<(u64, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            (4, "country"),
            (4, "birth_date"),
            (4, "contact_method"),
            (4, "marketing_consent")
        ]
    );
    assert_eq!((report.new_customers, report.refused_rows), (2, 1));

    let done = imported(&app, &owner, &path, &mapping, DuplicatePolicy::Link).await;
    assert_eq!(done, outcome(2, 0, 0, 1));
    let ann = find(&app.keydesk, &owner, "ann.marie@example.de").await;
    assert_eq!(
        (ann.first_name.as_str(), ann.last_name.as_str()),
        ("Ann Marie", "Smith")
    );
    assert_eq!(ann.phone.as_deref(), Some("+4930901820"));
    assert_eq!(ann.country.as_deref(), Some("DE"));
    assert_eq!(ann.birth_date.as_deref(), Some("1980-12-31"));
    assert_eq!(
        ann.contact_method,
        Some(keydesk_api::ContactMethod::Whatsapp)
    );
    assert!(ann.marketing_consent);
    let jonas = find(&app.keydesk, &owner, "jonas@example.de").await;
    assert_eq!(
        (jonas.first_name.as_str(), jonas.last_name.as_str()),
        ("Jonas", "Weber")
    );
    assert_eq!(jonas.phone.as_deref(), Some("+442079460958"));
    app.cleanup().await;
}

/// What Excel on Windows in Western Europe saves as plain "CSV": Windows-1252 bytes
/// (0x80 is the euro sign), semicolons, CRLF line ends.
const WINDOWS_1252_CSV: &[u8] = b"Email;First name;Last name;Company;Notes\r\n\
zoe.muller@example.com;Zo\xeb;M\xfcller;Caf\xe9 Cr\xe8me SARL;Budget 500 \x80 per trip\r\n\
jose.munoz@example.com;Jos\xe9;Mu\xf1oz;;Se\xf1or Mu\xf1oz prefers calls\r\n";

#[tokio::test]
async fn a_windows_1252_file_from_excel_is_detected_and_imports_its_accents() {
    let (app, owner) = TestApp::with_owner().await;
    let (_dir, path) = csv_file("clients.csv", WINDOWS_1252_CSV);

    let preview = preview(&app, &owner, &path).await.unwrap();
    assert_eq!(
        (preview.encoding, preview.encoding_source),
        (TextEncoding::Windows1252, EncodingSource::Detected)
    );
    assert_eq!(preview.encoding.label(), "Western (Windows-1252)");
    assert_eq!(
        preview.sample_rows[0],
        [
            "zoe.muller@example.com",
            "Zoë",
            "Müller",
            "Café Crème SARL",
            "Budget 500 € per trip"
        ]
    );
    assert_eq!(preview.mapping[..3], header_mapping()[..3]);

    // A caller that names no encoding gets the detected one at every step; the window
    // sends the preview's.
    let detected = check(&app, &owner, &path, &preview.mapping).await.unwrap();
    let file = ImportFile::new(&path, Some(preview.encoding));
    let report = check(&app, &owner, file, &preview.mapping).await.unwrap();
    assert_eq!(report, detected);
    assert_eq!(report.problem_count, 0, "{:?}", report.problems);
    assert_eq!(report.new_customers, 2);

    let done = imported(&app, &owner, file, &preview.mapping, DuplicatePolicy::Link).await;
    assert_eq!(done, outcome(2, 0, 0, 0));
    let zoe = find(&app.keydesk, &owner, "zoe.muller@example.com").await;
    assert_eq!(
        (zoe.first_name.as_str(), zoe.last_name.as_str()),
        ("Zoë", "Müller")
    );
    assert_eq!(zoe.company.as_deref(), Some("Café Crème SARL"));
    assert_eq!(zoe.notes, "Budget 500 € per trip");
    assert_eq!(
        app.search(&owner, "Muñoz").await,
        ["jose.munoz@example.com"]
    );
    let jose = find(&app.keydesk, &owner, "jose.munoz@example.com").await;
    assert_eq!(
        (jose.first_name.as_str(), jose.last_name.as_str()),
        ("José", "Muñoz")
    );
    app.cleanup().await;
}

#[tokio::test]
async fn an_encoding_chosen_by_hand_reads_every_step_and_one_that_cannot_read_the_file_is_refused()
{
    let (app, owner) = TestApp::with_owner().await;
    // Saved by Excel on an Arabic or Persian Windows: Windows-1256 bytes for
    // "ليلى;حداد;بيروت".
    let (_dir, path) = csv_file(
        "arabic.csv",
        b"Email;First name;Last name;City\r\n\
          layla.haddad@example.com;\xe1\xed\xe1\xec;\xcd\xcf\xc7\xcf;\xc8\xed\xd1\xe6\xca\r\n",
    );
    let mapping = [
        Some(ImportField::Email),
        Some(ImportField::FirstName),
        Some(ImportField::LastName),
        Some(ImportField::City),
    ];

    // Read as UTF-8 the bytes are no text: the person is asked to choose another
    // encoding, at every step, and nothing is written.
    let utf8 = ImportFile::new(&path, Some(TextEncoding::Utf8));
    let before = snapshot(&app.keydesk).await;
    for message in [
        field_error(preview(&app, &owner, utf8).await, "encoding"),
        field_error(check(&app, &owner, utf8, &mapping).await, "encoding"),
        field_error(
            import(&app, &owner, utf8, &mapping, DuplicatePolicy::Link).await,
            "encoding",
        ),
    ] {
        assert_eq!(
            message,
            "Line 2 of arabic.csv cannot be read as Unicode (UTF-8). Choose the encoding \
             the file was saved in."
        );
    }
    assert_eq!(snapshot(&app.keydesk).await, before);

    let chosen = ImportFile::new(&path, Some(TextEncoding::Windows1256));
    let preview = preview(&app, &owner, chosen).await.unwrap();
    assert_eq!(
        (preview.encoding, preview.encoding_source),
        (TextEncoding::Windows1256, EncodingSource::Chosen)
    );
    assert_eq!(
        preview.encoding.label(),
        "Arabic and Persian (Windows-1256)"
    );
    assert_eq!(preview.sample_rows[0][1..], ["ليلى", "حداد", "بيروت"]);
    let report = check(&app, &owner, chosen, &mapping).await.unwrap();
    assert_eq!(report.problem_count, 0, "{:?}", report.problems);
    let done = imported(&app, &owner, chosen, &mapping, DuplicatePolicy::Link).await;
    assert_eq!(done, outcome(1, 0, 0, 0));
    let layla = find(&app.keydesk, &owner, "layla.haddad@example.com").await;
    assert_eq!(
        (layla.first_name.as_str(), layla.last_name.as_str()),
        ("ليلى", "حداد")
    );
    assert_eq!(layla.city.as_deref(), Some("بيروت"));
    app.cleanup().await;
}

#[tokio::test]
async fn unicode_text_from_excel_imports_and_its_byte_order_mark_outweighs_a_choice() {
    let (app, owner) = TestApp::with_owner().await;
    // Excel's "Unicode Text": UTF-16LE with a byte order mark, tabs between cells.
    let text = "Email\tFull name\tCity\r\nkenji@example.com\t佐藤 健二\tŌsaka\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (_dir, path) = csv_file("unicode.txt", bytes);

    for chosen in [None, Some(TextEncoding::Windows1252)] {
        let preview = preview(&app, &owner, ImportFile::new(&path, chosen))
            .await
            .unwrap();
        assert_eq!(
            (preview.encoding, preview.encoding_source),
            (TextEncoding::Utf16Le, EncodingSource::ByteOrderMark)
        );
        assert_eq!(preview.columns, ["Email", "Full name", "City"]);
        assert_eq!(
            preview.sample_rows[0],
            ["kenji@example.com", "佐藤 健二", "Ōsaka"]
        );
    }
    let mapping = [
        Some(ImportField::Email),
        Some(ImportField::FullName),
        Some(ImportField::City),
    ];
    let done = imported(&app, &owner, &path, &mapping, DuplicatePolicy::Link).await;
    assert_eq!(done, outcome(1, 0, 0, 0));
    let kenji = find(&app.keydesk, &owner, "kenji@example.com").await;
    assert_eq!(
        (kenji.first_name.as_str(), kenji.last_name.as_str()),
        ("佐藤", "健二")
    );
    assert_eq!(kenji.city.as_deref(), Some("Ōsaka"));
    app.cleanup().await;
}

#[tokio::test]
async fn a_report_lists_the_first_thousand_problems_and_counts_them_all() {
    let (app, owner) = TestApp::with_owner().await;
    let mut text = format!("{HEADER}\n");
    for i in 0..1200 {
        text.push_str(&format!("guest{i}.example.com,Guest,Number {i},,\n"));
    }
    text.push_str("ok@example.com,Olga,Ok,,\n");
    let (_dir, path) = csv_file("bad.csv", text);
    let preview = preview(&app, &owner, &path).await.unwrap();
    assert_eq!(preview.total_rows, 1201);
    assert_eq!(preview.sample_rows.len(), 5);
    let report = check(&app, &owner, &path, &header_mapping()).await.unwrap();
    assert_eq!(report.problems.len(), 1000);
    assert_eq!(report.problem_count, 1200);
    assert_eq!(report.problems[999].line, 1001);
    assert_eq!((report.new_customers, report.refused_rows), (1, 1200));
    app.cleanup().await;
}

/// What a customer holds that an export carries and an import fills.
fn exported_fields(c: &Customer) -> impl PartialEq + std::fmt::Debug {
    (
        (c.email.clone(), c.first_name.clone(), c.last_name.clone()),
        (c.phone.clone(), c.company.clone(), c.address.clone()),
        (c.city.clone(), c.country.clone(), c.birth_date.clone()),
        (c.preferred_language.clone(), c.contact_method, c.tier),
        (c.notes.clone(), c.marketing_consent),
        (c.gender, c.special_requirements.clone()),
    )
}

#[tokio::test]
async fn an_export_imports_back_with_formula_like_values_unchanged() {
    let (from, owner) = TestApp::with_owner().await;
    let forms = [
        CustomerInput {
            email: "ann@example.com".to_owned(),
            first_name: "=Ann".to_owned(),
            last_name: "-Smith".to_owned(),
            phone: "+44 20 7946 0958".to_owned(),
            company: "@Home Ltd".to_owned(),
            address: "+1 Formula Street".to_owned(),
            city: "=HYPERLINK(\"http://x.test\")".to_owned(),
            country: "GB".to_owned(),
            birth_date: "1980-02-03".to_owned(),
            preferred_language: "en-GB".to_owned(),
            contact_method: Some(keydesk_api::ContactMethod::Sms),
            tier: Some(keydesk_api::Tier::Gold),
            notes: "-- call after five\n=SUM(A1:A9)".to_owned(),
            marketing_consent: true,
            gender: Some(Gender::PreferNotToSay),
            special_requirements: "=Vegan; +1 wheelchair".to_owned(),
        },
        CustomerInput {
            email: "bob@example.com".to_owned(),
            first_name: "Bob".to_owned(),
            last_name: "O'Neil".to_owned(),
            company: "'Quoted' & Sons".to_owned(),
            notes: "'tis the season".to_owned(),
            ..CustomerInput::default()
        },
    ];
    let mut originals = Vec::new();
    for form in forms {
        originals.push(from.add_customer(&owner, form).await);
    }
    let dir = tempfile::tempdir().unwrap();
    let export = from
        .keydesk
        .export_customers_csv(&owner, &CustomerQuery::default(), dir.path())
        .await
        .unwrap();
    let file = std::fs::read_to_string(&export.path).unwrap();
    assert!(file.contains("'=Ann") && file.contains("'+44"), "{file}");
    from.cleanup().await;

    let (to, owner) = TestApp::with_owner().await;
    let path = Path::new(&export.path);
    let preview = preview(&to, &owner, path).await.unwrap();
    let report = check(&to, &owner, path, &preview.mapping).await.unwrap();
    assert_eq!(report.problem_count, 0, "{:?}", report.problems);
    let done = imported(&to, &owner, path, &preview.mapping, DuplicatePolicy::Skip).await;
    assert_eq!(done, outcome(2, 0, 0, 0));
    for original in &originals {
        let imported = find(&to.keydesk, &owner, &original.email).await;
        assert_eq!(exported_fields(&imported), exported_fields(original));
    }
    to.cleanup().await;
}

#[tokio::test]
async fn only_importers_may_cancel_an_import_and_strangers_flip_nothing() {
    let (app, owner) = TestApp::with_owner().await;
    let agent = app.member(&owner, "agent@agency.test", Role::Agent).await;
    let admin = app.member(&owner, "admin@agency.test", Role::Admin).await;
    let gone = app.member(&owner, "gone@agency.test", Role::Admin).await;
    app.keydesk
        .set_staff_active(&owner, gone.id(), false)
        .await
        .unwrap();
    // A session of another Keydesk: an admin this database never had (a number past
    // its last member).
    let (elsewhere, other_owner) = TestApp::with_owner().await;
    let mut stranger = other_owner.clone();
    for n in 0..5 {
        let email = format!("admin{n}@elsewhere.test");
        stranger = elsewhere
            .add_member(&other_owner, &email, Role::Admin)
            .await
            .0;
    }
    assert!(stranger.id().0 > gone.id().0);
    elsewhere.cleanup().await;

    let cancel_as = |actor: Actor| {
        let keydesk = &app.keydesk;
        async move {
            let running = ImportCancel::default();
            let answer = keydesk
                .cancel_customer_import(&actor, || running.cancel())
                .await;
            (answer, running.is_cancelled())
        }
    };
    let (answer, flipped) = cancel_as(agent).await;
    assert!(matches!(answer, Err(ServiceError::Access(_))) && !flipped);
    let (answer, flipped) = cancel_as(gone).await;
    assert!(matches!(answer, Err(ServiceError::Access(_))) && !flipped);
    let (answer, flipped) = cancel_as(stranger.clone()).await;
    assert!(
        matches!(answer, Err(ServiceError::Access(_))) && !flipped,
        "{answer:?}"
    );
    for actor in [owner, admin] {
        let (answer, flipped) = cancel_as(actor).await;
        assert!(answer.is_ok() && flipped);
    }
    app.cleanup().await;
}

/// A file with gender and special requirements columns: guessed from their headers, read
/// in the words spreadsheets use, and a gender Keydesk cannot read is refused on its row.
#[tokio::test]
async fn gender_and_special_requirements_import_from_their_columns() {
    let (app, owner) = TestApp::with_owner().await;
    let (_dir, path) = csv_file(
        "tour.csv",
        "Email,First name,Last name,Sex,Special requirements\n\
         sara@example.com,Sara,Ahmadi,F,Gluten-free meals\n\
         reza@example.com,Reza,Tehrani,مرد,\n\
         kim@example.com,Kim,Lee,Prefers not to say,Aisle seat\n\
         nima@example.com,Nima,Karimi,ترجیح می‌دهد نگوید,\n\
         bad@example.com,Bad,Row,sometimes,\n",
    );
    let preview = preview(&app, &owner, &path).await.unwrap();
    assert_eq!(
        preview.mapping[3..],
        [
            Some(ImportField::Gender),
            Some(ImportField::SpecialRequirements)
        ]
    );
    let report = check(&app, &owner, &path, &preview.mapping).await.unwrap();
    assert_eq!((report.new_customers, report.refused_rows), (4, 1));
    assert_eq!(report.problems[0].line, 6);
    assert_eq!(report.problems[0].field, "gender");

    import(&app, &owner, &path, &preview.mapping, DuplicatePolicy::Link)
        .await
        .unwrap();
    let sara = find(&app.keydesk, &owner, "sara@example.com").await;
    assert_eq!(sara.gender, Some(Gender::Female));
    assert_eq!(sara.special_requirements, "Gluten-free meals");
    let reza = find(&app.keydesk, &owner, "reza@example.com").await;
    assert_eq!(reza.gender, Some(Gender::Male));
    let kim = find(&app.keydesk, &owner, "kim@example.com").await;
    assert_eq!(kim.gender, Some(Gender::PreferNotToSay));
    let nima = find(&app.keydesk, &owner, "nima@example.com").await;
    assert_eq!(
        nima.gender,
        Some(Gender::PreferNotToSay),
        "the Persian name"
    );
    assert_eq!(app.search(&owner, "glut").await, ["sara@example.com"]);
    app.cleanup().await;
}
