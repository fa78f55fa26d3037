//! Drive the built `dist/lakip.html` by `file://` in headless Chromium and Firefox ESR, as
//! an officer would: click, type, reload. Each [`App`] is a fresh browser with a fresh
//! profile; its driver runs in its own process group and is killed with it, so a failing
//! test leaves no browser behind.
//!
//! Helpers are named for what a person does (`click`, `type_into`, `text`) and find
//! elements by `data-testid`, never by layout.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use fantoccini::key::Key;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    Chromium,
    Firefox,
}

impl Browser {
    pub fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::Firefox => "firefox",
        }
    }
}

/// Options for a browser profile.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    /// Reuse this profile directory (to test a browser restart); a fresh one otherwise.
    pub dir: Option<PathBuf>,
    /// Forbid local storage (cookies and site data blocked).
    pub block_storage: bool,
}

pub type Result<T> = std::result::Result<T, String>;

fn err<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> String + '_ {
    move |e| format!("{what}: {e}")
}

/// The workspace root (two levels above this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The file the tests drive: `dist/lakip-test.html`, the app built with its test hooks
/// (`cargo xtask dist --test-hooks`).
pub fn app_path() -> PathBuf {
    let html = root().join("dist/lakip-test.html");
    assert!(
        html.exists(),
        "dist/lakip-test.html belum dibangun: jalankan `cargo xtask dist --test-hooks`"
    );
    html
}

/// The shipped file, `dist/lakip.html` (`cargo xtask dist`): no test hooks.
pub fn shipped_path() -> PathBuf {
    let html = root().join("dist/lakip.html");
    assert!(
        html.exists(),
        "dist/lakip.html belum dibangun: jalankan `cargo xtask dist`"
    );
    html
}

pub fn app_url() -> String {
    format!("file://{}", app_path().display())
}

pub fn shipped_url() -> String {
    format!("file://{}", shipped_path().display())
}

