//! Settings → Customer portal: the sign-in file to import, and the words of the exports
//! and of an import's report.

use keydesk_api::{
    IdentityProduct, ImportSignInsRequest, PortalAccountsExport, SignInImportReport,
};

use crate::form::{self, FormMeta, FormState};
use crate::words::{Said, Words};

form::fields! {
    pub enum SignInsField {
        Path = "file" => "sign-ins-path",
    }
}

/// The portal's sign-in file, chosen or pasted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInsForm {
    pub path: String,
    pub meta: FormMeta<SignInsField>,
}

impl SignInsForm {
    pub fn request(&self) -> ImportSignInsRequest {
        ImportSignInsRequest {
            path: self.path.trim().to_owned(),
        }
    }
}

/// The file was imported: the form may be sent again (the same file changes nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignInsImported;

impl FormState for SignInsForm {
    type Field = SignInsField;
    type Own = SignInsImported;

    form::meta_in_field!();

    fn own(&mut self, _: SignInsImported) -> bool {
        self.meta.reset();
        true
    }

    form::text_values!(
        SignInsField::Path => path,
    );

    /// A file must be named.
    fn check(&self, field: SignInsField) -> Option<Said> {
        match field {
            SignInsField::Path if self.path.trim().is_empty() => {
                Some(Said::id("settings-portal-check-file"))
            }
            _ => None,
        }
    }
}

form::reducible!(SignInsForm);

/// The identity product's own name: a name, not a word to translate, the same in every
/// language.
pub fn product_name(product: IdentityProduct) -> &'static str {
    product.label()
}

/// "Saved 3 accounts for Auth0 to …": where the export went, and who is not in it.
pub fn exported_text(
    words: &Words,
    product: IdentityProduct,
    export: &PortalAccountsExport,
) -> String {
    let accounts = words.count("settings-portal-export-accounts", export.accounts);
    let files = match export.files.as_slice() {
        [one] => one.clone(),
        many => {
            let list = many.join(", ");
            let count = words.count("settings-portal-export-files", many.len() as i64);
            words.t_with(
                "settings-portal-export-file-list",
                &[("files", &count), ("list", &list)],
            )
        }
    };
    let values = [
        ("accounts", accounts.as_str()),
        ("product", product_name(product)),
        ("files", files.as_str()),
    ];
    match export.without_login {
        0 => words.t_with("settings-portal-exported", &values),
        n => {
            let left_out = words.count("settings-portal-export-left-out", n);
            let mut values = values.to_vec();
            values.push(("left_out", &left_out));
            words.t_with("settings-portal-exported-left-out", &values)
        }
    }
}

