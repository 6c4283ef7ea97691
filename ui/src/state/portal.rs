//! Settings → Customer portal: the sign-in file to import, and the words of the exports
//! and of an import's report.

use keydesk_api::{
    IdentityProduct, ImportSignInsRequest, PortalAccountsExport, SignInImportReport,
};

use super::saved_file::NOT_ENCRYPTED;
use crate::form::{self, FormMeta, FormState};

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

    fn check(&self, field: SignInsField) -> Option<String> {
        match field {
            SignInsField::Path if self.path.trim().is_empty() => {
                Some("Choose the portal's sign-in file, or paste its path.".to_owned())
            }
            _ => None,
        }
    }
}

form::reducible!(SignInsForm);

/// "Saved 3 accounts for Auth0 to …": where the export went, and who is not in it.
pub fn exported_text(product: IdentityProduct, export: &PortalAccountsExport) -> String {
    let accounts = plural(export.accounts, "account", "accounts");
    let files = match export.files.as_slice() {
        [one] => one.clone(),
        many => format!("{} files ({})", many.len(), many.join(", ")),
    };
    let left_out = match export.without_login {
        0 => String::new(),
        n => format!(
            " {} without a login yet {} not in it.",
            plural(n, "customer", "customers"),
            if n == 1 { "is" } else { "are" }
        ),
    };
    format!(
        "Saved {accounts} for {} to {files}.{left_out} It holds password hashes, never a password. {NOT_ENCRYPTED}",
        product.label()
    )
}

/// "Recorded 4 sign-ins for 3 customers; 2 were already known."
pub fn report_text(report: &SignInImportReport) -> String {
    let mut text = format!(
        "Recorded {} for {}",
        plural(report.recorded as i64, "sign-in", "sign-ins"),
        plural(report.customers as i64, "customer", "customers"),
    );
    if report.already_known > 0 {
        let verb = if report.already_known == 1 {
            "was"
        } else {
            "were"
        };
        text.push_str(&format!("; {} {verb} already known", report.already_known));
    }
    text.push('.');
    if report.problem_count > 0 {
        text.push_str(&format!(
            " {} of {} skipped:",
            plural(report.problem_count as i64, "line", "lines"),
            report.file_name
        ));
    }
    text
}

fn plural(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
            report_text(&report),
            "Recorded 4 sign-ins for 3 customers; 2 were already known. 1 line of sign-ins.csv skipped:"
        );
        let again = SignInImportReport {
            recorded: 0,
            already_known: 1,
            customers: 0,
            problem_count: 0,
            ..report
        };
        assert_eq!(
            report_text(&again),
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
        let text = exported_text(IdentityProduct::Auth0, &export);
        assert!(text.starts_with(
            "Saved 1 account for Auth0 to 2 files (/d/a-part-1.json, /d/a-part-2.json). 2 customers without a login yet are not in it. It holds password hashes, never a password."
        ));
    }
}
