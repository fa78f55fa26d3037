//! Snapshots between colleagues and data that is never lost (issue 6), in the browser:
//! import preview and merge, undo of an import, backup restore, two tabs writing, the
//! embedded file opened in a fresh profile, inert hostile text, leaving with unexported
//! changes.

use lakip_core::model::value::Value;
use lakip_core::model::{Id, Kegiatan, Output, Program, SubKegiatan};
use lakip_e2e::{both_browsers, temp_dir, App, Browser, Profile};

const ORIGINAL: &str = "Rp 14.538.093.081";

async fn expect(app: &mut App, testid: &str, want: &str) -> Result<(), String> {
    let got = app.wait_text(testid, want).await?;
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "[{}] {testid}: diharapkan {want:?}, tertulis {got:?}",
            app.browser.name()
        ))
    }
}

async fn example(app: &mut App) -> Result<(), String> {
    app.click("load-example").await?;
    expect(app, "total-realisasi", ORIGINAL).await?;
    expect(app, "save-state", "Tersimpan di browser ini").await
}

/// A colleague's copy: P4.K2.S1 realisasi 0 and a new sub kegiatan in P1 (pagu 5.000.000).
fn colleague_file() -> std::path::PathBuf {
    let mut r = lakip_core::example::example();
    r.programs[3].kegiatan[1].sub_kegiatan[0].realisasi = Some(0.into());
    r.programs[0].kegiatan[0].sub_kegiatan.push(SubKegiatan {
        id: Id::new("bidang-baru"),
        name: "Sub kegiatan dari Bidang".into(),
        pagu: Some(5_000_000.into()),
        realisasi: Some(1_000_000.into()),
        outputs: vec![Output {
            id: Id::new("bidang-baru-o"),
            name: "Dokumen".into(),
            target: Some(Value::Number(2.into())),
            realisasi: Some(Value::Number(1.into())),
            ..Default::default()
        }],
        ..Default::default()
    });
    let path = temp_dir("kiriman").join("lakip-bidang.json");
    std::fs::write(
        &path,
        lakip_core::exchange::snapshot::export_pretty(&r, &Default::default()),
    )
    .unwrap();
    path
}

async fn import_preview_merge_undo(browser: Browser) -> Result<(), String> {
    let file = colleague_file();
    let mut app = App::open(browser, Profile::default()).await?;
    example(&mut app).await?;
    app.click("tab-beranda").await?;
    app.choose_file("import-file", &file).await?;
    // The preview says what differs, old → new, before anything changes.
    let summary = app.text("diff-summary").await?;
    assert!(
        summary.contains("ditambahkan") && summary.contains("1 berubah"),
        "{summary}"
    );
    let groups = app.text("diff-groups").await?;
    assert!(groups.contains("Rp 12.588.240 → Rp 0"), "{groups}");
    assert!(groups.contains("Sub kegiatan dari Bidang"), "{groups}");
    app.click("tab-anggaran").await?;
    expect(&mut app, "total-realisasi", ORIGINAL).await?;
    // Merge only Program IV.
    app.click("tab-beranda").await?;
    app.click("merge-p4").await?;
    app.click("import-merge").await?;
    expect(&mut app, "total-realisasi", "Rp 14.525.504.841").await?;
    assert_eq!(
        app.text("total-pagu").await?,
        "Rp 15.447.851.952",
        "Program I tidak diambil"
    );
    // Undo of the import (Ctrl+Z's button).
    app.click("undo").await?;
    expect(&mut app, "total-realisasi", ORIGINAL).await?;
    app.click("redo").await?;
    expect(&mut app, "total-realisasi", "Rp 14.525.504.841").await?;
    expect(&mut app, "save-state", "Tersimpan di browser ini").await?;
    // The state before the import is a backup, restored in one click.
    app.click("tab-beranda").await?;
    let list = app.text("backup-list").await?;
    assert!(list.contains("penggabungan"), "{list}");
    app.click_css("[data-testid=backup-row] [data-testid=backup-restore]", 0)
        .await?;
    app.click("tab-anggaran").await?;
    expect(&mut app, "total-realisasi", ORIGINAL).await?;
    // Replace the whole report from the same file: everything of the file is there.
    app.click("tab-beranda").await?;
    app.choose_file("import-file", &file).await?;
    app.click("import-replace").await?;
    expect(&mut app, "total-realisasi", "Rp 14.526.504.841").await?;
    expect(&mut app, "total-pagu", "Rp 15.452.851.952").await?;
    // And the notice's button takes it back.
    app.click("notice-restore").await?;
    app.click("tab-anggaran").await?;
    expect(&mut app, "total-realisasi", ORIGINAL).await?;
    // Everything survives a reload.
    app.reload().await?;
    app.click("tab-anggaran").await?;
    expect(&mut app, "total-realisasi", ORIGINAL).await?;
    app.close().await
}
both_browsers!(import_merge_case, import_preview_merge_undo);

