//! The browser: everything that touches `web-sys` apart from the components. Thin wrappers
//! that turn browser failures into values.

pub mod files;
pub mod storage;

use wasm_bindgen::JsCast;

/// Current time as ISO 8601 (UTC).
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// A random 53-bit number for ids (not for secrets).
pub fn random_u64() -> u64 {
    let a = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    let b = (js_sys::Math::random() * 2_097_152.0) as u64;
    (b << 32) | a
}

/// `performance.mark(name)`, for the timing tests.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// `performance.mark(name)` at the start of the next animation frame, i.e. the frame that
/// paints what was just changed (its time stamp is the frame's, not the callback's).
pub fn mark_next_frame(name: &'static str) {
    use wasm_bindgen::closure::Closure;
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::once_into_js(move |frame_ms: wasm_bindgen::JsValue| {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let opts = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&opts, &"startTime".into(), &frame_ms);
            if let Ok(f) = js_sys::Reflect::get(&p, &"mark".into()) {
                if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                    let _ = f.call2(&p, &name.into(), &opts);
                }
            }
        }
    });
    let _ = w.request_animation_frame(cb.unchecked_ref());
}

/// `performance.mark(name)` at a given time (an event's `timeStamp`).
pub fn mark_at(name: &str, at_ms: f64) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"startTime".into(), &at_ms.into());
        if let Ok(f) = js_sys::Reflect::get(&p, &"mark".into()) {
            if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                let _ = f.call2(&p, &name.into(), &opts);
            }
        }
    }
}

/// Milliseconds since navigation start (performance timing).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

pub fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Remove the loader's "Memuat aplikasi…" box.
pub fn hide_boot() {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("lakip-boot")) {
        el.remove();
    }
}

/// The page as shipped (kept by the loader before the app changed it).
pub fn page_source() -> Option<String> {
    let w = web_sys::window()?;
    js_sys::Reflect::get(&w, &"lakipSource".into())
        .ok()?
        .as_string()
}

/// Show the loader's recovery screen (used by the panic hook).
pub fn recover(detail: &str) {
    if let Some(w) = web_sys::window() {
        if let Ok(f) = js_sys::Reflect::get(&w, &"lakipRecover".into()) {
            if let Some(f) = f.dyn_ref::<js_sys::Function>() {
                let _ = f.call1(&w, &detail.into());
            }
        }
    }
}

/// Record a timing line in `window.lakipTimings` (read by the performance tests).
pub fn console_timing(line: &str) {
    if let Some(w) = web_sys::window() {
        let arr = js_sys::Reflect::get(&w, &"lakipTimings".into())
            .ok()
            .filter(|v| v.is_object())
            .unwrap_or_else(|| {
                let a = js_sys::Array::new();
                let _ = js_sys::Reflect::set(&w, &"lakipTimings".into(), &a);
                a.into()
            });
        if let Some(a) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Array>(&arr) {
            a.push(&line.into());
        }
    }
}

/// The text of the report embedded in this file (`<script type="application/json"
/// id="lakip-embedded">`), if any.
pub fn embedded_text() -> Option<String> {
    document()?
        .get_element_by_id(lakip_core::exchange::snapshot::EMBED_ID)?
        .text_content()
        .filter(|t| !t.trim().is_empty())
}

/// `navigator.storage.persist()` (when `request`) or `.persisted()`, reported as
/// `Some(granted)`; `None` where the browser has no such API.
pub fn storage_persistence(request: bool, done: impl Fn(Option<bool>) + 'static) {
    use wasm_bindgen::closure::Closure;
    let storage = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"storage".into()).ok())
        .filter(|s| s.is_object());
    let Some(storage) = storage else {
        return done(None);
    };
    let method = if request { "persist" } else { "persisted" };
    let Some(f) = js_sys::Reflect::get(&storage, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return done(None);
    };
    let Ok(promise) = f.call0(&storage) else {
        return done(None);
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return done(None);
    };
    let done = std::rc::Rc::new(done);
    let ok = {
        let done = done.clone();
        Closure::once(move |v: wasm_bindgen::JsValue| done(v.as_bool()))
    };
    let fail = Closure::once(move |_v: wasm_bindgen::JsValue| done(None));
    let _ = promise.then2(&ok, &fail);
    ok.forget();
    fail.forget();
}

/// Leave the focused field, so that text typed into it is confirmed (its `change` event
/// commits it) before the page is hidden or closed.
pub fn confirm_focused_field() {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.blur();
    }
}
