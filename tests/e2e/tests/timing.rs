//! Time from navigation to the app's first render under `file://`, in each browser: the
//! median of several cold starts (fresh profile each). A measurement, not a pass/fail
//! test: run with `cargo test -p lakip-e2e --test timing -- --ignored --nocapture`. It
//! times the shipped file (`dist/lakip.html`, without test hooks).

use lakip_e2e::{App, Browser, Profile};

const RUNS: usize = 7;

async fn measure(browser: Browser) -> Result<(), String> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let mut app = App::start(browser, Profile::default()).await?;
        app.goto(&lakip_e2e::shipped_url()).await?;
        times.push(app.first_render_ms().await?);
        app.close().await?;
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let size = std::fs::metadata(lakip_e2e::shipped_path())
        .map_err(|e| e.to_string())?
        .len();
    println!(
        "{}: navigasi → render pertama, median {:.0} ms (min {:.0}, maks {:.0}, n={RUNS}); dist/lakip.html {size} bita",
        browser.name(),
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "pengukuran; jalankan dengan --ignored"]
async fn first_render_chromium() {
    measure(Browser::Chromium).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "pengukuran; jalankan dengan --ignored"]
async fn first_render_firefox() {
    measure(Browser::Firefox).await.unwrap();
}