/// A fresh temporary directory under `target/e2e/`.
pub fn temp_dir(tag: &str) -> PathBuf {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let dir = root().join("target/e2e").join(format!(
        "{tag}-{}-{n}-{}",
        std::process::id(),
        Instant::now().elapsed().as_nanos()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// A WebDriver process in its own process group; dropping it kills the group.
struct Driver {
    child: Child,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The driver leads its own process group (see `spawn_driver`): kill the group, so
        // that no browser outlives a failed test. Never through `kill -9 -PGID`: procps
        // reads some of those as `kill(-1)`, which ends every process on the machine.
        let pgid = self.child.id() as libc::pid_t;
        if pgid > 1 {
            // SAFETY: plain syscall on a process group id we created.
            unsafe {
                libc::killpg(pgid, libc::SIGKILL);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn_driver(browser: Browser, port: u16) -> Result<Driver> {
    use std::os::unix::process::CommandExt;
    let mut cmd = match browser {
        Browser::Chromium => {
            let mut c = Command::new("chromedriver");
            c.arg(format!("--port={port}"));
            c
        }
        Browser::Firefox => {
            let mut c = Command::new("geckodriver");
            c.args(["--port", &port.to_string(), "--log", "error"]);
            c
        }
    };
    cmd.stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0);
    let child = cmd.spawn().map_err(err("driver tidak bisa dijalankan"))?;
    let driver = Driver { child };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!("{} tidak siap dalam 20 detik", browser.name()));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(driver)
}

fn capabilities(
    browser: Browser,
    profile_dir: &Path,
    downloads: &Path,
    opts: &Profile,
) -> serde_json::Map<String, Value> {
    let caps = match browser {
        Browser::Chromium => {
            let mut prefs = json!({
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
                "safebrowsing.enabled": false,
            });
            if opts.block_storage {
                prefs["profile.default_content_setting_values.cookies"] = json!(2);
                prefs["profile.block_third_party_cookies"] = json!(true);
            }
            json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1400,1000",
                        format!("--user-data-dir={}", profile_dir.display()),
                    ],
                    "prefs": prefs,
                },
                "goog:loggingPrefs": { "browser": "ALL" },
                // Closing with unexported changes asks first (beforeunload): accept it.
                "unhandledPromptBehavior": "accept",
            })
        }
        Browser::Firefox => {
            let mut prefs = json!({
                "browser.download.folderList": 2,
                "browser.download.dir": downloads,
                "browser.download.useDownloadDir": true,
                "browser.download.manager.showWhenStarting": false,
                "browser.download.always_ask_before_handling_new_types": false,
                "browser.helperApps.neverAsk.saveToDisk": "application/json,text/csv,text/html,application/octet-stream,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "pdfjs.disabled": true,
                "datareporting.policy.dataSubmissionEnabled": false,
                "toolkit.telemetry.reportingpolicy.firstRun": false,
                "browser.shell.checkDefaultBrowser": false,
                "app.update.enabled": false,
                "network.captive-portal-service.enabled": false,
                // The app asks before leaving with unexported changes; a headless browser
                // closing at the end of a test must not wait on that dialog.
                "dom.disable_beforeunload": true,
            });
            if opts.block_storage {
                prefs["dom.storage.enabled"] = json!(false);
            }
            json!({
                "browserName": "firefox",
                "unhandledPromptBehavior": "accept",
                "moz:firefoxOptions": {
                    "binary": "/usr/bin/firefox-esr",
                    "args": ["-headless", "-profile", profile_dir, "--width=1400", "--height=1000"],
                    "prefs": prefs,
                },
            })
        }
    };
    match caps {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

/// The app in one browser.
pub struct App {
    pub client: Client,
    pub browser: Browser,
    pub downloads: PathBuf,
    pub profile_dir: PathBuf,
    _driver: Driver,
}

impl App {
    /// Start a browser (fresh profile unless `opts.dir`) and open `dist/lakip.html`.
    pub async fn open(browser: Browser, opts: Profile) -> Result<App> {
        let mut app = App::start(browser, opts).await?;
        app.goto(&app_url()).await?;
        Ok(app)
    }

    /// Start a browser without opening the app.
    pub async fn start(browser: Browser, opts: Profile) -> Result<App> {
        let profile_dir = match &opts.dir {
            Some(d) => {
                std::fs::create_dir_all(d).map_err(err("profil"))?;
                d.clone()
            }
            None => temp_dir(&format!("profil-{}", browser.name())),
        };
        let downloads = temp_dir(&format!("unduhan-{}", browser.name()));
        let port = free_port();
        let driver = spawn_driver(browser, port)?;
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities(browser, &profile_dir, &downloads, &opts))
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(err("sesi WebDriver"))?;
        Ok(App {
            client,
            browser,
            downloads,
            profile_dir,
            _driver: driver,
        })
    }

    pub async fn goto(&mut self, url: &str) -> Result<()> {
        self.client.goto(url).await.map_err(err("buka halaman"))?;
        self.wait_ready().await
    }

    /// Wait until the app has rendered (or the recovery screen, or the damaged-file message,
    /// is shown).
    pub async fn wait_ready(&mut self) -> Result<()> {
        self.wait_for("[data-testid=report-title], [data-testid=recovery], [data-testid=damaged]")
            .await
            .map(|_| ())
    }

    pub async fn reload(&mut self) -> Result<()> {
        self.client.refresh().await.map_err(err("muat ulang"))?;
        self.wait_ready().await
    }

    pub async fn close(self) -> Result<()> {
        self.client.close().await.map_err(err("tutup"))
    }

    pub fn css(testid: &str) -> String {
        format!("[data-testid=\"{testid}\"]")
    }

    pub async fn wait_for(&mut self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("elemen {css} tidak muncul: {e}"))
    }

    pub async fn find(&mut self, testid: &str) -> Result<Element> {
        self.wait_for(&App::css(testid)).await
    }

    pub async fn exists(&mut self, testid: &str) -> bool {
        self.client
            .find(Locator::Css(&App::css(testid)))
            .await
            .is_ok()
    }

    /// Scroll an element to the middle of the window (clear of the sticky headers).
    async fn reveal(&mut self, el: &Element) -> Result<()> {
        let arg = serde_json::to_value(el).map_err(err("elemen"))?;
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                vec![arg],
            )
            .await
            .map(|_| ())
            .map_err(err("gulir"))
    }

    pub async fn click(&mut self, testid: &str) -> Result<()> {
        let el = self.find(testid).await?;
        self.reveal(&el).await?;
        el.click().await.map_err(err(testid))
    }

    pub async fn text(&mut self, testid: &str) -> Result<String> {
        let el = self.find(testid).await?;
        el.text()
            .await
            .map_err(err(testid))
            .map(|t| t.trim().to_string())
    }

    /// Wait (up to 20 s) until the element's text equals `want`, and return it; at the
    /// deadline, fail with what the element said instead (or that it was missing).
    pub async fn wait_text(&mut self, testid: &str, want: &str) -> Result<String> {
        self.wait_text_until(testid, &format!("= {want:?}"), |t| t == want)
            .await
    }

    /// Wait (up to 20 s) until the element's text contains `part`, and return the text;
    /// at the deadline, fail with what it said instead.
    pub async fn wait_text_contains(&mut self, testid: &str, part: &str) -> Result<String> {
        self.wait_text_until(testid, &format!("berisi {part:?}"), |t| t.contains(part))
            .await
    }

    async fn wait_text_until(
        &mut self,
        testid: &str,
        expected: &str,
        ok: impl Fn(&str) -> bool,
    ) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.text_now(&App::css(testid), 0).await;
            if let Ok(t) = &got {
                if ok(t) {
                    return got;
                }
            }
            if Instant::now() > deadline {
                return Err(timed_out(self.browser, testid, expected, &got));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The text of the `i`-th element matching `css`, now (no waiting for it).
    async fn text_now(&mut self, css: &str, i: usize) -> std::result::Result<String, String> {
        match self.all(css).await?.into_iter().nth(i) {
            Some(el) => el
                .text()
                .await
                .map(|t| t.trim().to_string())
                .map_err(|e| e.to_string()),
            None => Err("elemen tidak ada".into()),
        }
    }

    /// The app's save state, as the save indicator exposes it in `data-save-state`:
    /// `saved`, `pending`, `failed`, `unavailable` or `conflict`. Read now, not waited for:
    /// an accepted change turns it to `pending` in the same event, before any save.
    pub async fn save_state(&mut self) -> Result<String> {
        let el = self.find("save-state").await?;
        el.attr("data-save-state")
            .await
            .map_err(err("data-save-state"))?
            .ok_or_else(|| "save-state tanpa atribut data-save-state".to_string())
    }

    /// Wait (up to 20 s: a large report's save waits longer) until the save state is
    /// `want`; fail with the state it stayed in.
    pub async fn wait_save_state(&mut self, want: &str) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.save_state().await;
            if got.as_deref() == Ok(want) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(timed_out(
                    self.browser,
                    "save-state",
                    &format!("data-save-state = {want:?}"),
                    &got,
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn value(&mut self, testid: &str) -> Result<String> {
        let el = self.find(testid).await?;
        el.prop("value")
            .await
            .map_err(err(testid))
            .map(|v| v.unwrap_or_default())
    }

    /// Replace a field's content by typing, as a person does (select all, type).
    pub async fn type_into(&mut self, testid: &str, text: &str) -> Result<()> {
        let el = self.find(testid).await?;
        self.reveal(&el).await?;
        el.click().await.map_err(err(testid))?;
        el.clear().await.map_err(err(testid))?;
        el.send_keys(text).await.map_err(err(testid))
    }

    /// Type, then press Enter.
    pub async fn enter(&mut self, testid: &str, text: &str) -> Result<()> {
        self.type_into(testid, text).await?;
        let el = self.find(testid).await?;
        el.send_keys(&Key::Enter.to_string())
            .await
            .map_err(err(testid))
    }

    /// All elements matching a CSS selector (now, no waiting).
    pub async fn all(&mut self, css: &str) -> Result<Vec<Element>> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map_err(err(css))
    }

    /// The `i`-th element matching `css` (waiting up to 10 s for it to exist).
    pub async fn nth(&mut self, css: &str, i: usize) -> Result<Element> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let found = self.all(css).await?;
            if let Some(el) = found.into_iter().nth(i) {
                return Ok(el);
            }
            if Instant::now() > deadline {
                return Err(format!("elemen ke-{i} dari {css} tidak ada"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn click_el(&mut self, el: &Element) -> Result<()> {
        self.reveal(el).await?;
        el.click().await.map_err(err("klik"))
    }

    pub async fn click_css(&mut self, css: &str, i: usize) -> Result<()> {
        let el = self.nth(css, i).await?;
        self.click_el(&el).await
    }

    /// Type into the `i`-th field matching `css`, then press Enter.
    pub async fn enter_css(&mut self, css: &str, i: usize, text: &str) -> Result<()> {
        let el = self.nth(css, i).await?;
        self.reveal(&el).await?;
        el.click().await.map_err(err(css))?;
        el.clear().await.map_err(err(css))?;
        el.send_keys(text).await.map_err(err(css))?;
        el.send_keys(&Key::Enter.to_string())
            .await
            .map_err(err(css))
    }

    /// Choose the option with this visible label in the `i`-th select matching `css`.
    pub async fn select_css(&mut self, css: &str, i: usize, label: &str) -> Result<()> {
        let el = self.nth(css, i).await?;
        self.reveal(&el).await?;
        el.select_by_label(label).await.map_err(err(css))
    }

    /// Wait (up to 20 s) until the text of the `i`-th element matching `css` equals `want`;
    /// at the deadline, fail with what it said instead.
    pub async fn wait_text_css(&mut self, css: &str, i: usize, want: &str) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.text_now(css, i).await;
            if got.as_deref() == Ok(want) {
                return got;
            }
            if Instant::now() > deadline {
                return Err(timed_out(
                    self.browser,
                    &format!("{css} #{i}"),
                    &format!("= {want:?}"),
                    &got,
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Press keys with a modifier held, on the focused element (Ctrl+Z and the like).
    pub async fn chord(&mut self, modifier: Key, key: &str) -> Result<()> {
        use fantoccini::actions::InputSource;
        let actions = fantoccini::actions::KeyActions::new("keyboard".into())
            .then(fantoccini::actions::KeyAction::Down {
                value: modifier.into(),
            })
            .then(fantoccini::actions::KeyAction::Down {
                value: key.chars().next().unwrap_or('z'),
            })
            .then(fantoccini::actions::KeyAction::Up {
                value: key.chars().next().unwrap_or('z'),
            })
            .then(fantoccini::actions::KeyAction::Up {
                value: modifier.into(),
            });
        self.client
            .perform_actions(actions)
            .await
            .map_err(err("tombol"))?;
        self.client.release_actions().await.map_err(err("tombol"))
    }

    pub async fn js(&mut self, script: &str) -> Result<Value> {
        self.client
            .execute(script, vec![])
            .await
            .map_err(err("skrip"))
    }

    /// Pick a file in an `<input type=file>`.
    pub async fn choose_file(&mut self, testid: &str, path: &Path) -> Result<()> {
        let el = self
            .client
            .find(Locator::Css(&App::css(testid)))
            .await
            .map_err(err(testid))?;
        el.send_keys(&path.display().to_string())
            .await
            .map_err(err("pilih berkas"))
    }

    /// Wait for a finished download whose name ends with `suffix`; return its path.
    pub async fn downloaded(&self, suffix: &str) -> Result<PathBuf> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(rd) = std::fs::read_dir(&self.downloads) {
                for e in rd.flatten() {
                    let p = e.path();
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    if name.ends_with(suffix)
                        && !name.ends_with(".crdownload")
                        && !name.ends_with(".part")
                    {
                        if let Ok(m) = std::fs::metadata(&p) {
                            if m.len() > 0 {
                                tokio::time::sleep(Duration::from_millis(200)).await;
                                return Ok(p);
                            }
                        }
                    }
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "tidak ada unduhan *{suffix} di {}",
                    self.downloads.display()
                ));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Raw local storage of the page, key → value (our keys only).
    pub async fn stored(&mut self) -> Result<Vec<(String, String)>> {
        let v = self
            .js("var o=[];for(var i=0;i<localStorage.length;i++){var k=localStorage.key(i);if(k.indexOf('kalkulator-lakip/')===0)o.push([k,localStorage.getItem(k)]);}o.sort();return o;")
            .await?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| Some((p[0].as_str()?.to_string(), p[1].as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Wait two animation frames: the page has laid out what the last action changed.
    pub async fn settle(&mut self) -> Result<()> {
        self.js("return new Promise(function(r){requestAnimationFrame(function(){requestAnimationFrame(function(){r(1)})})});")
            .await
            .map(|_| ())
    }

    /// Milliseconds from navigation start to the app's first render.
    pub async fn first_render_ms(&mut self) -> Result<f64> {
        let v = self
            .js("var e=performance.getEntriesByName('lakip-first-render');return e.length?e[0].startTime:null;")
            .await?;
        v.as_f64()
            .ok_or_else(|| "tanda lakip-first-render tidak ada".to_string())
    }
}

/// The error of a wait that ran out: which element, what was expected, what was there.
fn timed_out(
    browser: Browser,
    what: &str,
    expected: &str,
    got: &std::result::Result<String, String>,
) -> String {
    let found = match got {
        Ok(t) => format!("tertulis {t:?}"),
        Err(e) => format!("tidak terbaca ({e})"),
    };
    format!(
        "[{}] {what}: diharapkan {expected}, {found}",
        browser.name()
    )
}

/// The app's pages, by the test id of their tab, in the order of the navigation.
pub const PAGES: &[&str] = &[
    "tab-beranda",
    "tab-rencana",
    "tab-target",
    "tab-anggaran",
    "tab-laporan",
    "tab-periksa",
    "tab-pengaturan",
];

/// Run a scenario in both browsers, one after the other.
#[macro_export]
macro_rules! both_browsers {
    ($name:ident, $body:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn chromium() {
                super::$body($crate::Browser::Chromium).await.unwrap();
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn firefox() {
                super::$body($crate::Browser::Firefox).await.unwrap();
            }
        }
    };
}
