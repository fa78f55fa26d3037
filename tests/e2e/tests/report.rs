//! The report's tables, charts, narrative and exports for the seed example (issue 5): each
//! view shows computed figures (including ones the seed prints wrong), the xlsx and CSV
//! downloads hold them, the printed PDF holds them.

use calamine::{Data, Reader};
use lakip_e2e::{both_browsers, App, Browser, Profile};

async fn open_report(browser: Browser) -> Result<App, String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.click("load-example").await?;
    app.wait_text("total-realisasi", "Rp 14.538.093.081")
        .await?;
    app.click("tab-laporan").await?;
    app.find("dashboard").await?;
    Ok(app)
}

async fn table_text(app: &mut App, id: &str) -> Result<String, String> {
    app.click(&format!("show-{id}")).await?;
    app.text(&format!("table-{id}")).await
}

fn has_all(text: &str, parts: &[&str]) -> Result<(), String> {
    for p in parts {
        if !text.contains(p) {
            return Err(format!(
                "tidak ada {p:?} di:\n{}",
                &text[..text.len().min(3000)]
            ));
        }
    }
    Ok(())
}

fn has_none(text: &str, parts: &[&str]) -> Result<(), String> {
    for p in parts {
        if text.contains(p) {
            return Err(format!("angka tercetak yang salah {p:?} muncul"));
        }
    }
    Ok(())
}

async fn views_show_computed_figures(browser: Browser) -> Result<(), String> {
    let mut app = open_report(browser).await?;
    let dash = app.text("dashboard").await?;
    has_all(&dash, &["94,11%", "14.538.093.081"])?;
    // Tabel 3.1: the seed prints P4 1.063.620.200 / 95,65% and a total of 14.576.047.081.
    let t31 = table_text(&mut app, "tabel-3-1").await?;
    app.click("copy-tabel-3-1").await?;
    let copied = app.wait_text_contains("notice-text", "disalin").await?;
    assert!(copied.starts_with("Tabel disalin"), "{copied}");
    has_all(
        &t31,
        &[
            "1.076.208.440",
            "96,78%",
            "75.083.740",
            "95,91%",
            "14.538.093.081",
            "94,11%",
            "252.398.711,02",
        ],
    )?;
    has_none(
        &t31,
        &["1.063.620.200", "14.576.047.081", "62.495.500", "94,36%"],
    )?;
    let spm = table_text(&mut app, "tabel-1-1").await?;
    has_all(&spm, &["1.323.720.900", "1.193.749.700", "90,18%"])?;
    let eff = table_text(&mut app, "sasaran-1-efisiensi").await?;
    has_all(&eff, &["1.601.621.900", "110.139.100", "6,88%"])?;
    let eff2 = table_text(&mut app, "sasaran-2-efisiensi").await?;
    has_all(&eff2, &["35.771.060", "3,22%"])?;
    has_none(&eff2, &["48.359.300"])?;
    let prog = table_text(&mut app, "sasaran-1-program").await?;
    has_all(
        &prog,
        &[
            "19 Orang dari target 20 Orang",
            "95,00%",
            "101,69%",
            "Sangat Berhasil",
        ],
    )?;
    has_none(&prog, &["227,1"])?;
    let pk = table_text(&mut app, "pk-anggaran").await?;
    has_all(&pk, &["1.415.819.700", "-185.802.200"])?;
    let form = table_text(&mut app, "formulir-pengukuran-kinerja").await?;
    has_all(&form, &["14.538.093.081", "94,11%"])?;
    // The narrative sentence for "60 dari target 59".
    app.click("show-narrative").await?;
    let narrative = app.text("narrative").await?;
    has_all(
        &narrative,
        &[
            "60 Orang dari target 59 Orang",
            "101,69%",
            "Rp 110.139.100",
            "6,88%",
        ],
    )?;
    has_none(&narrative, &["227,1"])?;
    // Charts: bars in category colours and the 100% line.
    app.click("show-charts").await?;
    let bars = app
        .all("[data-testid=chart-capaian-keluaran] rect")
        .await?
        .len();
    assert_eq!(bars, 31, "satu batang per indikator keluaran");
    let lowest = app
        .all("[data-testid=chart-capaian-keluaran] rect.band-fill-0")
        .await?
        .len();
    assert_eq!(lowest, 3, "tiga keluaran Tidak Berhasil (O01, O06, O25)");
    assert!(app.exists("chart-serapan").await);
    assert!(app.exists("chart-trend-1-0").await);
    app.close().await
}
both_browsers!(views_case, views_show_computed_figures);

async fn downloads_hold_the_figures(browser: Browser) -> Result<(), String> {
    let mut app = open_report(browser).await?;
    app.click("show-tabel-3-1").await?;
    app.click("csv-tabel-3-1").await?;
    let csv = std::fs::read_to_string(app.downloaded(".csv").await?).map_err(|e| e.to_string())?;
    has_all(&csv, &["1076208440", "14538093081", "252398711,02"])?;
    app.click("download-xlsx-all").await?;
    let path = app.downloaded(".xlsx").await?;
    let mut book = calamine::open_workbook_auto(&path).map_err(|e| e.to_string())?;
    let names = book.sheet_names().to_vec();
    assert!(names.len() >= 20, "{names:?}");
    let mut numbers = Vec::new();
    for name in &names {
        let range = book.worksheet_range(name).map_err(|e| e.to_string())?;
        for cell in range.used_cells() {
            if let Data::Float(f) = cell.2 {
                numbers.push(*f);
            }
        }
    }
    for want in [
        1_076_208_440.0,
        14_538_093_081.0,
        1_323_720_900.0,
        110_139_100.0,
    ] {
        assert!(
            numbers.iter().any(|n| (n - want).abs() < 0.005),
            "{want} tidak ada sebagai angka"
        );
    }
    // 94,11% is a number (a fraction formatted as percent), not text.
    assert!(
        numbers.iter().any(|n| (n - 0.941107).abs() < 0.0001),
        "94,11% tidak ada sebagai angka"
    );
    app.close().await
}
both_browsers!(downloads_case, downloads_hold_the_figures);

/// Print → PDF (WebDriver's print, as the browser's Save as PDF): the text holds the figures.
async fn print_to_pdf(browser: Browser) -> Result<(), String> {
    let mut app = open_report(browser).await?;
    app.click("show-tabel-3-1").await?;
    let pdf = app
        .client
        .print(
            fantoccini::wd::PrintConfiguration::builder()
                .orientation(fantoccini::wd::PrintOrientation::Landscape)
                .build()
                .map_err(|e| e.to_string())?,
        )
        .await
        .map_err(|e| e.to_string())?;
    let dir = lakip_e2e::temp_dir("cetak");
    let path = dir.join("tabel-3-1.pdf");
    std::fs::write(&path, &pdf).map_err(|e| e.to_string())?;
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    has_all(
        &text,
        &["1.076.208.440", "96,78%", "14.538.093.081", "94,11%"],
    )?;
    // No buttons in print.
    has_none(&text, &["Salin tabel", "Unduh semua", "Muat contoh"])?;
    app.close().await
}
both_browsers!(print_case, print_to_pdf);
