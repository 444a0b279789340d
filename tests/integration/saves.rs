//! Editors' saves under `rave build --watch`: a save is one rebuild, made from the whole file,
//! however the editor writes it and however long its write takes.

use std::io::Write as _;
use std::time::Duration;

use crate::live::out_text;
use crate::util::{Running, Site, args, with_front_matter};

#[test]
fn a_slow_vim_style_save_is_one_rebuild_of_the_whole_file() {
    let site = Site::new();
    site.story(
        "a.md",
        "title: Before the save\ndate: 2023-05-01\ncompany: Acme\nrating: B",
        "It went fine.\n",
    );
    let out = site.out();
    let rave = Running::spawn(&args(&[
        &"build",
        &"--watch",
        &"--root",
        &site.root(),
        &"--output",
        &out,
        &"--now",
        &"2024-01-01",
    ]));
    rave.wait_for("the first build", || {
        let stdout = rave.stdout();
        if stdout.contains("Watching for changes") {
            Ok(())
        } else {
            Err(stdout)
        }
    });
    let before = rave.rebuilds();
    // As vim saves: the file renamed to a backup, a new file written and closed, the backup
    // removed. Here the write stalls half way (a slow disk, a large file, fsync), far longer
    // than the watcher waits between events.
    let file = site.root().join("content/stories/a.md");
    let backup = site.root().join("content/stories/a.md~");
    std::fs::rename(&file, &backup).expect("rename to the backup");
    let text = with_front_matter(
        "title: After the save\ndate: 2023-05-01\ncompany: Acme\nrating: A",
        "It went better.\n",
    );
    let (head, tail) = text.split_at(text.len() / 2);
    let mut writing = std::fs::File::create(&file).expect("create the new file");
    writing.write_all(head.as_bytes()).expect("write");
    writing.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(500));
    writing.write_all(tail.as_bytes()).expect("write");
    drop(writing);
    std::fs::remove_file(&backup).expect("remove the backup");
    rave.wait_for("the rebuild after the save", || {
        out_text(&out, "stories/a/index.html").and_then(|page| {
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
        before + 1,
        "one save, one rebuild\n{}",
        rave.output()
    );
    assert!(
        !rave.stderr().contains("rebuild failed"),
        "a rebuild read the half-written file\n{}",
        rave.output()
    );
}