/// "Recorded 4 sign-ins for 3 customers; 2 were already known."
pub fn report_text(words: &Words, report: &SignInImportReport) -> String {
    let sign_ins = words.count("settings-portal-report-sign-ins", report.recorded as i64);
    let customers = words.count("settings-portal-report-customers", report.customers as i64);
    let mut values = vec![
        ("sign_ins", sign_ins.as_str()),
        ("customers", customers.as_str()),
    ];
    let known = words.count("settings-portal-report-known", report.already_known as i64);
    let recorded = if report.already_known > 0 {
        values.push(("known", &known));
        words.t_with("settings-portal-report-recorded-known", &values)
    } else {
        words.t_with("settings-portal-report-recorded", &values)
    };
    if report.problem_count == 0 {
        return recorded;
    }
    let lines = words.count("settings-portal-report-lines", report.problem_count as i64);
    words.t_with(
        "settings-portal-report-skipped",
        &[
            ("recorded", &recorded),
            ("lines", &lines),
            ("file", &report.file_name),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::{reduce, FormAction};
    use std::rc::Rc;

    #[test]
    fn an_imported_file_leaves_the_form_ready_to_import_again() {
        let form = Rc::new(SignInsForm::default());
        let form = reduce(
            form,
            FormAction::Edit(SignInsField::Path, "/tmp/s.csv".into()),
        );
        let form = reduce(form, FormAction::Submit);
        assert!(form.meta.busy);
        let form = reduce(form, FormAction::Own(SignInsImported));
        assert!(!form.meta.busy);
        assert_eq!(form.path, "/tmp/s.csv");
        assert!(reduce(form, FormAction::Submit).meta.busy);
    }

    fn english() -> Words {
        Words::new(crate::words::speaking(keydesk_api::Language::En))
    }

    #[test]
    fn a_missing_file_is_said_in_the_language_of_the_moment() {
        let form = reduce(Rc::new(SignInsForm::default()), FormAction::Submit);
        assert!(!form.meta.busy);
        assert_eq!(
            crate::words::in_english(form.field_error(SignInsField::Path)).as_deref(),
            Some("Choose the portal's sign-in file, or paste its path.")
        );
        let said = crate::words::in_persian(form.field_error(SignInsField::Path)).unwrap();
        assert!(!said.starts_with('[') && !said.contains("Choose"), "{said}");
    }

    #[test]
    fn the_report_says_what_was_recorded_known_and_skipped() {
        let report = SignInImportReport {
            file_name: "sign-ins.csv".into(),
            rows: 7,
            recorded: 4,
            already_known: 2,
            customers: 3,
            problems: vec![],
            problem_count: 1,
        };
        assert_eq!(
            report_text(&english(), &report),
            "Recorded 4 sign-ins for 3 customers; 2 were already known. 1 line of sign-ins.csv skipped:"
        );
        let persian = Words::new(crate::words::speaking(keydesk_api::Language::Fa));
        let said = report_text(&persian, &report);
        assert!(
            !said.contains('[') && said.contains("sign-ins.csv"),
            "{said}"
        );
        assert!(said.contains('۴') && !said.contains("Recorded"), "{said}");
        let again = SignInImportReport {
            recorded: 0,
            already_known: 1,
            customers: 0,
            problem_count: 0,
            ..report
        };
        assert_eq!(
            report_text(&english(), &again),
            "Recorded 0 sign-ins for 0 customers; 1 was already known."
        );
    }

    #[test]
    fn an_export_names_its_files_and_who_is_left_out() {
        let export = PortalAccountsExport {
            files: vec!["/d/a-part-1.json".into(), "/d/a-part-2.json".into()],
            accounts: 1,
            without_login: 2,
        };
        let text = exported_text(&english(), IdentityProduct::Auth0, &export);
        assert!(text.starts_with(
            "Saved 1 account for Auth0 to 2 files (/d/a-part-1.json, /d/a-part-2.json). 2 customers without a login yet are not in it. It holds password hashes, never a password."
        ));
        assert!(text.ends_with(crate::words::FILE_NOT_ENCRYPTED), "{text}");
        let one = PortalAccountsExport {
            files: vec!["/d/k.json".into()],
            accounts: 3,
            without_login: 1,
        };
        assert_eq!(
            exported_text(&english(), IdentityProduct::Keycloak, &one),
            format!(
                "Saved 3 accounts for Keycloak to /d/k.json. 1 customer without a login yet is not in it. It holds password hashes, never a password. {}",
                crate::words::FILE_NOT_ENCRYPTED
            )
        );
        let all = PortalAccountsExport {
            without_login: 0,
            ..one
        };
        let persian = Words::new(crate::words::speaking(keydesk_api::Language::Fa));
        for export in [&export, &all] {
            for words in [&english(), &persian] {
                let text = exported_text(words, IdentityProduct::Auth0, export);
                assert!(
                    !text.contains("[settings-portal") && !text.contains("  "),
                    "{text}"
                );
            }
        }
        assert!(exported_text(&english(), IdentityProduct::Keycloak, &all)
            .starts_with("Saved 3 accounts for Keycloak to /d/k.json. It holds"));
    }
}
