//! The specs of the vendors `meeting-api-client` publishes, embedded so that
//! a vendor outside this workspace can `extends:` one of them with nothing but
//! the published crates: the generator checks references to the base's types
//! against the same spec the published module was generated from.
//!
//! `builtin/` is a copy of the workspace's `specs/` (a packaged crate holds
//! only files under its own folder); a test fails when the two differ.

use std::path::PathBuf;

/// Each built-in vendor's name and its spec files (path under `specs/`, text).
const VENDORS: &[(&str, &[(&str, &str)])] = &[
    (
        "kedacom",
        &[
            (
                "kedacom/booked_confs.yaml",
                include_str!("../builtin/kedacom/booked_confs.yaml"),
            ),
            (
                "kedacom/confs.yaml",
                include_str!("../builtin/kedacom/confs.yaml"),
            ),
            (
                "kedacom/meeting_files.yaml",
                include_str!("../builtin/kedacom/meeting_files.yaml"),
            ),
            (
                "kedacom/meeting_room_areas.yaml",
                include_str!("../builtin/kedacom/meeting_room_areas.yaml"),
            ),
            (
                "kedacom/meetings.yaml",
                include_str!("../builtin/kedacom/meetings.yaml"),
            ),
            (
                "kedacom/resources.yaml",
                include_str!("../builtin/kedacom/resources.yaml"),
            ),
            (
                "kedacom/vendor.yaml",
                include_str!("../builtin/kedacom/vendor.yaml"),
            ),
            (
                "kedacom/virtual_meeting_rooms.yaml",
                include_str!("../builtin/kedacom/virtual_meeting_rooms.yaml"),
            ),
        ],
    ),
    (
        "polyv",
        &[("polyv.yaml", include_str!("../builtin/polyv.yaml"))],
    ),
    (
        "tencent_meeting",
        &[(
            "tencent_meeting.yaml",
            include_str!("../builtin/tencent_meeting.yaml"),
        )],
    ),
    ("yxt", &[("yxt.yaml", include_str!("../builtin/yxt.yaml"))]),
];

/// The names of the built-in vendors, in order.
pub(crate) fn names() -> Vec<&'static str> {
    VENDORS.iter().map(|(name, _)| *name).collect()
}

/// The spec files of the built-in vendor `name`, each with the path it is
/// reported under (`<meeting-api-codegen>/specs/...`) and its text.
pub(crate) fn files(name: &str) -> Option<Vec<(PathBuf, &'static str)>> {
    let (_, files) = VENDORS.iter().find(|(n, _)| *n == name)?;
    let shown = |path: &str| PathBuf::from("<meeting-api-codegen>/specs").join(path);
    Some(
        files
            .iter()
            .map(|(path, text)| (shown(path), *text))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every file under `dir`, as (path relative to `dir`, text), sorted.
    fn tree(dir: &Path) -> Vec<(String, String)> {
        let mut found = Vec::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(d) = todo.pop() {
            for entry in std::fs::read_dir(&d).expect("a readable folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    todo.push(path);
                } else {
                    let rel = path.strip_prefix(dir).expect("under dir");
                    let text = std::fs::read_to_string(&path).expect("a text file");
                    found.push((rel.to_string_lossy().replace('\\', "/"), text));
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn the_embedded_specs_are_the_workspace_specs_file_for_file() {
        let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let mut embedded: Vec<(String, String)> = VENDORS
            .iter()
            .flat_map(|(_, files)| files.iter())
            .map(|(path, text)| (path.to_string(), text.to_string()))
            .collect();
        embedded.sort();
        assert_eq!(
            embedded,
            tree(&specs),
            "generator/builtin/ and its table in builtin.rs must equal specs/: copy specs/ over generator/builtin/"
        );
        let copy = Path::new(env!("CARGO_MANIFEST_DIR")).join("builtin");
        assert_eq!(
            tree(&copy),
            tree(&specs),
            "generator/builtin/ holds specs/ only"
        );
    }

    #[test]
    fn a_built_in_vendor_is_found_by_name_and_an_unknown_one_is_not() {
        let kedacom = files("kedacom").expect("a built-in vendor");
        assert!(kedacom
            .iter()
            .any(|(p, _)| p.ends_with("kedacom/vendor.yaml")));
        assert!(files("nobody").is_none());
        assert!(names().contains(&"tencent_meeting"));
    }
}
