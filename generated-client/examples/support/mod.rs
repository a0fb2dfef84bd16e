//! What the examples share: reading the environment, pointing a client at a
//! base URL, and turning the outcome into an exit code.

#![allow(dead_code)] // Each example uses a different part.

use std::fmt::Debug;
use std::process::ExitCode;

use meeting_api_client::{ClientBuilder, Error};

/// The environment variable `name`; when it is missing, says so and gives the
/// exit code for a usage error.
pub fn required(name: &str) -> Result<String, ExitCode> {
    std::env::var(name).map_err(|_| {
        eprintln!("missing environment variable {name}");
        ExitCode::from(2)
    })
}

/// The environment variable `name`, when it is set and not empty.
pub fn optional(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Sends to `base`; an `http://` URL is accepted, for local testing.
pub fn at<C>(builder: ClientBuilder<C>, base: String) -> ClientBuilder<C> {
    builder
        .allow_http(base.starts_with("http://"))
        .base_url(base)
}

/// Sends to the URL in the environment variable `var` when it is set, else
/// to the vendor's host.
pub fn at_env<C>(builder: ClientBuilder<C>, var: &str) -> ClientBuilder<C> {
    match optional(var) {
        Some(base) => at(builder, base),
        None => builder,
    }
}

/// The client, or the configuration error printed and the usage exit code.
pub fn built<C>(client: Result<C, Error>) -> Result<C, ExitCode> {
    client.map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}

/// Prints the reply, or the error (its message and its details); the exit
/// code says which.
pub fn report<T: Debug>(reply: Result<T, Error>) -> ExitCode {
    match reply {
        Ok(reply) => {
            println!("{reply:#?}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}\n{e:?}");
            ExitCode::FAILURE
        }
    }
}
