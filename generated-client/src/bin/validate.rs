//! `validate`: checks a request, given as JSON, against the documented rules of
//! its operation without sending anything.
//!
//! ```text
//! validate <vendor> <operation> [FILE]   # FILE absent or `-`: read standard input
//! validate --list                        # every vendor and operation compiled in
//! validate --help
//! ```
//!
//! The JSON is the whole generated request struct of the operation (its path and
//! query parameters by their wire names, plus `body` when the operation has one),
//! for example `{"roomId": "r-1", "body": {"roomName": "周会"}}` for
//! `yxt update_room`. It is decoded into that type and `validate()` is run.
//!
//! Exit status: 0 when the request is valid (`ok` is printed), 1 when it breaks
//! documented rules (one `path: message` line per violation on standard output),
//! 2 when the JSON does not fit the type (`FILE:line:column: message` on standard
//! error) and for usage errors (unknown vendor or operation, unreadable input).
//!
//! Only the vendors whose cargo feature is enabled are known; arguments are parsed
//! by hand so the published crate gains no dependency.

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use meeting_api_client::validation::{Violation, Violations};
use meeting_api_client::vendor::OperationInfo;

const HELP: &str = "\
validate: check a request against the documented rules of its operation

USAGE:
    validate <vendor> <operation> [FILE]
    validate --list
    validate --help

Reads JSON from FILE, or from standard input when FILE is absent or `-`.
The JSON is the whole request of the operation: its path and query parameters
by their wire names, plus `body` when the operation has one. For example, for
`yxt update_room` (PUT /zhibo/rooms/{roomId}):

    {\"roomId\": \"r-1\", \"body\": {\"roomName\": \"周会\", \"hostPassword\": \"123456\"}}

Vendors: tencent_meeting, yxt, polyv, kedacom (`tencent-meeting` is accepted
too); only those whose cargo feature is enabled are available. `--list` prints
every vendor, operation, HTTP method and path this build knows.

Output and exit status:
    0  valid; prints `ok`
    1  invalid; prints one `path: message` line per violated rule
    2  the JSON does not fit the request type (printed as FILE:line:column:
       message), or a usage error: unknown vendor or operation, unreadable FILE
";

/// Exit status of a request that breaks documented rules.
const INVALID: u8 = 1;
/// Exit status of input that cannot be checked, and of usage errors.
const UNUSABLE: u8 = 2;

/// How the standard input is named in messages.
const STDIN_NAME: &str = "<stdin>";

/// Every vendor module name, compiled in or not.
const ALL_VENDORS: [&str; 4] = ["tencent_meeting", "yxt", "polyv", "kedacom"];

/// A generated module's `validate_request_json`.
type ValidateJson = fn(&str, &str) -> Option<Result<Result<(), Violations>, serde_json::Error>>;

/// A vendor module compiled into this build.
#[cfg_attr(
    not(any(
        feature = "tencent-meeting",
        feature = "yxt",
        feature = "polyv",
        feature = "kedacom"
    )),
    allow(dead_code)
)]
struct Vendor {
    name: &'static str,
    operations: &'static [OperationInfo],
    validate: ValidateJson,
}

/// The vendors whose cargo feature is enabled, in the order of `ALL_VENDORS`.
const VENDORS: &[Vendor] = &[
    #[cfg(feature = "tencent-meeting")]
    Vendor {
        name: "tencent_meeting",
        operations: meeting_api_client::tencent_meeting::OPERATIONS,
        validate: meeting_api_client::tencent_meeting::__hooks::validate_request_json,
    },
    #[cfg(feature = "yxt")]
    Vendor {
        name: "yxt",
        operations: meeting_api_client::yxt::OPERATIONS,
        validate: meeting_api_client::yxt::__hooks::validate_request_json,
    },
    #[cfg(feature = "polyv")]
    Vendor {
        name: "polyv",
        operations: meeting_api_client::polyv::OPERATIONS,
        validate: meeting_api_client::polyv::__hooks::validate_request_json,
    },
    #[cfg(feature = "kedacom")]
    Vendor {
        name: "kedacom",
        operations: meeting_api_client::kedacom::OPERATIONS,
        validate: meeting_api_client::kedacom::__hooks::validate_request_json,
    },
];

/// What the command line asks for.
enum Command {
    Help,
    List,
    Check(Target),
}

/// The request to check and where its JSON comes from.
struct Target {
    vendor: String,
    operation: String,
    /// `None` for standard input.
    file: Option<PathBuf>,
}

/// An error whose message goes to standard error, with exit status 2.
type Unusable = String;

