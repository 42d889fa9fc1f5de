//! The few JavaScript built-ins the package calls, bound directly.
//!
//! `js-sys` would do, but linking it keeps an invoke shim for every closure
//! signature any of its bindings accepts (43 of them, about 10 KB of wasm)
//! although orderlens passes no closures to JavaScript.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `Array`.
    pub type Array;

    #[wasm_bindgen(static_method_of = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> bool;

    #[wasm_bindgen(constructor)]
    pub fn new() -> Array;

    #[wasm_bindgen(method, getter, structural)]
    fn length(this: &Array) -> u32;

    #[wasm_bindgen(method, structural, indexing_getter)]
    fn get(this: &Array, index: u32) -> JsValue;

    /// `Object`.
    pub type Object;

    #[wasm_bindgen(constructor)]
    pub fn new() -> Object;

    /// `Date`.
    pub type Date;

    #[wasm_bindgen(static_method_of = Date)]
    pub fn now() -> f64;

    #[wasm_bindgen(method, js_name = getTime)]
    pub fn get_time(this: &Date) -> f64;

    /// `Error`.
    pub type Error;

    #[wasm_bindgen(constructor)]
    pub fn new(message: &str) -> Error;

    #[wasm_bindgen(method, getter, structural)]
    pub fn message(this: &Error) -> String;

    #[wasm_bindgen(method, setter, structural)]
    pub fn set_name(this: &Error, name: &str);

    /// `TypeError`.
    pub type TypeError;

    #[wasm_bindgen(constructor)]
    pub fn new(message: &str) -> TypeError;

    /// `RangeError`.
    pub type RangeError;

    #[wasm_bindgen(constructor)]
    pub fn new(message: &str) -> RangeError;

    /// `Reflect.get`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    pub fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.set`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = set)]
    pub fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;

    /// `JSON.stringify`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    pub fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `JSON.parse`.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn json_parse(text: &str) -> Result<JsValue, JsValue>;

    /// The global `parseFloat`.
    #[wasm_bindgen(js_name = parseFloat)]
    pub fn parse_float(text: &str) -> f64;

    /// The global `String`, here on numbers: `Number.prototype.toString()`.
    #[wasm_bindgen(js_name = String)]
    pub fn number_to_string(n: f64) -> String;

    /// `Uint8Array`.
    pub type Uint8Array;

    /// `new Uint8Array(buffer)`: a view of an `ArrayBuffer`.
    #[wasm_bindgen(constructor)]
    pub fn new(buffer: &JsValue) -> Uint8Array;

    /// `ArrayBuffer`.
    pub type ArrayBuffer;

    /// `Uint8Array.from(bytes)`, copied into wasm memory.
    #[wasm_bindgen(static_method_of = Uint8Array, js_name = from)]
    pub fn copy_bytes(bytes: &JsValue) -> Vec<u8>;
}

/// The elements of `value`, which `Array::is_array` accepted.
pub fn array_items(value: &JsValue) -> Vec<JsValue> {
    let a: &Array = value.unchecked_ref();
    (0..a.length()).map(|i| a.get(i)).collect()
}
