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