fn main() -> ExitCode {
    let status = parse_args(std::env::args_os().skip(1)).and_then(|command| match command {
        Command::Help => {
            print_lines(HELP.lines().map(str::to_owned));
            Ok(0)
        }
        Command::List => {
            list();
            Ok(0)
        }
        Command::Check(target) => check(&target),
    });
    match status {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(UNUSABLE)
        }
    }
}

/// The command the arguments (without the program name) ask for.
fn parse_args(args: impl Iterator<Item = OsString>) -> Result<Command, Unusable> {
    let args: Vec<OsString> = args.collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Command::Help);
    }
    if args.iter().any(|a| a == "--list") {
        return match args.len() {
            1 => Ok(Command::List),
            _ => Err(usage_error("`--list` takes no other argument")),
        };
    }
    if let Some(option) = args.iter().find(|a| is_option(a)) {
        let option = option.to_string_lossy();
        return Err(usage_error(&format!("unknown option `{option}`")));
    }
    match args.as_slice() {
        [vendor, operation] => target(vendor, operation, None),
        [vendor, operation, file] => target(vendor, operation, Some(file)),
        _ => Err(usage_error("expected <vendor> <operation> [FILE]")),
    }
}

/// `-x` or `--x`, but not `-` (standard input).
fn is_option(arg: &OsStr) -> bool {
    arg.to_str()
        .is_some_and(|a| a.starts_with('-') && a.len() > 1)
}

/// A check of `vendor operation [file]`; vendor and operation must be UTF-8.
fn target(vendor: &OsStr, operation: &OsStr, file: Option<&OsString>) -> Result<Command, Unusable> {
    let text = |arg: &OsStr, what: &str| {
        arg.to_str()
            .map(str::to_owned)
            .ok_or_else(|| usage_error(&format!("the {what} is not valid UTF-8")))
    };
    Ok(Command::Check(Target {
        vendor: text(vendor, "vendor")?,
        operation: text(operation, "operation")?,
        file: file.filter(|f| *f != "-").map(PathBuf::from),
    }))
}

/// A usage error, pointing to `--help`.
fn usage_error(message: &str) -> Unusable {
    format!("validate: {message}\nRun `validate --help` for usage.")
}

/// `vendor operation METHOD path` for every operation compiled in.
fn list() {
    if VENDORS.is_empty() {
        eprintln!("{}", no_vendor_compiled_in());
    }
    let rows: Vec<(&str, &OperationInfo)> = VENDORS
        .iter()
        .flat_map(|v| v.operations.iter().map(move |op| (v.name, op)))
        .collect();
    let vendor_width = rows.iter().map(|(v, _)| v.len()).max().unwrap_or(0);
    let name_width = rows.iter().map(|(_, op)| op.name.len()).max().unwrap_or(0);
    print_lines(rows.iter().map(|(vendor, op)| {
        let method = op.method.as_str();
        format!(
            "{vendor:vendor_width$} {:name_width$} {method:6} {}",
            op.name, op.path
        )
    }));
}

/// A build with no vendor feature knows no operation.
fn no_vendor_compiled_in() -> Unusable {
    "validate: no vendor is compiled in; enable a cargo feature \
     (tencent-meeting, yxt, polyv, kedacom)"
        .to_owned()
}

/// Decodes and validates the target request; the exit status when it could be checked.
fn check(target: &Target) -> Result<u8, Unusable> {
    let vendor = find_vendor(&target.vendor)?;
    let operation = find_operation(vendor, &target.operation)?;
    let (source, json) = read_input(target.file.as_deref())?;
    match (vendor.validate)(operation.name, &json) {
        None => Err(unknown_operation(vendor, operation.name)),
        Some(Err(error)) => Err(json_error(&source, &error, vendor, operation)),
        Some(Ok(Ok(()))) => {
            print_lines(std::iter::once("ok".to_owned()));
            Ok(0)
        }
        Some(Ok(Err(violations))) => {
            print_lines(violations.iter().map(violation_line));
            Ok(INVALID)
        }
    }
}

/// The vendor compiled in under `name` (`tencent-meeting` spells `tencent_meeting`).
fn find_vendor(name: &str) -> Result<&'static Vendor, Unusable> {
    let module = name.replace('-', "_");
    if let Some(vendor) = VENDORS.iter().find(|v| v.name == module) {
        return Ok(vendor);
    }
    if ALL_VENDORS.contains(&module.as_str()) {
        let feature = module.replace('_', "-");
        return Err(format!(
            "validate: vendor `{module}` is not compiled in; build with the cargo feature `{feature}`"
        ));
    }
    if VENDORS.is_empty() {
        return Err(no_vendor_compiled_in());
    }
    let known: Vec<&str> = VENDORS.iter().map(|v| v.name).collect();
    Err(unknown(
        &format!("unknown vendor `{name}`"),
        &module,
        &known,
        "vendors",
    ))
}

