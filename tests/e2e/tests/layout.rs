//! The office laptop's screen (issue 13): with the example loaded, no page scrolls sideways
//! at 1366×768, 1024×768 or 800×768; wide tables scroll inside their own box; the detail
//! panel never covers the row it edits.

use lakip_e2e::{both_browsers, App, Browser, Profile, PAGES};

async fn load_example(app: &mut App) -> Result<(), String> {
    app.click("load-example").await?;
    app.wait_text("total-pagu", "Rp 15.447.851.952")
        .await
        .map(|_| ())
}

/// `[page width, viewport width without scrollbar]` of the document.
async fn widths(app: &mut App) -> Result<(i64, i64), String> {
    let v = app
        .js("var d=document.documentElement; return [d.scrollWidth, d.clientWidth];")
        .await?;
    let w = |i: usize| {
        v[i].as_i64()
            .ok_or_else(|| format!("lebar tidak terbaca: {v}"))
    };
    Ok((w(0)?, w(1)?))
}

async fn no_page_scrolls_sideways(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    load_example(&mut app).await?;
    let mut wide = Vec::new();
    for window in [1366u32, 1024, 800] {
        app.client
            .set_window_rect(0, 0, window, 768)
            .await
            .map_err(|e| format!("ukuran jendela: {e}"))?;
        for page in PAGES {
            app.click(page).await?;
            app.settle().await?;
            let (scroll, client) = widths(&mut app).await?;
            if scroll > client {
                wide.push(format!(
                    "{page} pada jendela {window}: halaman {scroll} px, layar {client} px"
                ));
            }
        }
    }
    app.close().await?;
    if wide.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "[{}] menggulung ke samping:\n{}",
            browser.name(),
            wide.join("\n")
        ))
    }
}
both_browsers!(no_sideways_scroll_case, no_page_scrolls_sideways);

/// At 1366 px the detail panel of an indicator opens beside its row: every cell of the row
/// stays visible (nothing drawn over it), and the panel is not drawn over either.
async fn detail_panel_covers_nothing(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    load_example(&mut app).await?;
    app.client
        .set_window_rect(0, 0, 1366, 768)
        .await
        .map_err(|e| format!("ukuran jendela: {e}"))?;
    app.click("tab-rencana").await?;
    // An IKU of a sasaran lower on the page (the panel is at its tallest there).
    app.click_css("[data-testid^=detail-]", 3).await?;
    app.find("indicator-detail").await?;
    let hidden = app
        .js(r#"
            var row = document.querySelector('tr.selected');
            var panel = document.querySelector('[data-testid=indicator-detail]');
            if (!row || !panel) return ['baris atau panel tidak ada'];
            row.scrollIntoView({block: 'center'});
            var out = [];
            // Every cell of the row is the topmost element at its own centre.
            var cells = row.querySelectorAll('td');
            for (var i = 0; i < cells.length; i++) {
                var r = cells[i].getBoundingClientRect();
                // A box that scrolls shows only its client area; a cell scrolled out of it
                // is reached by scrolling the box, not hidden under anything.
                var el = cells[i].closest('.table-scroll');
                var left = -Infinity, right = Infinity;
                if (el && getComputedStyle(el).overflowX !== 'visible') {
                    var b = el.getBoundingClientRect();
                    left = b.left + el.clientLeft;
                    right = left + el.clientWidth;
                }
                if (r.right <= left + 2 || r.left >= right - 2) continue;
                var x = Math.min(Math.max(r.left + r.width / 2, left + 1), right - 1);
                var top = document.elementFromPoint(x, r.top + r.height / 2);
                if (!top || !cells[i].contains(top)) out.push('sel ' + (cells[i].getAttribute('data-field') || i) + ' tertutup oleh ' + (top ? top.className || top.tagName : 'tidak ada'));
            }
            var p = panel.getBoundingClientRect();
            // The part of the row on screen: clipped by its scrolling box.
            var rr = row.getBoundingClientRect();
            var sb = row.closest('.table-scroll');
            var rl = rr.left, rrt = rr.right;
            if (sb && getComputedStyle(sb).overflowX !== 'visible') {
                var bb = sb.getBoundingClientRect();
                rl = Math.max(rl, bb.left + sb.clientLeft);
                rrt = Math.min(rrt, bb.left + sb.clientLeft + sb.clientWidth);
            }
            if (p.left < rrt && rl < p.right && p.top < rr.bottom && rr.top < p.bottom) out.push('panel menindih baris');
            var pt = document.elementFromPoint(p.left + p.width / 2, p.top + 20);
            if (!pt || !panel.contains(pt)) out.push('panel tertutup oleh ' + (pt ? pt.className || pt.tagName : 'tidak ada'));
            return out;
        "#)
        .await?;
    app.close().await?;
    match hidden.as_array() {
        Some(a) if a.is_empty() => Ok(()),
        _ => Err(format!("[{}] {hidden}", browser.name())),
    }
}
both_browsers!(detail_panel_case, detail_panel_covers_nothing);
