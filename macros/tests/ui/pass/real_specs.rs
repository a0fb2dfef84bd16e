//! Every real spec through the macro compiles against the runtime, with each
//! way of writing the arguments, and describes the same operations and examples
//! as the modules build.rs generates into `meeting_api_client`.
#![deny(warnings)]
// A binary uses little of a generated client.
#![allow(dead_code)]

use ::meeting_api_client as rt;

mod tencent_meeting {
    meeting_api_macros::generate_api!("../specs/tencent_meeting.yaml");
}

mod yxt {
    meeting_api_macros::generate_api!("../specs/yxt.yaml", runtime_path = "crate::rt");
}

mod polyv {
    meeting_api_macros::generate_api!(spec = "../specs/polyv.yaml", runtime_path = "::meeting_api_client",);
}

mod kedacom {
    meeting_api_macros::generate_api!("../specs/kedacom");
}

macro_rules! same_as_build_rs {
    ($module:ident) => {{
        assert_eq!(
            format!("{:?}", $module::OPERATIONS),
            format!("{:?}", meeting_api_client::$module::OPERATIONS),
        );
        assert_eq!(
            format!("{:?}", $module::__hooks::EXAMPLES),
            format!("{:?}", meeting_api_client::$module::__hooks::EXAMPLES),
        );
        for example in $module::__hooks::EXAMPLES {
            if let Some(decoded) = $module::__hooks::roundtrip_example(example) {
                decoded.expect("every example decodes into its generated type");
            }
        }
    }};
}

fn main() {
    same_as_build_rs!(tencent_meeting);
    same_as_build_rs!(yxt);
    same_as_build_rs!(polyv);
    same_as_build_rs!(kedacom);
}
