//! `rave theme eject [TEMPLATE]`: copies a template of the built-in default theme into the
//! site's `templates/`, where it overrides the theme's own, to be edited. Never over a file.

use std::path::{Path, PathBuf};

use super::{AuthoringError, require_site, write_new_file};
use crate::load::theme::default_theme_files;

/// The templates of the built-in default theme, A-Z (`story.html` ...).
pub(crate) fn builtin_templates() -> Vec<&'static str> {
    let mut names: Vec<&str> = default_theme_files()
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("templates/"))
        .collect();
    names.sort_unstable();
    names
}

/// Writes the built-in `name` (with or without `.html`) to `<root>/templates/<name>` and returns
/// the path written.
pub(crate) fn eject_template(root: &Path, name: &str) -> Result<PathBuf, AuthoringError> {
    require_site(root)?;
    let wanted = name.trim().trim_start_matches("templates/");
    let wanted = if wanted.ends_with(".html") {
        wanted.to_owned()
    } else {
        format!("{wanted}.html")
    };
    let Some((_, bytes)) = default_theme_files()
        .iter()
        .find(|(path, _)| path.strip_prefix("templates/") == Some(wanted.as_str()))
    else {
        let names = builtin_templates();
        let help = match crate::diagnostics::did_you_mean(&wanted, names.iter().copied()) {
            Some(best) => format!("did you mean `{best}`? `rave theme eject` lists them all"),
            None => format!("the default theme's templates are: {}", names.join(", ")),
        };
        return Err(AuthoringError::usage(
            format!("the default theme has no template `{wanted}`"),
            help,
        ));
    };
    let path = root.join("templates").join(&wanted);
    write_new_file(
        &path,
        bytes,
        "eject never replaces a file",
        "edit that file, or delete it first to start again from the default theme's",
    )?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::authoring::test_site as site;

    #[test]
    fn lists_the_page_templates() {
        let names = builtin_templates();
        assert!(names.contains(&"story.html") && names.contains(&"base.html"));
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    }

    #[test]
    fn copies_once_and_never_over_a_file() {
        let dir = site();
        let path = eject_template(dir.path(), "story").expect("ejected");
        assert_eq!(path, dir.path().join("templates/story.html"));
        let builtin = default_theme_files()
            .iter()
            .find(|(p, _)| *p == "templates/story.html")
            .expect("built in")
            .1;
        assert_eq!(std::fs::read(&path).expect("read"), builtin);
        std::fs::write(&path, "mine").expect("edit");
        let e = eject_template(dir.path(), "story.html").expect_err("refused");
        assert_eq!(e.kind, super::super::ErrorKind::Refused);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "mine");
    }

    #[test]
    fn an_unknown_name_suggests_the_nearest() {
        let dir = site();
        let e = eject_template(dir.path(), "stroy").expect_err("unknown");
        assert_eq!(e.kind, super::super::ErrorKind::Usage);
        assert!(
            e.help.as_deref().unwrap_or("").contains("story.html"),
            "{e:?}"
        );
        assert!(!dir.path().join("templates").exists());
    }
}
