//! Files in and out: downloads through a Blob URL (works under `file://`, needs no
//! network), and reading a picked file.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// Offer `bytes` as a download named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array.buffer());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_buffer_source_sequence_and_options(&parts, &opts)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let doc = super::document().ok_or("tidak ada dokumen")?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "bukan anchor".to_string())?;
    a.set_href(&url);
    a.set_download(name);
    a.set_attribute("data-download", name).ok();
    let body = doc.body().ok_or("tidak ada body")?;
    body.append_child(&a).map_err(|e| format!("{e:?}"))?;
    a.click();
    a.remove();
    // Revoke later: some browsers read the URL after click() returns.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

/// Read the first file of an `<input type=file>` and call `done` with its bytes and name.
pub fn read_file(
    input: &web_sys::HtmlInputElement,
    done: impl FnOnce(Result<(String, Vec<u8>), String>) + 'static,
) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    let name = file.name();
    let reader = match web_sys::FileReader::new() {
        Ok(r) => r,
        Err(e) => return done(Err(format!("{e:?}"))),
    };
    let r2 = reader.clone();
    let cb = Closure::once_into_js(move |_ev: JsValue| {
        let result = r2
            .result()
            .map_err(|e| format!("{e:?}"))
            .map(|v| js_sys::Uint8Array::new(&v).to_vec());
        done(result.map(|bytes| (name, bytes)));
    });
    reader.set_onloadend(Some(cb.unchecked_ref()));
    if let Err(e) = reader.read_as_array_buffer(&file) {
        web_sys::console::error_1(&e);
    }
    input.set_value("");
}

/// Copy an element (a rendered table) to the clipboard as the browser copies a selection:
/// rich HTML for Word (a real table) and tab-separated text for Excel. Works under
/// `file://` and in older browsers (`document.execCommand`).
pub fn copy_element(el: &web_sys::Element) -> Result<(), String> {
    let doc = super::document().ok_or("tidak ada dokumen")?;
    let win = web_sys::window().ok_or("tidak ada window")?;
    let selection = win
        .get_selection()
        .map_err(|e| format!("{e:?}"))?
        .ok_or("tidak ada seleksi")?;
    let range = doc.create_range().map_err(|e| format!("{e:?}"))?;
    range.select_node(el).map_err(|e| format!("{e:?}"))?;
    selection
        .remove_all_ranges()
        .map_err(|e| format!("{e:?}"))?;
    selection.add_range(&range).map_err(|e| format!("{e:?}"))?;
    let html_doc: &web_sys::HtmlDocument = doc.unchecked_ref();
    let ok = html_doc
        .exec_command("copy")
        .map_err(|e| format!("{e:?}"))?;
    let _ = selection.remove_all_ranges();
    if ok {
        Ok(())
    } else {
        Err("browser menolak menyalin".into())
    }
}

/// Copy plain text to the clipboard (through a hidden text area and `execCommand`).
pub fn copy_text(text: &str) -> Result<(), String> {
    let doc = super::document().ok_or("tidak ada dokumen")?;
    let area: web_sys::HtmlTextAreaElement = doc
        .create_element("textarea")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "bukan textarea".to_string())?;
    area.set_value(text);
    area.set_attribute("style", "position:fixed;top:-1000px;opacity:0")
        .ok();
    let body = doc.body().ok_or("tidak ada body")?;
    body.append_child(&area).map_err(|e| format!("{e:?}"))?;
    area.select();
    let html_doc: &web_sys::HtmlDocument = doc.unchecked_ref();
    let ok = html_doc.exec_command("copy").unwrap_or(false);
    area.remove();
    if ok {
        Ok(())
    } else {
        Err("browser menolak menyalin".into())
    }
}

/// Open the browser's print dialog (Print → Save as PDF).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
