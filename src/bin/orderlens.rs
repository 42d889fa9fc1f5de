//! The `orderlens` command line: see `orderlens --help`.
//!
//! A native program: built for wasm32 (as `wasm-pack` builds every target
//! of the crate) it is an empty one, since the browser and Node have the
//! JavaScript API instead.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let code = orderlens::cli::run(&argv, &mut input, &mut out, &mut err);
    std::process::exit(code);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
