//! Checking a finished report by pasting its tables (issue 7), in the browser: paste Tabel
//! 3.1 as it stands in the seed, correct one mapping, see the flagged rows with their
//! causes, take the table into a new report and see its totals.

use lakip_e2e::{both_browsers, App, Browser, Profile};

fn fixture(name: &str) -> String {
    let path = lakip_e2e::root()
        .join("crates/lakip-core/tests/fixtures/paste")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Put text into the paste box as a paste does (tabs and all), then add it.
async fn paste(app: &mut App, name: &str, text: &str) -> Result<(), String> {
    app.type_into("paste-name", name).await?;
    let area = app.find("paste-area").await?;
    let arg = serde_json::to_value(&area).map_err(|e| e.to_string())?;
    app.client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
            vec![arg, serde_json::Value::String(text.to_string())],
        )
        .await
        .map_err(|e| e.to_string())?;
    app.click("paste-add").await
}

async fn paste_check_take(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.click("tab-periksa").await?;
    paste(&mut app, "Tabel 3.1", &fixture("tabel-3.1_L1207-1294.txt")).await?;
    let kind = app
        .find("table-kind")
        .await?
        .prop("value")
        .await
        .map_err(|e| e.to_string())?;
    assert_eq!(
        kind.as_deref(),
        Some("0"),
        "diusulkan sebagai tabel anggaran"
    );

    // A wrong mapping hides the percentage errors: the % column read as plain text.
    let text_role = lakip_core::check::ColumnRole::ALL
        .iter()
        .position(|r| *r == lakip_core::check::ColumnRole::Text)
        .unwrap();
    let serapan_role = lakip_core::check::ColumnRole::ALL
        .iter()
        .position(|r| *r == lakip_core::check::ColumnRole::Serapan)
        .unwrap();
    let col = app.find("col-role-4").await?;
    col.select_by_value(&text_role.to_string())
        .await
        .map_err(|e| e.to_string())?;
    app.click("check-run").await?;
    let without = app.text("table-hasil-periksa").await?;
    assert!(!without.contains("95,65"), "{without}");
    // Corrected: the column is the serapan again.
    let col = app.find("col-role-4").await?;
    col.select_by_value(&serapan_role.to_string())
        .await
        .map_err(|e| e.to_string())?;
    app.click("check-run").await?;
    let result = app.text("table-hasil-periksa").await?;
    for part in [
        "1.076.208.440", // P4 realisasi as recomputed
        "75.083.740",    // its kegiatan
        "12.588.240",    // the row left out of the kegiatan sum
        "14.538.093.081",
        "96,78",
        "95,91",
        "94,11",
    ] {
        assert!(
            result.contains(part),
            "[{}] tidak ada {part:?}:\n{result}",
            browser.name()
        );
    }
    // Tabel 3.1's wrong figures (seed-discrepancies.md §3, rows 4, 5, 13, 14, 16, 20, 23,
    // 24): realisasi and % of P4 (line 1257), of P4.K2 (1273) and of JUMLAH (1294).
    let summary = app.text("check-summary").await?;
    assert!(
        summary.starts_with("6 angka ditandai (6 salah"),
        "{summary}"
    );
    // Correct rows are not flagged: Program I's own total is right.
    assert!(
        !result.contains("8.505.578.291"),
        "baris yang benar ditandai:\n{result}"
    );

    // Take the table into a new report: its totals computed from its rows.
    app.type_into("take-instansi", "Dinas Sosial Kota Pontianak")
        .await?;
    app.type_into("take-tahun", "2024").await?;
    app.click("take-report").await?;
    let total = app
        .wait_text("total-realisasi", "Rp 14.538.093.081")
        .await?;
    assert_eq!(total, "Rp 14.538.093.081");
    assert_eq!(app.text("total-pagu").await?, "Rp 15.447.851.952");
    assert_eq!(app.text("total-serapan").await?, "94,11%");
    app.close().await
}
both_browsers!(paste_check_take_case, paste_check_take);

/// Tabel 1.1 (SPM) checks out entirely: nothing flagged.
async fn correct_table_is_not_flagged(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.click("tab-periksa").await?;
    paste(&mut app, "Tabel 1.1", &fixture("tabel-1.1_L119-141.txt")).await?;
    app.click("check-run").await?;
    let summary = app.text("check-summary").await?;
    assert!(summary.starts_with("0 angka ditandai"), "{summary}");
    app.close().await
}
both_browsers!(correct_table_case, correct_table_is_not_flagged);

