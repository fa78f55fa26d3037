//! Kalkulator LAKIP, the web app: a thin Leptos (CSR) layer over `lakip-core`. This file
//! only installs the panic hook and mounts the app; see ARCHITECTURE.md.

pub mod state;
pub mod ui;
pub mod web;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(start)]
pub fn start() {
    // A panic aborts the wasm; before it does, hand over to the loader's recovery screen,
    // from which the stored reports can still be downloaded.
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.clone().into());
        web::recover(&msg);
    }));
    let Some(root) = web::document().and_then(|d| d.get_element_by_id("lakip-app")) else {
        web::recover("elemen #lakip-app tidak ada");
        return;
    };
    use wasm_bindgen::JsCast;
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    leptos::mount::mount_to(root, ui::app::App).forget();
    web::hide_boot();
    web::mark("lakip-first-render");
}

// Test hooks for the browser tests (tests/e2e), called through `window.lakipApi`. Only the
// test build has them (`--features test-hooks`, `cargo xtask dist --test-hooks`); the
// shipped file is checked for their absence when it is built.

/// Test hook: open a generated report of `sub_kegiatan` rows (scale tests).
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
pub fn lakip_test_load_generated(sub_kegiatan: usize) {
    use leptos::prelude::Set;
    if let Some(session) = state::current() {
        session.adopt(lakip_core::generate::report(sub_kegiatan, 1));
        session.page.set(state::Page::Budget);
    }
}

/// Test hook: hold autosaves (changes stay pending) or release them, to stage two tabs
/// writing at once.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
pub fn lakip_test_hold_saves(hold: bool) {
    if let Some(session) = state::current() {
        session.hold_saves(hold);
    }
}

/// Test hook: cause a real panic inside the app (the recovery screen must appear).
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
pub fn lakip_test_panic() {
    panic!("panik uji (lakip_test_panic)");
}
