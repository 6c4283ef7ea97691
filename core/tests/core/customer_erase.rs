//! Erasing a customer leaves nothing of them in the data folder: not in the search
//! index, not in freed pages, not in the WAL.

use crate::helpers::TestApp;
use keydesk_api::{CreateCustomerOutcome, CustomerInput, CustomerQuery};
use keydesk_core::domain::CustomerId;
use std::path::Path;

/// Words no other part of the database holds, one per searchable field, and one that
/// was edited away before the erase.
const NAME: &str = "Quorvath";
const EMAIL: &str = "zyxwelmo@example.com";
/// The email as the search index splits it.
const EMAIL_WORD: &str = "zyxwelmo";
const PHONE_DIGITS: &str = "2079460371";
const COMPANY: &str = "Brindlefoss";
const NOTE: &str = "jacquardine";
const OLD_NAME: &str = "Vespertilo";
const OLD_NOTE: &str = "ultramarinex";

/// Every file under `dir` whose bytes hold `needle` (as typed, or as the search index
/// folds it to lower case).
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let mut forms = vec![needle.to_owned(), needle.to_lowercase()];
            forms.dedup();
            for form in forms {
                if bytes.windows(form.len()).any(|w| w == form.as_bytes()) {
                    found.push(format!("{} holds {form:?}", path.display()));
                }
            }
        }
    }
    found
}

fn words() -> [&'static str; 8] {
    [
        NAME,
        EMAIL,
        EMAIL_WORD,
        PHONE_DIGITS,
        COMPANY,
        NOTE,
        OLD_NAME,
        OLD_NOTE,
    ]
}

#[tokio::test]
async fn an_erased_customer_is_in_no_file_of_the_data_folder() {
    let (app, owner) = TestApp::with_owner().await;
    // Neighbours before and after, so the customer's index entries share pages with
    // entries that stay.
    for n in 0..30 {
        let form = CustomerInput {
            email: format!("neighbour{n}@example.com"),
            first_name: format!("Neighbour{n}"),
            last_name: "Stays".to_owned(),
            company: "Acme Travel".to_owned(),
            notes: format!("regular customer number {n}"),
            ..CustomerInput::default()
        };
        app.keydesk.create_customer(&owner, form).await.unwrap();
    }
    let form = CustomerInput {
        email: EMAIL.to_owned(),
        first_name: OLD_NAME.to_owned(),
        last_name: "Smith".to_owned(),
        phone: format!("+44{PHONE_DIGITS}"),
        company: format!("{COMPANY} Ltd"),
        notes: format!("Met at the fair; {OLD_NOTE}"),
        ..CustomerInput::default()
    };
    let CreateCustomerOutcome::Created { customer } = app
        .keydesk
        .create_customer(&owner, form.clone())
        .await
        .unwrap()
    else {
        panic!("created");
    };
    // Edited: the old name and note are replaced.
    let edited = CustomerInput {
        first_name: NAME.to_owned(),
        notes: format!("Prefers mornings; {NOTE}"),
        ..form
    };
    app.keydesk
        .update_customer(&owner, CustomerId(customer.id), customer.version, edited)
        .await
        .unwrap();
    for n in 30..40 {
        let form = CustomerInput {
            email: format!("neighbour{n}@example.com"),
            first_name: format!("Neighbour{n}"),
            last_name: "Stays".to_owned(),
            ..CustomerInput::default()
        };
        app.keydesk.create_customer(&owner, form).await.unwrap();
    }
    let search = |text: &str| CustomerQuery {
        search: text.to_owned(),
        limit: 10,
        ..CustomerQuery::default()
    };
    let found = app
        .keydesk
        .list_customers(&owner, &search(NAME))
        .await
        .unwrap();
    assert_eq!(found.total, 1);

    // The index's secure-delete is stored with it: it holds after a restart too.
    let app = app.restart().await;
    let secure: i64 =
        sqlx::query_scalar("SELECT v FROM customers_fts_config WHERE k = 'secure-delete'")
            .fetch_one(app.keydesk.store().reader())
            .await
            .unwrap();
    assert_eq!(secure, 1);
    app.keydesk
        .erase_customer(&owner, CustomerId(customer.id), EMAIL)
        .await
        .unwrap();

    // While Keydesk is still open (a copy of the folder taken now), and after it closed.
    let data = app.paths.data_dir.clone();
    let left: Vec<String> = words()
        .iter()
        .flat_map(|w| files_holding(&data, w))
        .collect();
    assert!(left.is_empty(), "{left:#?}");
    for word in [NAME, COMPANY, NOTE, "quorv"] {
        let page = app
            .keydesk
            .list_customers(&owner, &search(word))
            .await
            .unwrap();
        assert_eq!(page.total, 0, "{word}");
    }
    let neighbours = app
        .keydesk
        .list_customers(&owner, &search("stays"))
        .await
        .unwrap();
    assert_eq!(neighbours.total, 40, "the others are still found");

    let app = app.close_keeping_data().await;
    let left: Vec<String> = words()
        .iter()
        .flat_map(|w| files_holding(&data, w))
        .collect();
    assert!(left.is_empty(), "{left:#?}");
    let app = app.reopen().await;
    app.cleanup().await;
}
