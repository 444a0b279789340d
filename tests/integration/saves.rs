//! Editors' saves under `rave build --watch`: a save is one rebuild, made from the whole file,
//! however the editor writes it and however long its write takes.

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use crate::live::out_text;
use crate::util::{Running, Site, with_front_matter};

/// How long a save's write stalls half way (a slow disk, a large file, fsync): far longer than
/// the watcher waits between events, and than the 150 ms a fixed debounce used to wait.
const STALL: Duration = Duration::from_millis(500);

/// `rave build --watch` on a one-story site, past its first build.
struct Watching {
    site: Site,
    out: PathBuf,
    rave: Running,
    /// Rebuilds reported before the save.
    before: usize,
}

impl Watching {
    fn start() -> Watching {
        let site = Site::new();
        site.story(
            "a.md",
            "title: Before the save\ndate: 2023-05-01\ncompany: Acme\nrating: B",
            "It went fine.\n",
        );
        let out = site.out();
        let rave = Running::spawn(&site.build_args(&out, &["--watch"]));
        rave.wait_for_line("Watching for changes");
        let before = rave.rebuilds();
        Watching {
            site,
            out,
            rave,
            before,
        }
    }

    fn story_file(&self) -> PathBuf {
        self.site.root().join("content/stories/a.md")
    }

    /// Checks that the save was one rebuild, and that no rebuild read the file half written.
    fn expect_one_rebuild_of_the_whole_file(&self) {
        let rave = &self.rave;
        rave.wait_for("the rebuild after the save", || {
            out_text(&self.out, "stories/a/index.html").and_then(|page| {
                if page.contains("After the save") {
                    Ok(())
                } else {
                    Err("the story page shows the old title".to_owned())
                }
            })
        });
        // Let any further rebuild the save caused show up.
        std::thread::sleep(Duration::from_millis(1500));
        assert_eq!(
            rave.rebuilds(),
            self.before + 1,
            "one save, one rebuild\n{}",
            rave.output()
        );
        assert!(
            !rave.stderr().contains("rebuild failed"),
            "a rebuild read the half-written file\n{}",
            rave.output()
        );
    }
}

/// The story's text after the save, in two halves: the first ends inside the front matter.
fn saved_text() -> (String, String) {
    let text = with_front_matter(
        "title: After the save\ndate: 2023-05-01\ncompany: Acme\nrating: A",
        "It went better.\n",
    );
    let (head, tail) = text.split_at(text.len() / 2);
    (head.to_owned(), tail.to_owned())
}

/// Writes `head`, stalls, writes `tail` and closes the file.
fn write_slowly(mut file: std::fs::File, head: &str, tail: &str) {
    file.write_all(head.as_bytes()).expect("write");
    file.flush().expect("flush");
    std::thread::sleep(STALL);
    file.write_all(tail.as_bytes()).expect("write");
}

#[test]
fn a_slow_vim_style_save_is_one_rebuild_of_the_whole_file() {
    let watching = Watching::start();
    // As vim saves: the file renamed to a backup, a new file written and closed, the backup
    // removed.
    let file = watching.story_file();
    let backup = file.with_file_name("a.md~");
    std::fs::rename(&file, &backup).expect("rename to the backup");
    let (head, tail) = saved_text();
    write_slowly(
        std::fs::File::create(&file).expect("create the new file"),
        &head,
        &tail,
    );
    std::fs::remove_file(&backup).expect("remove the backup");
    watching.expect_one_rebuild_of_the_whole_file();
}

#[test]
fn a_slow_vs_code_style_save_is_one_rebuild_of_the_whole_file() {
    let watching = Watching::start();
    // As VS Code saves by default: the file truncated and written in place, then closed.
    let (head, tail) = saved_text();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(watching.story_file())
        .expect("open the story to write it in place");
    write_slowly(file, &head, &tail);
    watching.expect_one_rebuild_of_the_whole_file();
}
