//! No edit is ever lost (issue 12), in the browser: the backups of a stored report whose
//! current value no longer reads stay listed and restore it; a CSV cell that a spreadsheet
//! would run as a formula is written inert.

use lakip_e2e::{both_browsers, temp_dir, App, Browser, Profile};

const ORIGINAL: &str = "Rp 14.538.093.081";

/// Finding 6: corrupt the stored report after a backup of it was made (by an import that
/// replaced it); on reload the backup is still listed and restores the report.
async fn backups_of_an_unreadable_report(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.click("load-example").await?;
    app.wait_text("total-realisasi", ORIGINAL).await?;
    app.wait_text("save-state", "Tersimpan di browser ini")
        .await?;
    // Replace it by a colleague's copy: the state before is kept as a backup.
    let mut other = lakip_core::example::example();
    other.programs[3].kegiatan[1].sub_kegiatan[0].realisasi = Some(0.into());
    let file = temp_dir("kiriman").join("lakip-lain.json");
    std::fs::write(
        &file,
        lakip_core::exchange::snapshot::export_pretty(&other, &Default::default()),
    )
    .map_err(|e| e.to_string())?;
    app.click("tab-beranda").await?;
    app.choose_file("import-file", &file).await?;
    app.click("import-replace").await?;
    app.wait_text("total-realisasi", "Rp 14.525.504.841")
        .await?;
    app.wait_text("save-state", "Tersimpan di browser ini")
        .await?;
    // The stored report is damaged (a disk or an extension, say).
    let key = app
        .js("for (var i=0;i<localStorage.length;i++){var k=localStorage.key(i); if(k.indexOf('kalkulator-lakip/laporan/')===0) return k;} return null;")
        .await?;
    let key = key
        .as_str()
        .ok_or("tidak ada laporan tersimpan")?
        .to_string();
    app.client
        .execute(
            "localStorage.setItem(arguments[0], '{\"format\":\"kalkulator-lakip\",\"versi\":2,\"lapor'); return 1;",
            vec![serde_json::Value::String(key)],
        )
        .await
        .map_err(|e| e.to_string())?;
    app.reload().await?;
    app.wait_text_contains("notice-text", "tidak dapat dibaca")
        .await?;
    app.click("tab-beranda").await?;
    let list = app.text("backup-list").await?;
    if !list.contains("impor") {
        return Err(format!(
            "[{}] cadangan tidak terdaftar: {list}",
            browser.name()
        ));
    }
    app.click_css("[data-testid=backup-row] [data-testid=backup-restore]", 0)
        .await?;
    app.click("tab-anggaran").await?;
    app.wait_text("total-realisasi", ORIGINAL).await?;
    app.close().await
}
both_browsers!(
    unreadable_report_backups_case,
    backups_of_an_unreadable_report
);

/// Finding 4: a file mandiri opened in a browser that blocks site data shows the report it
/// carries, and says it lives in memory only.
async fn file_mandiri_with_storage_blocked(browser: Browser) -> Result<(), String> {
    let page = std::fs::read_to_string(lakip_e2e::root().join("dist/lakip.html"))
        .map_err(|e| e.to_string())?;
    let report = lakip_core::example::example();
    let html = lakip_core::exchange::snapshot::embed_html(&page, &report, &Default::default());
    let path = temp_dir("mandiri-blokir").join("lakip-dinsos.html");
    std::fs::write(&path, html).map_err(|e| e.to_string())?;
    let mut app = App::start(
        browser,
        Profile {
            block_storage: true,
            ..Default::default()
        },
    )
    .await?;
    app.goto(&format!("file://{}", path.display())).await?;
    app.click("tab-anggaran").await?;
    app.wait_text("total-realisasi", ORIGINAL).await?;
    let banner = app.text("storage-banner").await?;
    if !banner.to_lowercase().contains("memori") {
        return Err(format!("[{}] spanduk: {banner}", browser.name()));
    }
    app.close().await
}
both_browsers!(mandiri_blocked_case, file_mandiri_with_storage_blocked);

/// Finding 3: a kode already used at its level is refused at the field, with its reason;
/// nothing invalid enters the report, so the save goes on and the export imports again.
async fn a_duplicate_code_is_refused_at_the_field(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.click("load-example").await?;
    app.wait_text("total-realisasi", ORIGINAL).await?;
    app.enter("code-p2", "1.06.02").await?;
    app.wait_text("save-state", "Tersimpan di browser ini")
        .await?;
    app.enter("code-p3", "1.06.02").await?;
    let err = app
        .wait_text_contains("code-p3-error", "kode ganda")
        .await?;
    if !err.contains("sudah dipakai program") {
        return Err(format!("[{}] {err}", browser.name()));
    }
    // The report still saves: the refused value never entered it.
    app.enter("code-p4", "1.06.04").await?;
    app.wait_text("save-state", "Tersimpan di browser ini")
        .await?;
    app.click("tab-beranda").await?;
    app.click("export-json").await?;
    let file = app.downloaded(".json").await?;
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let back = lakip_core::exchange::snapshot::import_str(&text)
        .map_err(|e| format!("[{}] ekspor tidak dapat diimpor: {e}", browser.name()))?;
    let codes: Vec<&str> = back
        .report
        .programs
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    if codes[1..4] != ["1.06.02", "", "1.06.04"] {
        return Err(format!("[{}] kode: {codes:?}", browser.name()));
    }
    app.close().await
}
both_browsers!(
    duplicate_code_case,
    a_duplicate_code_is_refused_at_the_field
);

/// Finding 9: text typed into a field but not yet confirmed (no Enter, no Tab) is kept when
/// the page goes away.
async fn typed_text_survives_leaving(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.click("load-example").await?;
    app.wait_text("total-realisasi", ORIGINAL).await?;
    app.wait_text("save-state", "Tersimpan di browser ini")
        .await?;
    app.type_into("name-p1", "Program yang diketik, belum dikonfirmasi")
        .await?;
    app.reload().await?;
    app.click("tab-anggaran").await?;
    let kept = app.value("name-p1").await?;
    app.close().await?;
    if kept == "Program yang diketik, belum dikonfirmasi" {
        Ok(())
    } else {
        Err(format!(
            "[{}] setelah dimuat ulang: {kept:?}",
            browser.name()
        ))
    }
}
both_browsers!(typed_text_case, typed_text_survives_leaving);

/// Finding 9: a storage error that is not a DOMException (a TypeError thrown by an
/// extension, simulated) is named in the banner without a JavaScript stack.
async fn a_storage_type_error_reads_plainly(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.click("load-example").await?;
    app.wait_text("total-realisasi", ORIGINAL).await?;
    app.wait_text("save-state", "Tersimpan di browser ini")
        .await?;
    app.js("Storage.prototype.setItem = function () { throw new TypeError('diblokir ekstensi'); }; return 1;")
        .await?;
    app.enter("name-p1", "Program baru").await?;
    let banner = app
        .wait_text_contains("storage-banner", "diblokir ekstensi")
        .await?;
    app.close().await?;
    if banner.contains("TypeError: diblokir ekstensi")
        && !banner.contains(".html:")
        && !banner.contains("@")
        && !banner.contains(" at ")
    {
        Ok(())
    } else {
        Err(format!("[{}] spanduk: {banner}", browser.name()))
    }
}
both_browsers!(type_error_case, a_storage_type_error_reads_plainly);