/// Two tabs of one browser: a save in one reaches the other; a tab with unsaved changes is
/// never silently overwritten, the user chooses.
async fn two_tabs(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    example(&mut app).await?;
    let first = app.client.window().await.map_err(|e| e.to_string())?;
    let second = app
        .client
        .new_window(true)
        .await
        .map_err(|e| e.to_string())?
        .handle;
    app.client
        .switch_to_window(second.clone())
        .await
        .map_err(|e| e.to_string())?;
    app.goto(&lakip_e2e::app_url()).await?;
    app.click("tab-anggaran").await?;
    expect(&mut app, "total-realisasi", ORIGINAL).await?;
    // Tab 2 saves a change; tab 1 (nothing unsaved) follows.
    app.enter("input-realisasi-p1-k1-s1", "0").await?;
    expect(&mut app, "save-state", "Tersimpan di browser ini").await?;
    app.client
        .switch_to_window(first.clone())
        .await
        .map_err(|e| e.to_string())?;
    expect(&mut app, "total-realisasi", "Rp 14.523.643.981").await?;
    // Tab 1 changes something but has not saved it yet; tab 2 saves again.
    app.js("window.lakipApi.lakip_test_hold_saves(true); return 1;")
        .await?;
    app.enter("input-realisasi-p1-k1-s2", "0").await?;
    app.client
        .switch_to_window(second.clone())
        .await
        .map_err(|e| e.to_string())?;
    app.enter("input-realisasi-p1-k1-s3", "0").await?;
    expect(&mut app, "save-state", "Tersimpan di browser ini").await?;
    app.client
        .switch_to_window(first.clone())
        .await
        .map_err(|e| e.to_string())?;
    let banner = app.text("conflict-banner").await?;
    assert!(banner.contains("versi yang lebih baru"), "{banner}");
    // Releasing the held save must not overwrite the newer state.
    app.js("window.lakipApi.lakip_test_hold_saves(false); return 1;")
        .await?;
    assert!(app.exists("conflict-banner").await);
    let stored = app.stored().await?;
    // The user keeps this tab's version: stored, and the other tab's kept as a backup.
    app.click("conflict-overwrite").await?;
    expect(&mut app, "save-state", "Tersimpan di browser ini").await?;
    assert_ne!(app.stored().await?, stored);
    app.click("tab-beranda").await?;
    let list = app.text("backup-list").await?;
    assert!(list.contains("tab lain"), "{list}");
    // Tab 2 follows tab 1's saved version.
    app.client
        .switch_to_window(second)
        .await
        .map_err(|e| e.to_string())?;
    expect(&mut app, "total-realisasi", "Rp 14.517.644.781").await?;
    app.close().await
}
both_browsers!(two_tabs_case, two_tabs);

/// "Simpan sebagai file mandiri": the copy opens with the report in a fresh profile; in a
/// browser that holds another report the user chooses.
async fn standalone_file(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    example(&mut app).await?;
    app.enter("input-realisasi-p1-k1-s1", "1.000").await?;
    expect(&mut app, "total-realisasi", "Rp 14.523.644.981").await?;
    app.click("tab-beranda").await?;
    app.click("save-standalone").await?;
    let file = app.downloaded(".html").await?;
    app.close().await?;
    let copy = temp_dir("mandiri").join("lakip-kiriman.html");
    std::fs::copy(&file, &copy).map_err(|e| e.to_string())?;

    let mut fresh = App::start(browser, Profile::default()).await?;
    fresh.goto(&format!("file://{}", copy.display())).await?;
    expect(&mut fresh, "total-realisasi", "Rp 14.523.644.981").await?;
    assert!(fresh
        .text("report-title")
        .await?
        .contains("Dinas Sosial Kota Pontianak"));
    // Reloaded, it is not offered again: the report is simply there.
    fresh.reload().await?;
    assert!(!fresh.exists("embedded-offer").await);
    fresh.close().await?;

    // A browser that already holds a report: the user chooses; "compare" shows the diff.
    let mut other = App::open(browser, Profile::default()).await?;
    example(&mut other).await?;
    other.goto(&format!("file://{}", copy.display())).await?;
    other.find("embedded-offer").await?;
    other.click("embedded-compare").await?;
    let groups = other.text("diff-groups").await?;
    assert!(groups.contains("Rp 14.449.100 → Rp 1.000"), "{groups}");
    other.click("import-cancel").await?;
    other.click("tab-anggaran").await?;
    expect(&mut other, "total-realisasi", ORIGINAL).await?;
    other.close().await
}
both_browsers!(standalone_case, standalone_file);

