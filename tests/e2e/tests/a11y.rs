//! Accessibility (issue 13): axe-core finds no violation on any page, empty or with the
//! example loaded; the keyboard reaches the content through a skip link; each page has one
//! h1. axe-core comes from the npm registry (`cargo xtask test` installs it under
//! `target/npm`); the page's CSP blocks an injected script tag, so its source is evaluated
//! through WebDriver.

use lakip_e2e::{both_browsers, App, Browser, Key, Profile, PAGES};

fn axe_source() -> Result<String, String> {
    let path = lakip_e2e::root().join("target/npm/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} — jalankan `cargo xtask test` (memasang axe-core dari npm)",
            path.display()
        )
    })
}

/// The violations axe finds on the page as it is now: `id (n): first target`.
async fn violations(app: &mut App, axe: &str) -> Result<Vec<String>, String> {
    app.js(&format!("{axe}\n;return 1;")).await?;
    let found = app
        .client
        .execute_async(
            r#"var done = arguments[arguments.length - 1];
               axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
                 done(r.violations.map(function (v) {
                   return v.id + ' (' + v.nodes.length + '): ' + v.nodes[0].target.join(' ');
                 }));
               }, function (e) { done(['axe gagal: ' + e]); });"#,
            vec![],
        )
        .await
        .map_err(|e| format!("axe: {e}"))?;
    Ok(found
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_else(|| vec![format!("jawaban axe tak terbaca: {found}")]))
}

async fn axe_finds_nothing(browser: Browser) -> Result<(), String> {
    let axe = axe_source()?;
    let mut app = App::open(browser, Profile::default()).await?;
    app.client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(std::time::Duration::from_secs(120)),
            None,
            None,
        ))
        .await
        .map_err(|e| e.to_string())?;
    let mut all = Vec::new();
    for v in violations(&mut app, &axe).await? {
        all.push(format!("Beranda (kosong): {v}"));
    }
    app.click("load-example").await?;
    app.wait_text("total-pagu", "Rp 15.447.851.952").await?;
    for page in PAGES {
        app.click(page).await?;
        app.settle().await?;
        let h1 = app
            .js("return document.querySelectorAll('h1').length")
            .await?;
        if h1.as_i64() != Some(1) {
            all.push(format!("{page}: {h1} h1"));
        }
        for v in violations(&mut app, &axe).await? {
            all.push(format!("{page}: {v}"));
        }
    }
    app.close().await?;
    if all.is_empty() {
        Ok(())
    } else {
        Err(format!("[{}] axe:\n{}", browser.name(), all.join("\n")))
    }
}
both_browsers!(axe_case, axe_finds_nothing);

/// The first Tab reaches the skip link; following it puts the keyboard in the page's
/// content, past the navigation.
async fn skip_link_leads_to_content(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    app.js("document.activeElement && document.activeElement.blur(); return 1;")
        .await?;
    app.client
        .active_element()
        .await
        .map_err(|e| e.to_string())?
        .send_keys(&Key::Tab.to_string())
        .await
        .map_err(|e| e.to_string())?;
    let first = app
        .js("return document.activeElement.getAttribute('data-testid')")
        .await?;
    if first.as_str() != Some("skip-link") {
        return Err(format!("[{}] Tab pertama ke {first}", browser.name()));
    }
    app.client
        .active_element()
        .await
        .map_err(|e| e.to_string())?
        .send_keys(&Key::Enter.to_string())
        .await
        .map_err(|e| e.to_string())?;
    let inside = app
        .js("return !!document.activeElement.closest('main') && !document.activeElement.closest('header')")
        .await?;
    app.close().await?;
    if inside.as_bool() == Some(true) {
        Ok(())
    } else {
        Err(format!("[{}] fokus tidak pindah ke isi", browser.name()))
    }
}
both_browsers!(skip_link_case, skip_link_leads_to_content);
