//! Drafting and editing a whole report in the browser (issue 4): from an empty start, by
//! typing only; Renstra targets with no realisation; undo and redo; a refused number;
//! everything kept across a reload.

use lakip_e2e::{both_browsers, App, Browser, Key, Profile};

async fn expect_css(app: &mut App, css: &str, i: usize, want: &str) -> Result<(), String> {
    let got = app.wait_text_css(css, i, want).await?;
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "[{}] {css}#{i}: diharapkan {want:?}, tertulis {got:?}",
            app.browser.name()
        ))
    }
}

async fn expect(app: &mut App, testid: &str, want: &str) -> Result<(), String> {
    expect_css(app, &App::css(testid), 0, want).await
}

const IKU: &str = "[data-testid=sasaran-card] [data-testid=indicator-row]";

async fn build_from_nothing(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.type_into("new-instansi", "Dinas Sosial Kota Uji")
        .await?;
    app.type_into("new-tahun", "2025").await?;
    app.type_into("new-awal", "2025").await?;
    app.type_into("new-akhir", "2027").await?;
    app.click("create-report").await?;
    expect(&mut app, "report-title", "Dinas Sosial Kota Uji · 2025").await?;

    // The plan: a tujuan, a sasaran with a lower-is-better IKU and a range target.
    app.click("tab-rencana").await?;
    app.click("add-tujuan").await?;
    app.enter_css(
        "[data-testid=tujuan-card] input[aria-label='Nama tujuan']",
        0,
        "Menurunnya Kemiskinan",
    )
    .await?;
    app.click("add-sasaran").await?;
    app.enter_css(
        "[data-testid=sasaran-card] input[aria-label='Nama sasaran']",
        0,
        "Menurunnya angka kemiskinan",
    )
    .await?;
    app.select_css(
        "[data-testid=sasaran-card] select[aria-label='Tujuan']",
        0,
        "Menurunnya Kemiskinan",
    )
    .await?;
    app.click("add-iku").await?;
    app.enter_css(
        &format!("{IKU} [data-field=nama] input"),
        0,
        "Tingkat kemiskinan",
    )
    .await?;
    app.select_css(
        &format!("{IKU} [data-field=arah] select"),
        0,
        "Semakin rendah semakin baik",
    )
    .await?;
    app.enter_css(&format!("{IKU} [data-field=target] input"), 0, "4,25–4,30")
        .await?;
    app.enter_css(&format!("{IKU} [data-field=realisasi] input"), 0, "4,40")
        .await?;
    // (2 × 4,30 − 4,40) / 4,30 × 100, against the upper bound the realisation is above.
    expect_css(
        &mut app,
        &format!("{IKU} [data-field=capaian]"),
        0,
        "97,67%",
    )
    .await?;
    expect_css(
        &mut app,
        &format!("{IKU} [data-field=kategori]"),
        0,
        "Sangat Berhasil",
    )
    .await?;
    app.enter_css(&format!("{IKU} [data-field=realisasi] input"), 0, "4.27")
        .await?;
    expect_css(
        &mut app,
        &format!("{IKU} [data-field=capaian]"),
        0,
        "100,00%",
    )
    .await?;
    // An ambiguous entry is read the Indonesian way and said so at the field.
    app.enter_css(&format!("{IKU} [data-field=target] input"), 0, "1.250")
        .await?;
    let note = app
        .nth(&format!("{IKU} [data-field=target] .field-note"), 0)
        .await?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    assert!(
        note.contains("dibaca sebagai bilangan bulat 1250") && note.contains("tulis 1,25."),
        "{note}"
    );
    app.enter_css(&format!("{IKU} [data-field=target] input"), 0, "4,25–4,30")
        .await?;
    // Far above the range: 5,60 → (8,60 − 5,60) / 4,30 = 69,77% → Cukup Berhasil.
    app.enter_css(&format!("{IKU} [data-field=realisasi] input"), 0, "5,60")
        .await?;
    expect_css(
        &mut app,
        &format!("{IKU} [data-field=capaian]"),
        0,
        "69,77%",
    )
    .await?;
    expect_css(
        &mut app,
        &format!("{IKU} [data-field=kategori]"),
        0,
        "Cukup Berhasil",
    )
    .await?;

    // A second IKU drafted with Renstra targets only: not computable, never 0.
    app.click("add-iku").await?;
    app.enter_css(
        &format!("{IKU} [data-field=nama] input"),
        1,
        "Persentase PPKS tertangani",
    )
    .await?;
    app.click("tab-target").await?;
    for (i, y) in ["2025", "2026", "2027"].iter().enumerate() {
        app.enter_css(
            &format!("[data-testid=target-row] [data-field=target-{y}] input"),
            1,
            &format!("{}", 80 + i * 5),
        )
        .await?;
    }
    app.enter_css("[data-testid=target-row] [data-field=pk] input", 1, "82")
        .await?;
    app.click("tab-rencana").await?;
    expect_css(&mut app, &format!("{IKU} [data-field=capaian]"), 1, "–").await?;
    let title = app
        .nth(&format!("{IKU} [data-field=capaian]"), 1)
        .await?
        .attr("title")
        .await
        .map_err(|e| e.to_string())?;
    assert_eq!(
        title.as_deref(),
        Some("tidak dapat dihitung: realisasi belum diisi")
    );
    expect_css(
        &mut app,
        &format!("{IKU} [data-field=target] .note"),
        0,
        "PK: 82",
    )
    .await?;

    // The budget: a program with a kegiatan and two sub kegiatan.
    app.click("tab-anggaran").await?;
    app.click("add-program").await?;
    app.enter_css(
        "tr[data-row=program] input[aria-label='Nama program']",
        0,
        "Program Perlindungan Sosial",
    )
    .await?;
    app.select_css(
        "tr[data-row=program] select[aria-label='Sasaran yang didukung']",
        0,
        "Menurunnya angka kemiskinan",
    )
    .await?;
    app.click_css("tr[data-row=program] [data-testid^=add-kegiatan-]", 0)
        .await?;
    app.enter_css(
        "tr[data-row=kegiatan] input[aria-label='Nama kegiatan']",
        0,
        "Perlindungan Sosial Korban Bencana",
    )
    .await?;
    app.click_css("tr[data-row=kegiatan] [data-testid^=add-sub-]", 0)
        .await?;
    app.click_css("tr[data-row=kegiatan] [data-testid^=add-sub-]", 0)
        .await?;
    app.enter_css(
        "tr[data-row=sub] input[aria-label='Nama sub kegiatan']",
        0,
        "Penyediaan Makanan",
    )
    .await?;
    app.enter_css(
        "tr[data-row=sub] input[aria-label='Nama sub kegiatan']",
        1,
        "Penyediaan Sandang",
    )
    .await?;
    app.enter_css("tr[data-row=sub] [data-field=pagu] input", 0, "1.000.000")
        .await?;
    app.enter_css(
        "tr[data-row=sub] [data-field=realisasi] input",
        0,
        "900.000",
    )
    .await?;
    app.enter_css("tr[data-row=sub] [data-field=pagu] input", 1, "3,000,000")
        .await?;
    app.enter_css(
        "tr[data-row=sub] [data-field=realisasi] input",
        1,
        "1.500.000,00",
    )
    .await?;
    expect_css(
        &mut app,
        "tr[data-row=sub] [data-field=serapan]",
        0,
        "90,00%",
    )
    .await?;
    expect_css(
        &mut app,
        "tr[data-row=sub] [data-field=serapan]",
        1,
        "50,00%",
    )
    .await?;
    expect_css(
        &mut app,
        "tr[data-row=kegiatan] [data-field=serapan]",
        0,
        "60,00%",
    )
    .await?;
    expect_css(
        &mut app,
        "tr[data-row=program] [data-field=realisasi]",
        0,
        "2.400.000",
    )
    .await?;
    expect(&mut app, "total-serapan", "60,00%").await?;

    // An output of the first sub kegiatan, capaian and category beside it.
    app.click_css("tr[data-row=sub] [data-testid^=toggle-]", 0)
        .await?;
    app.click_css("[data-testid^=add-output-]", 0).await?;
    app.enter_css(
        "[data-testid=output-row] [data-field=target] input",
        0,
        "350",
    )
    .await?;
    app.enter_css(
        "[data-testid=output-row] [data-field=realisasi] input",
        0,
        "201",
    )
    .await?;
    expect_css(
        &mut app,
        "[data-testid=output-row] [data-field=capaian]",
        0,
        "57,43%",
    )
    .await?;
    expect_css(
        &mut app,
        "[data-testid=output-row] [data-field=kategori]",
        0,
        "Cukup Berhasil",
    )
    .await?;

    // Undo and redo, with the keyboard and with the buttons.
    app.enter_css(
        "tr[data-row=sub] [data-field=realisasi] input",
        1,
        "3.000.000",
    )
    .await?;
    expect(&mut app, "total-serapan", "97,50%").await?;
    app.js("document.activeElement && document.activeElement.blur(); return 0;")
        .await?;
    app.chord(Key::Control, "z").await?;
    expect(&mut app, "total-serapan", "60,00%").await?;
    app.chord(Key::Control, "y").await?;
    expect(&mut app, "total-serapan", "97,50%").await?;
    app.click("undo").await?;
    expect(&mut app, "total-serapan", "60,00%").await?;

    // A bad number is refused at the field and nothing is stored.
    app.wait_save_state("saved").await?;
    let stored = app.stored().await?;
    app.enter_css("tr[data-row=sub] [data-field=pagu] input", 0, "1.000.00")
        .await?;
    let err = app
        .nth("tr[data-row=sub] [data-field=pagu] .field-error", 0)
        .await?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    assert!(err.contains("pemisah ribuan"), "{err}");
    // No save is pending (an accepted change turns the state to "pending" in the same
    // event that shows the field's message) and storage is as it was.
    assert_eq!(app.save_state().await?, "saved");
    assert_eq!(app.stored().await?, stored);
    expect(&mut app, "total-serapan", "60,00%").await?;

    // Everything survives a reload.
    app.reload().await?;
    app.click("tab-anggaran").await?;
    expect(&mut app, "total-serapan", "60,00%").await?;
    expect_css(
        &mut app,
        "tr[data-row=kegiatan] [data-field=serapan]",
        0,
        "60,00%",
    )
    .await?;
    app.click("tab-rencana").await?;
    expect_css(
        &mut app,
        &format!("{IKU} [data-field=capaian]"),
        0,
        "69,77%",
    )
    .await?;
    expect_css(
        &mut app,
        &format!("{IKU} [data-field=target] .note"),
        0,
        "PK: 82",
    )
    .await?;
    app.click("tab-target").await?;
    let v = app
        .nth("[data-testid=target-row] [data-field=target-2027] input", 1)
        .await?
        .prop("value")
        .await
        .map_err(|e| e.to_string())?;
    assert_eq!(v.as_deref(), Some("90"));
    app.close().await
}
both_browsers!(build_from_nothing_case, build_from_nothing);