/// Hostile text in a snapshot renders as text: no script runs, no element is made.
async fn hostile_text_is_inert(browser: Browser) -> Result<(), String> {
    let xss = [
        "<script>window.__xss=1</script>",
        "<img src=x onerror=\"window.__xss=2\">",
        "javascript:window.__xss=3",
        "\"><svg onload=window.__xss=4>",
        "</script><script>window.__xss=5</script>",
    ];
    let mut r = lakip_core::example::example();
    r.instansi = xss[0].into();
    r.programs.push(Program {
        id: Id::new("x-p"),
        name: xss[1].into(),
        code: "1.02.03".into(),
        kegiatan: vec![Kegiatan {
            id: Id::new("x-k"),
            name: xss[2].into(),
            code: "1.02.03.2.01".into(),
            sub_kegiatan: vec![SubKegiatan {
                id: Id::new("x-s"),
                name: format!("{} {}", xss[3], "A".repeat(1900)),
                pagu: Some(1.into()),
                outputs: vec![Output {
                    id: Id::new("x-o"),
                    name: xss[4].into(),
                    unit: xss[1].into(),
                    ..Default::default()
                }],
                ..Default::default()
            }],
            ..Default::default()
        }],
        ..Default::default()
    });
    r.sasaran[0].iku[0].cause = xss.join(" ").repeat(100);
    let path = temp_dir("xss").join("xss.json");
    std::fs::write(
        &path,
        lakip_core::exchange::snapshot::export(&r, &Default::default()),
    )
    .unwrap();
    let mut app = App::open(browser, Profile::default()).await?;
    app.choose_file("import-file", &path).await?;
    app.click("import-new").await?;
    app.find("total-realisasi").await?;
    app.click("expand-all").await?;
    app.click("toggle-x-s").await?;
    for tab in ["tab-rencana", "tab-laporan", "tab-beranda"] {
        app.click(tab).await?;
    }
    app.click("tab-laporan").await?;
    app.click("show-all").await?;
    let v = app
        .js("return { xss: window.__xss || 0, imgs: document.querySelectorAll('img').length, svgs: document.querySelectorAll('svg[onload]').length, \
             scripts: Array.from(document.scripts).filter(function (s) { return s.textContent.indexOf('__xss') >= 0; }).length, \
             title: document.querySelector('[data-testid=report-title]').textContent };")
        .await?;
    assert_eq!(v["xss"], 0, "{v}");
    assert_eq!(v["imgs"], 0, "{v}");
    assert_eq!(v["svgs"], 0, "{v}");
    assert_eq!(v["scripts"], 0, "{v}");
    assert!(
        v["title"].as_str().unwrap_or("").contains("<script>"),
        "shown as text: {v}"
    );
    app.close().await
}
both_browsers!(hostile_text_case, hostile_text_is_inert);

/// Leaving with changes never exported asks first; after an export it does not.
async fn leaving_asks_until_exported(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    example(&mut app).await?;
    let check = "var e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;";
    assert_eq!(app.js(check).await?, true);
    assert_eq!(app.text("export-state").await?, "Belum pernah diekspor");
    app.click("tab-beranda").await?;
    app.click("export-json").await?;
    app.downloaded(".json").await?;
    expect(&mut app, "export-state", "Sudah diekspor").await?;
    assert_eq!(app.js(check).await?, false);
    app.click("tab-anggaran").await?;
    app.enter("input-realisasi-p1-k1-s1", "0").await?;
    expect(
        &mut app,
        "export-state",
        "1 perubahan tersimpan sejak ekspor terakhir",
    )
    .await?;
    assert_eq!(app.js(check).await?, true);
    app.close().await
}
both_browsers!(leaving_case, leaving_asks_until_exported);
