use lakip_e2e::{App, Browser, Profile};

async fn loads(browser: Browser) -> Result<(), String> {
    let mut app = App::open(browser, Profile::default()).await?;
    let logs = app.js("return document.body.innerText.slice(0, 2000)").await?;
    println!("{logs}");
    app.click("load-example").await?;
    let t = app.wait_text("total-realisasi", "Rp 14.538.093.081").await?;
    assert_eq!(t, "Rp 14.538.093.081");
    app.close().await
}

lakip_e2e::both_browsers!(smoke, loads);
