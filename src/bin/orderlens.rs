//! The `orderlens` command line: see `orderlens --help`.

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