/// Delete with confirmation, then undo; reorder; a custom scale is validated.
async fn delete_reorder_scale(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.click("load-example").await?;
    expect(&mut app, "total-realisasi", "Rp 14.538.093.081").await?;
    // Delete Program IV (two clicks), see the total drop, undo.
    app.click("delete-p4").await?;
    expect(&mut app, "delete-p4", "Yakin hapus program?").await?;
    app.click("delete-p4").await?;
    expect(&mut app, "total-realisasi", "Rp 13.461.884.641").await?;
    app.click("undo").await?;
    expect(&mut app, "total-realisasi", "Rp 14.538.093.081").await?;
    // Reorder: Program VI up.
    app.click("up-p6").await?;
    let names = app
        .all("tr[data-row=program] input[aria-label='Nama program']")
        .await?;
    let fifth = names[4].prop("value").await.map_err(|e| e.to_string())?;
    assert_eq!(fifth.as_deref(), Some("Program Penanganan Bencana"));
    // The Permendagri 86 preset: O26's 57,43% becomes "Rendah".
    app.click("tab-pengaturan").await?;
    app.click("preset-1").await?;
    app.click("tab-anggaran").await?;
    app.click("toggle-p6-k1-s1").await?;
    expect(&mut app, "kategori-o26", "Rendah").await?;
    // Decimals shown follow the setting (computation stays exact).
    app.click("tab-pengaturan").await?;
    app.select_css("[data-testid=set-decimals]", 0, "1").await?;
    app.click("tab-anggaran").await?;
    expect(&mut app, "total-serapan", "94,1%").await?;
    expect(&mut app, "serapan-p4", "96,8%").await?;
    // A custom scale with a gap is refused, with the reason.
    app.click("tab-pengaturan").await?;
    app.enter("band-lower-1", "58").await?;
    let msg = app.text("scale-error").await?;
    assert!(msg.contains("celah"), "{msg}");
    let disabled = app
        .find("apply-scale")
        .await?
        .attr("disabled")
        .await
        .map_err(|e| e.to_string())?;
    assert!(disabled.is_some());

    // A new year from this report: plan and pagu carried, realisation emptied.
    app.click("tab-beranda").await?;
    app.click("next-year").await?;
    expect(
        &mut app,
        "report-title",
        "Dinas Sosial Kota Pontianak · 2025",
    )
    .await?;
    app.click("tab-anggaran").await?;
    expect(&mut app, "total-pagu", "Rp 15.447.851.952").await?;
    expect(&mut app, "total-realisasi", "Rp 0").await?;
    // Two reports side by side; delete one (two clicks): it is kept until purged.
    app.click("tab-beranda").await?;
    assert_eq!(app.all("[data-testid=report-row]").await?.len(), 2);
    app.click_css("[data-testid=report-row] [data-testid=delete-report]", 1)
        .await?;
    app.click_css("[data-testid=report-row] [data-testid=delete-report]", 1)
        .await?;
    let deleted = app.text("deleted-list").await?;
    assert!(deleted.contains("2025"), "{deleted}");
    app.click_css("[data-testid=deleted-row] [data-testid=deleted-restore]", 0)
        .await?;
    expect(
        &mut app,
        "report-title",
        "Dinas Sosial Kota Pontianak · 2025",
    )
    .await?;
    app.click("tab-beranda").await?;
    assert_eq!(app.all("[data-testid=report-row]").await?.len(), 2);
    assert!(!app.exists("deleted-list").await);
    app.close().await
}
both_browsers!(delete_reorder_scale_case, delete_reorder_scale);
