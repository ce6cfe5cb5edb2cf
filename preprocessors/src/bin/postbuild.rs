//! `mdbook-report-postbuild`: the renderer of `[output.report-postbuild]`, which mdBook runs by
//! that name after its HTML renderer (render context JSON on stdin).

fn main() -> std::process::ExitCode {
    match mdbook_report::postbuild::main() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