/// The operation `name` of `vendor`.
fn find_operation(vendor: &Vendor, name: &str) -> Result<&'static OperationInfo, Unusable> {
    vendor
        .operations
        .iter()
        .find(|op| op.name == name)
        .ok_or_else(|| unknown_operation(vendor, name))
}

/// Names the vendor's operations, and the vendor `name` belongs to if another.
fn unknown_operation(vendor: &Vendor, name: &str) -> Unusable {
    let known: Vec<&str> = vendor.operations.iter().map(|op| op.name).collect();
    let mut problem = format!("unknown operation `{name}` of {}", vendor.name);
    let owner = VENDORS
        .iter()
        .find(|v| v.operations.iter().any(|op| op.name == name));
    if let Some(owner) = owner {
        problem.push_str(&format!(" (it is an operation of {})", owner.name));
    }
    unknown(
        &problem,
        name,
        &known,
        &format!("operations of {}", vendor.name),
    )
}

/// The problem, the closest known name if one is close, and every known name.
fn unknown(problem: &str, given: &str, known: &[&str], plural: &str) -> Unusable {
    let mut message = format!("validate: {problem}");
    if let Some(suggestion) = closest(given, known) {
        message.push_str(&format!("; did you mean `{suggestion}`?"));
    }
    message.push_str(&format!("\n{plural}: {}", known.join(", ")));
    message.push_str("\nRun `validate --list` for every vendor and operation.");
    message
}

/// The known name fewest edits away from `given`, when few enough to be a typo.
fn closest<'a>(given: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = given.chars().count().max(3) / 3;
    known
        .iter()
        .map(|name| (edit_distance(given, name), *name))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(diagonal + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

/// The input's name for messages, and its text.
fn read_input(file: Option<&Path>) -> Result<(String, String), Unusable> {
    let (source, read) = match file {
        None => {
            let mut text = String::new();
            let read = std::io::stdin().read_to_string(&mut text).map(|_| text);
            (STDIN_NAME.to_owned(), read)
        }
        Some(path) => (path.display().to_string(), std::fs::read_to_string(path)),
    };
    read.map(|text| (source.clone(), text))
        .map_err(|error| format!("validate: cannot read {source}: {error}"))
}

/// `source:line:column: message`, plus a reminder of the expected shape when
/// the JSON is well formed but does not fit the request type.
fn json_error(
    source: &str,
    error: &serde_json::Error,
    vendor: &Vendor,
    op: &OperationInfo,
) -> Unusable {
    let text = error.to_string();
    let mut message = if error.line() == 0 {
        format!("{source}: {text}")
    } else {
        let (line, column) = (error.line(), error.column());
        let suffix = format!(" at line {line} column {column}");
        let bare = text.strip_suffix(&suffix).unwrap_or(&text);
        format!("{source}:{line}:{column}: {bare}")
    };
    if error.is_data() {
        message.push_str(&format!(
            "\nnote: expected the whole {} {} request ({} {}): path and query \
             parameters plus `body`; see `validate --help`",
            vendor.name,
            op.name,
            op.method.as_str(),
            op.path
        ));
    }
    message
}

/// `path: message`, the message being the violation's text without its leading path.
fn violation_line(violation: &Violation) -> String {
    let text = violation.to_string();
    let path = violation.path.as_str();
    match text
        .strip_prefix(path)
        .and_then(|rest| rest.strip_prefix(' '))
    {
        Some(message) => format!("{path}: {message}"),
        None => format!("{path}: {text}"),
    }
}

/// Writes lines to standard output; a closed pipe ends the output quietly.
fn print_lines(lines: impl Iterator<Item = String>) {
    let mut out = std::io::stdout().lock();
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("update_room", "update_room"), 0);
        assert_eq!(edit_distance("updte_room", "update_room"), 1);
        assert_eq!(edit_distance("kedacon", "kedacom"), 1);
        assert_eq!(edit_distance("", "yxt"), 3);
        assert_eq!(edit_distance("polyv", ""), 5);
    }

    #[test]
    fn only_a_close_name_is_suggested() {
        let known = ["update_room", "update_room_with_sessions"];
        assert_eq!(closest("updte_room", &known), Some("update_room"));
        assert_eq!(closest("delete_everything", &known), None);
    }
}
