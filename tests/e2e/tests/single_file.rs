//! The single-file app in real browsers (issue 3): the example's totals, editing in place,
//! persistence across reload and restart, export and import, bad files, blocked and full
//! storage, a panic, a broken file, the Content-Security-Policy.

use lakip_e2e::{both_browsers, temp_dir, App, Browser, Profile};

const TOTAL_PAGU: &str = "Rp 15.447.851.952";
const TOTAL_REALISASI: &str = "Rp 14.538.093.081";
const TOTAL_SERAPAN: &str = "94,11%";

async fn expect_text(app: &mut App, testid: &str, want: &str) -> Result<(), String> {
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

async fn load_example(app: &mut App) -> Result<(), String> {
    app.click("load-example").await?;
    expect_text(app, "total-pagu", TOTAL_PAGU).await?;
    expect_text(app, "total-realisasi", TOTAL_REALISASI).await?;
    expect_text(app, "total-serapan", TOTAL_SERAPAN).await
}

async fn wait_saved(app: &mut App) -> Result<(), String> {
    expect_text(app, "save-state", "Tersimpan di browser ini").await
}

/// Load the example, edit one realisasi, see every level change, reload, restart.
async fn edit_and_persist(browser: Browser) -> Result<(), String> {
    let profile = temp_dir(&format!("tetap-{}", browser.name()));
    let mut app = App::open(
        browser,
        Profile {
            dir: Some(profile.clone()),
            ..Default::default()
        },
    )
    .await?;
    load_example(&mut app).await?;
    // The printed report leaves this row (12.588.240) out of its kegiatan total; here it
    // counts. Replace it by 1.000.000,50, typed the Indonesian way.
    assert_eq!(app.value("input-realisasi-p4-k2-s1").await?, "12.588.240");
    expect_text(&mut app, "realisasi-p4-k2", "75.083.740").await?;
    expect_text(&mut app, "realisasi-p4", "1.076.208.440").await?;
    expect_text(&mut app, "serapan-p4", "96,78%").await?;
    app.enter("input-realisasi-p4-k2-s1", "1.000.000,50")
        .await?;
    expect_text(&mut app, "serapan-p4-k2-s1", "6,59%").await?;
    expect_text(&mut app, "realisasi-p4-k2", "63.495.500,50").await?;
    expect_text(&mut app, "realisasi-p4", "1.064.620.200,50").await?;
    expect_text(&mut app, "total-realisasi", "Rp 14.526.504.841,50").await?;
    expect_text(&mut app, "total-serapan", "94,04%").await?;
    // The English way reads too.
    app.enter("input-pagu-p4-k2-s1", "15,177,600").await?;
    expect_text(&mut app, "pagu-p4-k2", "78.288.700").await?;
    wait_saved(&mut app).await?;

    app.reload().await?;
    app.click("tab-anggaran").await?;
    expect_text(&mut app, "total-realisasi", "Rp 14.526.504.841,50").await?;
    expect_text(&mut app, "pagu-p4-k2", "78.288.700").await?;
    assert_eq!(app.value("input-realisasi-p4-k2-s1").await?, "1.000.000,50");
    app.close().await?;

    // A browser restart with the same profile.
    let mut app = App::open(
        browser,
        Profile {
            dir: Some(profile),
            ..Default::default()
        },
    )
    .await?;
    app.click("tab-anggaran").await?;
    expect_text(&mut app, "total-realisasi", "Rp 14.526.504.841,50").await?;
    app.close().await
}
both_browsers!(edit_and_persist_case, edit_and_persist);

/// An invalid entry is marked at the field, nothing changes, nothing is stored.
async fn invalid_entry_is_refused(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    load_example(&mut app).await?;
    wait_saved(&mut app).await?;
    let before = app.stored().await?;
    app.enter("input-realisasi-p4-k2-s1", "12.58.240").await?;
    let msg = app.text("input-realisasi-p4-k2-s1-error").await?;
    assert!(msg.contains("pemisah ribuan"), "{msg}");
    app.enter("input-realisasi-p2-k1-s1", "empat juta").await?;
    assert_eq!(
        app.text("input-realisasi-p2-k1-s1-error").await?,
        "bukan angka"
    );
    app.enter("input-pagu-p2-k1-s1", "-5").await?;
    assert_eq!(
        app.text("input-pagu-p2-k1-s1-error").await?,
        "tidak boleh negatif"
    );
    expect_text(&mut app, "total-realisasi", TOTAL_REALISASI).await?;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(app.stored().await?, before, "penyimpanan berubah");
    // Escape restores the stored figure.
    let el = app.find("input-realisasi-p2-k1-s1").await?;
    el.send_keys(&lakip_e2e::Key::Escape.to_string())
        .await
        .map_err(|e| e.to_string())?;
    assert_eq!(app.value("input-realisasi-p2-k1-s1").await?, "4.400.000");
    app.close().await
}
both_browsers!(invalid_entry_case, invalid_entry_is_refused);

/// Export, then import into a fresh profile: the same totals.
async fn export_then_import(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    load_example(&mut app).await?;
    app.enter("input-realisasi-p1-k1-s1", "14.000.000").await?;
    expect_text(&mut app, "total-realisasi", "Rp 14.537.643.981").await?;
    app.click("tab-beranda").await?;
    app.click("export-json").await?;
    let file = app.downloaded(".json").await?;
    app.close().await?;
    let text = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let imported = lakip_core::exchange::snapshot::import_str(&text).map_err(|e| e.to_string())?;
    assert_eq!(imported.report.instansi, "Dinas Sosial Kota Pontianak");

    let mut fresh = App::open(browser, Profile::default()).await?;
    assert!(fresh.text("current-report").await?.contains("Belum ada"));
    fresh.choose_file("import-file", &file).await?;
    // The preview first says what the file holds; nothing is stored until the user opens it.
    let preview = fresh.text("import-preview").await?;
    assert!(
        preview.contains("Dinas Sosial Kota Pontianak tahun 2024"),
        "{preview}"
    );
    assert!(fresh
        .stored()
        .await?
        .iter()
        .all(|(k, _)| !k.contains("/laporan/")));
    fresh.click("import-new").await?;
    expect_text(&mut fresh, "total-pagu", TOTAL_PAGU).await?;
    expect_text(&mut fresh, "total-realisasi", "Rp 14.537.643.981").await?;
    expect_text(&mut fresh, "total-serapan", "94,11%").await?;
    fresh.close().await
}
both_browsers!(export_import_case, export_then_import);

/// Malformed files: a clear message, the open report and the storage untouched.
async fn malformed_import(browser: Browser) -> Result<(), String> {
    let dir = temp_dir("rusak");
    let truncated = dir.join("terpotong.json");
    let full = lakip_core::exchange::snapshot::export(
        &lakip_core::example::example(),
        &Default::default(),
    );
    std::fs::write(&truncated, &full[..full.len() / 2]).map_err(|e| e.to_string())?;
    let png = dir.join("gambar.json");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").map_err(|e| e.to_string())?;
    let bad_value = dir.join("nilai.json");
    std::fs::write(
        &bad_value,
        full.replacen("\"pagu\":\"14645000\"", "\"pagu\":\"empat belas\"", 1),
    )
    .map_err(|e| e.to_string())?;

    let mut app = App::open(browser, Profile::default()).await?;
    load_example(&mut app).await?;
    wait_saved(&mut app).await?;
    let before = app.stored().await?;
    for (file, expect) in [
        (&truncated, "terpotong"),
        (&png, "gambar PNG"),
        (
            &bad_value,
            "program[0].kegiatan[0].sub_kegiatan[0].pagu: bukan angka",
        ),
    ] {
        app.click("tab-beranda").await?;
        app.choose_file("import-file", file).await?;
        let msg = app.wait_text_contains("notice-text", expect).await?;
        assert!(
            msg.contains(expect) && msg.contains("tidak berubah"),
            "[{}] {msg}",
            browser.name()
        );
        assert!(app
            .text("current-report")
            .await?
            .contains("Dinas Sosial Kota Pontianak"));
        app.click("tab-anggaran").await?;
        expect_text(&mut app, "total-realisasi", TOTAL_REALISASI).await?;
        assert_eq!(
            app.stored().await?,
            before,
            "penyimpanan berubah setelah impor gagal"
        );
    }
    app.close().await
}
both_browsers!(malformed_import_case, malformed_import);

/// Storage forbidden: a banner, not a dead page; the app works in memory; export works.
async fn blocked_storage(browser: Browser) -> Result<(), String> {
    let mut app = App::open(
        browser,
        Profile {
            block_storage: true,
            ..Default::default()
        },
    )
    .await?;
    let banner = app.text("storage-banner").await?;
    assert!(banner.contains("diblokir"), "[{}] {banner}", browser.name());
    load_example(&mut app).await?;
    app.enter("input-realisasi-p1-k1-s1", "0").await?;
    expect_text(&mut app, "total-realisasi", "Rp 14.523.643.981").await?;
    app.click("export-json").await?;
    let file = app.downloaded(".json").await?;
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let r = lakip_core::exchange::snapshot::import_str(&text)
        .map_err(|e| e.to_string())?
        .report;
    assert_eq!(
        r.programs[0].kegiatan[0].sub_kegiatan[0].realisasi,
        Some(0.into())
    );
    app.close().await
}
both_browsers!(blocked_storage_case, blocked_storage);

/// Storage full (filled first by another page's data): a banner; the report stays in
/// memory and can be exported; nothing of ours is half-written.
async fn full_storage(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    // Fill the profile's file:// storage as another local tool would.
    app.js(
        "var s='x'.repeat(100000), i=0; try { for(;;i++) localStorage.setItem('alat-lain/'+i, s); } catch(e) {} \
         try { for(var n=50000;n>=1;n=Math.floor(n/2)) { try { localStorage.setItem('alat-lain/sisa'+n, 'y'.repeat(n)); } catch(e) {} } } catch(e) {} return i;",
    )
    .await?;
    app.click("load-example").await?;
    let banner = app.text("storage-banner").await?;
    assert!(banner.contains("penuh"), "[{}] {banner}", browser.name());
    expect_text(&mut app, "total-realisasi", TOTAL_REALISASI).await?;
    app.click("export-json").await?;
    let file = app.downloaded(".json").await?;
    assert!(lakip_core::exchange::snapshot::import(
        &std::fs::read(file).map_err(|e| e.to_string())?
    )
    .is_ok());
    // Free space: the next change saves and the banner goes.
    app.js("for (var i=0;i<20;i++) localStorage.removeItem('alat-lain/'+i); return 0;")
        .await?;
    app.enter("input-realisasi-p1-k1-s1", "1").await?;
    wait_saved(&mut app).await?;
    assert!(!app.exists("storage-banner").await);
    app.close().await
}
both_browsers!(full_storage_case, full_storage);

/// A panic shows the recovery screen, from which the stored report can be downloaded.
async fn panic_recovery(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    load_example(&mut app).await?;
    wait_saved(&mut app).await?;
    let _ = app
        .js("setTimeout(function(){ window.lakipApi.lakip_test_panic(); }, 0); return 1;")
        .await;
    let text = app.text("recovery").await?;
    assert!(text.contains("Terjadi kesalahan"), "{text}");
    app.click("recovery-download").await?;
    let file = app.downloaded(".json").await?;
    let bytes = std::fs::read(file).map_err(|e| e.to_string())?;
    let r = lakip_core::exchange::snapshot::import(&bytes)
        .map_err(|e| e.to_string())?
        .report;
    assert_eq!(r, lakip_core::example::example());
    // Reloading brings the app back with the stored report.
    app.click("recovery-reload").await?;
    app.wait_ready().await?;
    app.click("tab-anggaran").await?;
    expect_text(&mut app, "total-realisasi", TOTAL_REALISASI).await?;
    app.close().await
}
both_browsers!(panic_recovery_case, panic_recovery);

/// A file whose wasm cannot start explains which browser is needed.
async fn broken_file_explains(browser: Browser) -> Result<(), String> {
    let html = std::fs::read_to_string(lakip_e2e::root().join("dist/lakip.html"))
        .map_err(|e| e.to_string())?;
    let start = html.find("id=\"lakip-wasm\"").ok_or("data block")?;
    let gt = start + html[start..].find('>').ok_or("data block end")? + 1;
    let broken = format!("{}AAAA{}", &html[..gt], &html[gt + 4..]);
    let path = temp_dir("rusak-html").join("lakip.html");
    std::fs::write(&path, broken).map_err(|e| e.to_string())?;
    let mut app = App::start(browser, Profile::default()).await?;
    app.goto(&format!("file://{}", path.display())).await?;
    let text = app.text("recovery").await?;
    assert!(text.contains("tidak dapat berjalan"), "{text}");
    assert!(
        text.contains("Chrome")
            && text.contains("97")
            && text.contains("Firefox")
            && text.contains("102"),
        "{text}"
    );
    app.close().await
}
both_browsers!(broken_file_case, broken_file_explains);

/// The JavaScript inflater (for browsers without DecompressionStream) boots the app too.
async fn js_inflate_path(browser: Browser) -> Result<(), String> {
    let mut app = App::start(browser, Profile::default()).await?;
    app.goto(&format!("{}#lakip-inflate-js", lakip_e2e::app_url()))
        .await?;
    load_example(&mut app).await?;
    app.close().await
}
both_browsers!(js_inflate_case, js_inflate_path);

/// The Content-Security-Policy lets nothing leave the page and runs no foreign script.
async fn csp_blocks_everything_foreign(browser: Browser) -> Result<(), String> {
    let app = App::open(browser, Profile::default()).await?;
    let v = app
        .client
        .execute_async(
            "var done = arguments[arguments.length - 1], violations = [];
             document.addEventListener('securitypolicyviolation', function (e) { violations.push(e.violatedDirective); });
             var img = document.createElement('img'); img.src = 'http://127.0.0.1:9/x.png'; document.body.appendChild(img);
             var s = document.createElement('script'); s.textContent = 'window.__injected = 1;'; document.body.appendChild(s);
             var fetched = 'tidak';
             fetch('http://127.0.0.1:9/').then(function () { fetched = 'ya'; }, function () { fetched = 'ditolak'; });
             setTimeout(function () { done({ v: violations, injected: window.__injected || 0, fetched: fetched }); }, 1500);",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    let violations: Vec<String> = v["v"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(v["injected"], 0, "skrip asing berjalan: {v}");
    assert_eq!(v["fetched"], "ditolak", "{v}");
    assert!(violations.iter().any(|d| d.starts_with("img-src")), "{v}");
    assert!(
        violations.iter().any(|d| d.starts_with("script-src")),
        "{v}"
    );
    assert!(
        violations
            .iter()
            .any(|d| d.starts_with("connect-src") || d.starts_with("default-src")),
        "{v}"
    );
    app.close().await
}
both_browsers!(csp_case, csp_blocks_everything_foreign);

/// A stored value that cannot be read: the page lives, says so, keeps the value aside and
/// offers it for download; other reports still open.
async fn corrupt_storage(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    load_example(&mut app).await?;
    wait_saved(&mut app).await?;
    let key = app
        .js("for (var i=0;i<localStorage.length;i++){var k=localStorage.key(i); if(k.indexOf('kalkulator-lakip/laporan/')===0) return k;} return null;")
        .await?;
    let key = key
        .as_str()
        .ok_or("tidak ada laporan tersimpan")?
        .to_string();
    app.client
        .execute("localStorage.setItem(arguments[0], '{\"format\":\"kalkulator-lakip\",\"versi\":2,\"lapor'); return 1;", vec![serde_json::Value::String(key.clone())])
        .await
        .map_err(|e| e.to_string())?;
    app.reload().await?;
    let msg = app
        .wait_text_contains("notice-text", "tidak dapat dibaca")
        .await?;
    assert!(msg.contains("disisihkan"), "[{}] {msg}", browser.name());
    app.click("download-kept").await?;
    let file = app.downloaded(".json").await?;
    let kept = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    assert!(kept.ends_with("\"lapor"), "{kept}");
    // The unreadable value is still there (not deleted), and a copy was put aside.
    let stored = app.stored().await?;
    assert!(stored
        .iter()
        .any(|(k, v)| k == &key && v.ends_with("\"lapor")));
    assert!(stored
        .iter()
        .any(|(k, v)| k.starts_with("kalkulator-lakip/rusak/") && v.ends_with("\"lapor")));
    // The app works: the example loads beside it.
    load_example(&mut app).await?;
    app.close().await
}
both_browsers!(corrupt_storage_case, corrupt_storage);