/// Paste `text` into the element through the clipboard: the text is put on the browser's
/// clipboard and Ctrl+V pressed in the element, so the page gets a real (trusted) paste
/// event and its paste handler reads the clipboard's text.
async fn clipboard_paste(app: &mut App, testid: &str, text: &str) -> Result<(), String> {
    let written = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             if (!navigator.clipboard || !navigator.clipboard.writeText) { done('no clipboard API'); return; } \
             navigator.clipboard.writeText(arguments[0]).then(() => done('ok'), e => done(String(e)));",
            vec![serde_json::Value::String(text.to_string())],
        )
        .await
        .map_err(|e| e.to_string())?;
    if written.as_str() != Some("ok") {
        return Err(format!("clipboard not writable: {written}"));
    }
    let area = app.find(testid).await?;
    app.click_el(&area).await?;
    app.chord(fantoccini::key::Key::Control, "v").await
}

/// Issue 15: the seed's Tabel 3.1 pasted as plain text (no bold, as from a PDF), through a
/// real Ctrl+V from the clipboard: the checker finds the hierarchy from the
/// numbers and gives only the genuine findings; a whole level is corrected in one step; the
/// tables, mapping and findings survive leaving the page and a reload.
async fn plain_paste_structure_and_reload(browser: Browser) -> Result<(), String> {
    let path = lakip_e2e::root()
        .join("crates/lakip-core/tests/fixtures/check/seed-tabel-3.1_L1207-1294-plain.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    assert!(!text.contains("<b>"));
    let mut app = App::open(browser, Profile::default()).await?;
    app.click("tab-periksa").await?;
    app.type_into("paste-name", "Tabel 3.1").await?;
    clipboard_paste(&mut app, "paste-area", &text).await?;
    // The text arrived through the paste handler, tabs and all.
    let pasted = app.value("paste-area").await?;
    assert_eq!(pasted.replace("\r\n", "\n"), text, "[{}]", browser.name());
    app.click("paste-add").await?;

    // The structure chosen: programs, kegiatan (no number), sub kegiatan ("1.").
    let sums = app.text("structure-sums").await?;
    assert!(sums.contains("44 dari 46"), "[{}] {sums}", browser.name());
    let groups = app.all("[data-testid=structure-group]").await?;
    assert_eq!(groups.len(), 3);

    app.click("check-run").await?;
    let summary = app.text("check-summary").await?;
    assert!(
        summary.starts_with("6 angka ditandai (6 salah"),
        "[{}] {summary}",
        browser.name()
    );
    let result = app.text("table-hasil-periksa").await?;
    for part in [
        "1.076.208.440",
        "75.083.740",
        "14.538.093.081",
        "96,78",
        "95,91",
        "94,11",
    ] {
        assert!(
            result.contains(part),
            "[{}] {part}:\n{result}",
            browser.name()
        );
    }
    assert!(!result.contains("30.895.703.904"), "JUMLAH counted twice");

    // One step: the unnumbered rows are sub kegiatan too. The sums say it is wrong.
    let select = app.find("group-level-1").await?;
    select
        .select_by_value("2")
        .await
        .map_err(|e| e.to_string())?;
    let sums = app.text("structure-sums").await?;
    assert!(!sums.contains("44 dari 46"), "{sums}");
    // And back to kegiatan.
    let select = app.find("group-level-1").await?;
    select
        .select_by_value("1")
        .await
        .map_err(|e| e.to_string())?;
    app.wait_text_contains("structure-sums", "44 dari 46")
        .await?;
    app.click("check-run").await?;

    // Leaving the page and coming back, then a reload: all still there.
    app.click("tab-beranda").await?;
    app.click("tab-periksa").await?;
    let again = app.text("check-summary").await?;
    assert_eq!(
        again,
        summary,
        "[{}] after leaving the page",
        browser.name()
    );
    app.reload().await?;
    app.click("tab-periksa").await?;
    let again = app.text("check-summary").await?;
    assert_eq!(again, summary, "[{}] after a reload", browser.name());
    assert!(app.text("structure-sums").await?.contains("44 dari 46"));
    let result_again = app.text("table-hasil-periksa").await?;
    assert_eq!(result_again, result);
    app.close().await
}
both_browsers!(plain_paste_case, plain_paste_structure_and_reload);
